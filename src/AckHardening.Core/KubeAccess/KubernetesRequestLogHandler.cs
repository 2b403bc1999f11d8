using System.Diagnostics;
using AckHardening.Core.Diagnostics;

namespace AckHardening.Core.KubeAccess;

/// <summary>
/// Writes one debug line per API call: verb, path and query, status and elapsed time. Headers (and so the bearer
/// token or client certificate identity) and bodies are never written.
/// </summary>
internal sealed class KubernetesRequestLogHandler(IAckLog log) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var target = request.RequestUri?.PathAndQuery ?? "?";
        var watch = Stopwatch.StartNew();
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            log.Debug($"Kubernetes {request.Method} {target} -> {(int)response.StatusCode} {response.ReasonPhrase} ({watch.ElapsedMilliseconds} ms)");
            return response;
        }
        catch (Exception e)
        {
            log.Debug($"Kubernetes {request.Method} {target} -> {e.GetType().Name} ({watch.ElapsedMilliseconds} ms)");
            throw;
        }
    }
}
