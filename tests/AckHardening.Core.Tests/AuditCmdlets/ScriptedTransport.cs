using System.Net;
using System.Text.Json;
using AckHardening.Core.Http;

namespace AckHardening.Core.Tests.AuditCmdlets;

/// <summary>One scripted answer: a JSON body with headers, or a service error to throw.</summary>
internal sealed record FakeAnswer(string Body, Dictionary<string, string>? Headers = null, AlibabaServiceException? Error = null)
{
    public static FakeAnswer Fail(ServiceDescriptor service, string action, string code, HttpStatusCode status) =>
        new("", null, new AlibabaServiceException(service.Name, action, code, "scripted failure", status, "req-err"));
}

/// <summary>
/// An <see cref="IApiTransport"/> whose answers are computed per request by the test (from the request and the
/// number of earlier calls of the same action); records every request, headers included in the answers.
/// </summary>
internal sealed class ScriptedTransport : IApiTransport
{
    private readonly Dictionary<string, Func<ApiRequest, int, FakeAnswer>> _handlers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _calls = new(StringComparer.Ordinal);

    public List<ApiRequest> Requests { get; } = new();

    public ScriptedTransport On(ServiceDescriptor service, string action, Func<ApiRequest, int, FakeAnswer> handler)
    {
        _handlers[service.Name + "/" + action] = handler;
        return this;
    }

    public ScriptedTransport On(ServiceDescriptor service, string action, string json) => On(service, action, (_, _) => new FakeAnswer(json));

    public int Count(string action) => Requests.Count(r => r.Action == action);

    public Task<ApiResponse> SendAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Requests.Add(request);
        var key = request.Service.Name + "/" + request.Action;
        if (!_handlers.TryGetValue(key, out var handler)) throw new InvalidOperationException($"No scripted answer for {key}.");
        var n = _calls[key] = _calls.GetValueOrDefault(key) + 1;
        var answer = handler(request, n);
        if (answer.Error is not null) throw answer.Error;
        using var doc = JsonDocument.Parse(answer.Body);
        var headers = new Dictionary<string, string>(answer.Headers ?? new(), StringComparer.OrdinalIgnoreCase);
        return Task.FromResult(new ApiResponse(HttpStatusCode.OK, "req-" + n, doc.RootElement.Clone(), headers, TimeSpan.Zero, 1));
    }
}
