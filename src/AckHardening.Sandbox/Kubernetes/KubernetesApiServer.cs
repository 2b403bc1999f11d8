using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace AckHardening.Sandbox.Kubernetes;

/// <summary>
/// The emulated Kubernetes API server of one cluster: authenticates the bearer token, routes the request, and
/// answers with the JSON shapes and status codes of a real API server. Hosts call <see cref="HandleAsync"/> for
/// every request that arrives on the cluster's port (see <see cref="KubernetesApiExtensions"/>).
/// </summary>
public sealed class KubernetesApiServer
{
    private const string SupportedPatchTypes = "application/merge-patch+json, application/strategic-merge-patch+json";
    private readonly Func<DateTimeOffset> _clock;
    private readonly Action<KubernetesRequestRecord>? _log;

    public KubernetesApiServer(KubernetesClusterState state, Func<DateTimeOffset> clock, Action<KubernetesRequestRecord>? log = null)
    {
        State = state ?? throw new ArgumentNullException(nameof(state));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _log = log;
    }

    public KubernetesClusterState State { get; }

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var method = request.Method.ToUpperInvariant();
        var path = request.Path.Value ?? "/";
        var route = KubernetesRoute.Parse(path);
        var fieldManager = request.Query["fieldManager"].ToString() is { Length: > 0 } fm ? fm : null;
        var contentType = request.ContentType;
        var now = _clock();

        var (status, body) = await DispatchAsync(context, route, method, now).ConfigureAwait(false);

        var response = context.Response;
        response.StatusCode = status;
        response.Headers["Audit-Id"] = Guid.NewGuid().ToString();
        response.Headers.CacheControl = "no-cache, private";
        if (body is null)
        {
            response.ContentType = "text/plain; charset=utf-8";
            await response.WriteAsync("ok", context.RequestAborted).ConfigureAwait(false);
        }
        else
        {
            response.ContentType = "application/json";
            await response.WriteAsync(body.ToJsonString(KubeJson.Compact), context.RequestAborted).ConfigureAwait(false);
        }
        _log?.Invoke(new KubernetesRequestRecord(State.ClusterId, route?.Action(method) ?? "Unknown", method, path, status,
            method is "PATCH" or "PUT" or "POST" or "DELETE", now, fieldManager, contentType));
    }

    private async Task<(int, JsonObject?)> DispatchAsync(HttpContext context, KubernetesRoute? route, string method, DateTimeOffset now)
    {
        var request = context.Request;
        var publicInfo = route?.Discovery is "version" or "healthz" or "livez" or "readyz";
        var auth = Authenticate(request.Headers.Authorization.ToString());
        // Like a cluster with anonymous access to public info: no token is fine there, a wrong token never is.
        if (auth == AuthResult.Invalid || (auth == AuthResult.Missing && !publicInfo)) return (401, KubernetesStatus.Unauthorized());

        if (route is null) return (404, KubernetesStatus.PathNotFound());
        if (route.Discovery is { } doc)
        {
            if (method != "GET") return (405, KubernetesStatus.MethodNotAllowed($"the server does not allow this method on the requested resource"));
            if (doc is "healthz" or "livez" or "readyz") return (200, null);
            var serverAddress = $"{request.Host.Host}:{context.Connection.LocalPort}";
            return (200, KubernetesDiscovery.Document(doc, State, serverAddress));
        }

        var type = route.Type!;
        var query = request.Query;
        if (query["watch"] is { Count: > 0 } w && w.ToString() is "true" or "1")
            return (405, KubernetesStatus.MethodNotAllowed("watch is not supported by the sandbox API server; poll with GET instead"));
        if (query["dryRun"].Count > 0)
            return (400, KubernetesStatus.BadRequest("dryRun is not supported by the sandbox API server"));

        switch (method)
        {
            case "GET" when route.IsList:
                var outcome = State.List(type, route.Namespace, query["labelSelector"].ToString(), query["fieldSelector"].ToString(), now);
                return (outcome.StatusCode, outcome.Body);
            case "GET":
                var got = State.Get(type, route.Namespace ?? "", route.Name!, now);
                return (got.StatusCode, got.Body);
            case "PATCH" when !route.IsList && (type.IsWorkload || type == ResourceType.ConfigMap || type == ResourceType.Secret):
                return await PatchAsync(context, route, now).ConfigureAwait(false);
            case "PUT" when !route.IsList && (type == ResourceType.ConfigMap || type == ResourceType.Secret):
                return await ReplaceAsync(context, route, now).ConfigureAwait(false);
            default:
                return (405, KubernetesStatus.MethodNotAllowed($"the sandbox API server does not allow {method} on {KubernetesStatus.Qualified(type)}"));
        }
    }

    private async Task<(int, JsonObject?)> PatchAsync(HttpContext context, KubernetesRoute route, DateTimeOffset now)
    {
        var mediaType = (context.Request.ContentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        bool strategic;
        if (mediaType == "application/strategic-merge-patch+json") strategic = true;
        else if (mediaType == "application/merge-patch+json") strategic = false;
        else return (415, KubernetesStatus.UnsupportedMediaType(SupportedPatchTypes));

        var (patch, error) = await ReadObjectAsync(context, "error decoding patch").ConfigureAwait(false);
        if (patch is null) return (400, KubernetesStatus.BadRequest(error!));
        var outcome = State.Patch(route.Type!, route.Namespace ?? "", route.Name!, patch, strategic, context.Request.Query["fieldManager"].ToString(), now);
        return (outcome.StatusCode, outcome.Body);
    }

    private async Task<(int, JsonObject?)> ReplaceAsync(HttpContext context, KubernetesRoute route, DateTimeOffset now)
    {
        var mediaType = (context.Request.ContentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        if (mediaType != "application/json") return (415, KubernetesStatus.UnsupportedMediaType("application/json"));
        var (body, error) = await ReadObjectAsync(context, "error decoding body").ConfigureAwait(false);
        if (body is null) return (400, KubernetesStatus.BadRequest(error!));
        if ((string?)body["kind"] is { } kind && kind != route.Type!.Kind)
            return (400, KubernetesStatus.BadRequest($"the kind of the object ({kind}) does not match the kind on the URL ({route.Type.Kind})"));
        var outcome = State.Replace(route.Type!, route.Namespace ?? "", route.Name!, body, context.Request.Query["fieldManager"].ToString(), now);
        return (outcome.StatusCode, outcome.Body);
    }

    private static async Task<(JsonObject?, string?)> ReadObjectAsync(HttpContext context, string what)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        try
        {
            return JsonNode.Parse(text) is JsonObject obj ? (obj, null) : (null, $"{what}: the body must be a JSON object");
        }
        catch (JsonException e)
        {
            return (null, $"{what}: {e.Message}");
        }
    }

    private enum AuthResult { Missing, Invalid, Valid }

    private AuthResult Authenticate(string header)
    {
        if (string.IsNullOrEmpty(header)) return AuthResult.Missing;
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return AuthResult.Invalid;
        var presented = Encoding.UTF8.GetBytes(header[scheme.Length..].Trim());
        var expected = Encoding.UTF8.GetBytes(State.Token);
        return CryptographicOperations.FixedTimeEquals(presented, expected) ? AuthResult.Valid : AuthResult.Invalid;
    }
}
