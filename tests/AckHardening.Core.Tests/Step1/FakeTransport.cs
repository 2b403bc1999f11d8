using System.Net;
using System.Text.Json;
using AckHardening.Core.Diagnostics;
using AckHardening.Core.Http;

namespace AckHardening.Core.Tests.Step1;

/// <summary>
/// An <see cref="IApiTransport"/> that answers from a table of handlers keyed by service and action, and records
/// every request it receives, so tests can check both what the clients sent and how they read the answer.
/// </summary>
internal sealed class FakeTransport : IApiTransport
{
    private readonly Dictionary<string, Func<ApiRequest, string>> _handlers = new(StringComparer.Ordinal);
    public List<ApiRequest> Requests { get; } = new();

    public FakeTransport On(ServiceDescriptor service, string action, Func<ApiRequest, string> handler)
    {
        _handlers[service.Name + "/" + action] = handler;
        return this;
    }

    public FakeTransport On(ServiceDescriptor service, string action, string json) => On(service, action, _ => json);

    public int Count(string action) => Requests.Count(r => r.Action == action);

    public Task<ApiResponse> SendAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Requests.Add(request);
        if (!_handlers.TryGetValue(request.Service.Name + "/" + request.Action, out var handler))
            throw new InvalidOperationException($"No fake answer for {request.Service.Name} {request.Action}.");
        var json = handler(request);
        using var doc = JsonDocument.Parse(json);
        var body = doc.RootElement.Clone();
        var requestId = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("RequestId", out var id) ? id.GetString() : "fake-request-id";
        return Task.FromResult(new ApiResponse(HttpStatusCode.OK, requestId, body, new Dictionary<string, string>(), TimeSpan.Zero, 1));
    }

    public static AlibabaServiceException Error(string service, string action, string code, HttpStatusCode status, string requestId = "err-request-id") =>
        new(service, action, code, "fake failure", status, requestId);
}

/// <summary>Collects what domain code logs.</summary>
internal sealed class RecordingLog : IAckLog
{
    public List<string> Verbose { get; } = new();
    public List<string> Warnings { get; } = new();
    public List<string> Information { get; } = new();
    public List<AckProgress> Progress { get; } = new();
    void IAckLog.Verbose(string message) { lock (this) Verbose.Add(message); }
    void IAckLog.Debug(string message) { }
    void IAckLog.Warning(string message) { lock (this) Warnings.Add(message); }
    void IAckLog.Information(string message) { lock (this) Information.Add(message); }
    void IAckLog.Progress(AckProgress progress) { lock (this) Progress.Add(progress); }
}
