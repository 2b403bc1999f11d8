using System.Collections.Concurrent;
using System.Net;
using AckHardening.Sandbox.Infrastructure;
using AckHardening.Sandbox.Pipeline;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AckHardening.Sandbox.Hosting;

public sealed record SandboxOptions(string ScenarioFolder)
{
    /// <summary>Stop on SIGINT/SIGTERM (the process entry point); off for hosts started inside tests.</summary>
    public bool HandleConsoleSignals { get; init; }
    public LogLevel MinimumLogLevel { get; init; } = LogLevel.Warning;

    public static string DefaultScenarioFolder => Path.Combine(AppContext.BaseDirectory, "Scenarios", "default");
}

/// <summary>
/// Kestrel on 127.0.0.1 with one dynamic port per service and one per cluster (its Kubernetes API server).
/// Usable from the command line (Program) and in-process from tests.
/// </summary>
public sealed class SandboxHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SandboxHost(WebApplication app, SandboxRuntime runtime, SandboxEndpoints endpoints)
    {
        _app = app;
        Runtime = runtime;
        Endpoints = endpoints;
    }

    public SandboxRuntime Runtime { get; }
    public SandboxEndpoints Endpoints { get; }

    public static async Task<SandboxHost> StartAsync(SandboxOptions options, CancellationToken cancellationToken = default)
    {
        // Load the scenario before binding anything, so a broken scenario fails fast with its own message.
        var runtime = new SandboxRuntime(options.ScenarioFolder, ApiRegistry.Discover(), new SimulatedClock());
        var clusterIds = runtime.State.Clusters.All.Select(c => c.Id).ToList();

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        // stdout carries only the READY line; diagnostics go to stderr.
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(options.MinimumLogLevel);
        if (!options.HandleConsoleSignals) builder.Services.AddSingleton<IHostLifetime, PassiveLifetime>();

        var bound = new Dictionary<string, ListenOptions>(StringComparer.Ordinal);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // RPC calls carry every parameter in the query, a 6,144-character policy document included; percent-encoded
            // that is up to ~18 KB, past Kestrel's 8 KB default request line.
            kestrel.Limits.MaxRequestLineSize = 64 * 1024;
            kestrel.Limits.MaxRequestHeadersTotalSize = 96 * 1024;
            kestrel.AddServerHeader = false;
            foreach (var service in SandboxServices.Fixed)
                kestrel.Listen(IPAddress.Loopback, 0, lo => bound[service.Name] = lo);
            foreach (var id in clusterIds)
                kestrel.Listen(IPAddress.Loopback, 0, lo => bound["k8s:" + id] = lo);
        });

        var app = builder.Build();
        var ports = new ConcurrentDictionary<int, Listener>();
        var dispatcher = new RequestDispatcher(runtime, port => ports.GetValueOrDefault(port),
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("AckHardening.Sandbox"));
        // A cluster's port serves its emulated Kubernetes API server; every other port goes to the dispatcher.
        app.Use(async (http, next) =>
        {
            if (ports.GetValueOrDefault(http.Connection.LocalPort) is { ClusterId: { } clusterId }
                && !http.Request.Path.StartsWithSegments("/_sandbox"))
            {
                var state = runtime.State;
                var server = state.Extension(s => new Kubernetes.KubernetesServers(s, runtime)).For(clusterId);
                if (server is not null) { await server.HandleAsync(http); return; }
            }
            await next(http);
        });
        app.Run(dispatcher.InvokeAsync);
        await app.StartAsync(cancellationToken);

        var services = new Dictionary<string, Uri>(StringComparer.Ordinal);
        var kubernetes = new Dictionary<string, Uri>(StringComparer.Ordinal);
        foreach (var (name, lo) in bound)
        {
            var port = lo.IPEndPoint!.Port;
            if (port == 0) throw new InvalidOperationException($"Kestrel did not report the port bound for {name}.");
            var uri = new Uri($"http://127.0.0.1:{port}/");
            if (name.StartsWith("k8s:", StringComparison.Ordinal))
            {
                kubernetes[name[4..]] = uri;
                ports[port] = new Listener(SandboxServices.Kubernetes, name[4..]);
            }
            else
            {
                services[name] = uri;
                ports[port] = new Listener(SandboxServices.Find(name)!);
            }
        }
        var endpoints = new SandboxEndpoints(services, kubernetes);
        runtime.Endpoints = endpoints;
        return new SandboxHost(app, runtime, endpoints);
    }

    /// <summary>Completes when the host stops (signal, <see cref="RequestStop"/> or <see cref="DisposeAsync"/>).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    public void RequestStop() => _app.Lifetime.StopApplication();

    public async ValueTask DisposeAsync()
    {
        try { await _app.StopAsync(TimeSpan.FromSeconds(5)); }
        finally { await _app.DisposeAsync(); }
    }

    /// <summary>Lifetime for in-process hosts: no console signal handlers, the owner stops the host.</summary>
    private sealed class PassiveLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

internal static class WebApplicationStopExtensions
{
    public static async Task StopAsync(this WebApplication app, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await app.StopAsync(cts.Token);
    }
}
