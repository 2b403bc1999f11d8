using System.Net;
using System.Text;

namespace AckHardening.Core.Tests.Http;

/// <summary>Answers each request with the next scripted step and records what was sent (headers and body).</summary>
internal sealed class StubHandler : HttpMessageHandler
{
    private readonly Queue<Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>> _steps = new();
    public List<RecordedRequest> Requests { get; } = new();

    public StubHandler Then(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> step) { _steps.Enqueue(step); return this; }

    public StubHandler ThenJson(HttpStatusCode status, string json, params (string, string)[] headers) => Then((_, _) =>
    {
        var r = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        foreach (var (n, v) in headers) r.Headers.TryAddWithoutValidation(n, v);
        return Task.FromResult(r);
    });

    public StubHandler ThenText(HttpStatusCode status, string text) => Then((_, _) =>
        Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(text, Encoding.UTF8, "text/html") }));

    public StubHandler ThenThrow(Exception e) => Then((_, _) => Task.FromException<HttpResponseMessage>(e));

    /// <summary>Never answers: only cancellation (timeout or caller) ends it.</summary>
    public StubHandler ThenHang() => Then(async (_, ct) => { await Task.Delay(Timeout.Infinite, ct); throw new InvalidOperationException(); });

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        byte[] body = Array.Empty<byte>();
        if (request.Content is not null)
        {
            foreach (var h in request.Content.Headers) headers[h.Key] = string.Join(",", h.Value);
            body = await request.Content.ReadAsByteArrayAsync(cancellationToken);
        }
        Requests.Add(new RecordedRequest(request.Method.Method, request.RequestUri!, headers, body));
        if (_steps.Count == 0) throw new InvalidOperationException("The stub has no more scripted responses.");
        return await _steps.Dequeue()(request, cancellationToken);
    }
}

internal sealed record RecordedRequest(string Method, Uri Uri, Dictionary<string, string> Headers, byte[] Body)
{
    public string BodyText => Encoding.UTF8.GetString(Body);
}

/// <summary>Collects log lines (thread-safe).</summary>
internal sealed class ListLog : AckHardening.Core.Diagnostics.IAckLog
{
    private readonly object _lock = new();
    public List<string> Debugs { get; } = new();
    public List<string> Verboses { get; } = new();
    public List<string> All { get; } = new();
    public void Verbose(string m) { lock (_lock) { Verboses.Add(m); All.Add(m); } }
    public void Debug(string m) { lock (_lock) { Debugs.Add(m); All.Add(m); } }
    public void Warning(string m) { lock (_lock) All.Add(m); }
    public void Information(string m) { lock (_lock) All.Add(m); }
    public void Progress(AckHardening.Core.Diagnostics.AckProgress p) { }
}
