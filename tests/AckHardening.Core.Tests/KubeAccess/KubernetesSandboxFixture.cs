using System.Net;
using AckHardening.Core.KubeAccess;
using AckHardening.Sandbox.Kubernetes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AckHardening.Core.Tests.KubeAccess;

/// <summary>
/// One emulated API server on 127.0.0.1 with a dynamic port, driven by a fake clock. Each test class gets its own,
/// so tests that change state do not disturb each other's classes; tests in a class use distinct objects.
/// </summary>
public sealed class KubernetesSandboxFixture : IAsyncLifetime
{
    private WebApplication? _app;
    internal FakeClock Clock { get; } = new();
    internal KubernetesClusterState State { get; private set; } = null!;
    internal List<KubernetesRequestRecord> Requests { get; } = [];
    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        State = KubernetesScenario.Parse(TestScenario.Json)[TestScenario.ClusterId];
        var server = new KubernetesApiServer(State, () => Clock.Now, r => { lock (Requests) Requests.Add(r); });
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.Run(server.HandleAsync);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
    }

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }

    public string Kubeconfig(string token) => $"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: sandbox
          cluster:
            server: {BaseAddress.ToString().TrimEnd('/')}
        contexts:
        - name: sandbox
          context:
            cluster: sandbox
            user: tester
        current-context: sandbox
        users:
        - name: tester
          user:
            token: {token}
        """;

    internal KubernetesGateway Gateway(ListLog log, string? token = null)
    {
        var gateway = KubernetesGateway.Connect(KubeconfigSource.FromYaml(Kubeconfig(token ?? TestScenario.Token), description: "test kubeconfig"), log);
        gateway.UtcNow = () => Clock.Now;
        gateway.Delay = (d, ct) => { ct.ThrowIfCancellationRequested(); Clock.Advance(d); return Task.CompletedTask; };
        return gateway;
    }
}
