using System.Text;
using System.Text.Json.Nodes;
using AckHardening.Sandbox.Auth;
using AckHardening.Sandbox.Faults;
using AckHardening.Sandbox.Hosting;
using AckHardening.Sandbox.Infrastructure;
using AckHardening.Sandbox.State;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace AckHardening.Sandbox.Pipeline;

/// <summary>A bound port and what it serves (for Kubernetes listeners, which cluster).</summary>
public sealed record Listener(SandboxService Service, string? ClusterId = null);

/// <summary>
/// The single terminal middleware. For every emulated-service request: find the operation, authenticate,
/// check the API version and the caller's rights, apply injected faults, run the handler, wrap the result in
/// the service's envelope, and log the request (rejected ones too). Control requests skip auth, faults and log.
/// </summary>
public sealed class RequestDispatcher(SandboxRuntime runtime, Func<int, Listener?> listenerForPort, ILogger logger)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var listener = listenerForPort(http.Connection.LocalPort);
        if (listener is null) { http.Response.StatusCode = 404; return; }

        var service = listener.Service;
        var state = runtime.State;
        var requestId = RandomIds.RequestId();
        var body = await ReadBodyAsync(http);
        var (rawPath, rawQuery) = RawTarget(http);
        var decodedPath = http.Request.Path.HasValue ? http.Request.Path.Value! : "/";
        var method = http.Request.Method.ToUpperInvariant();
        var query = AcsV3Canonicalizer.ParseQuery(rawQuery);
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in query) parameters[k] = v;

        ApiOperation? op;
        IReadOnlyDictionary<string, string> route = new Dictionary<string, string>();
        string action;
        if (service.Style == ApiStyle.Rpc)
        {
            if (IsForm(http)) foreach (var (k, v) in AcsV3Canonicalizer.ParseQuery(Encoding.UTF8.GetString(body))) parameters[k] = v;
            action = http.Request.Headers["x-acs-action"].ToString() is { Length: > 0 } h ? h : parameters.GetValueOrDefault("Action", "");
            op = runtime.Registry.FindRpc(service, action);
        }
        else
        {
            var match = runtime.Registry.MatchRoa(service, method, decodedPath);
            op = match?.Operation;
            if (match is not null) route = match.Value.Values;
            action = op?.Action ?? (http.Request.Headers["x-acs-action"].ToString() is { Length: > 0 } h ? h : "Unknown");
        }

        var logged = service.Style != ApiStyle.Control;
        var isWrite = op?.IsWrite ?? GuessWrite(service, method, action);
        CallerIdentity? caller = null;
        string? faultApplied = null;
        ApiResult result;
        try
        {
            if (op is not { Anonymous: true } && service.Style != ApiStyle.Control)
                caller = Authenticate(service, state, new AuthRequest(method, rawPath, rawQuery, Headers(http), body));
            if (service.Style is ApiStyle.Rpc or ApiStyle.Roa) CheckVersion(service, http);
            if (op is null) throw NotFound(service, method, decodedPath, action);
            if (caller is not null && service.Style is ApiStyle.Rpc or ApiStyle.Roa && !caller.IsAllowed($"{service.RamCode}:{action}"))
                throw Denied(service, caller, $"{service.RamCode}:{action}");

            var fault = service.Style == ApiStyle.Control ? null : state.Faults.Take(service.Name, action);
            faultApplied = fault?.Kind.ToLowerInvariant();
            switch (fault?.ParsedKind)
            {
                case FaultKind.Throttle: throw Throttled(service, fault);
                case FaultKind.Error: throw Failed(fault);
                case FaultKind.Reset:
                    if (logged) state.Log.Add(Entry(state, service, action, method, decodedPath, 0, isWrite, null, caller, faultApplied));
                    http.Abort();
                    return;
                case FaultKind.Delay: await Task.Delay(fault.DelayMs, http.RequestAborted); break;
            }

            var call = new ApiCall
            {
                Http = http, Service = service, Action = action, RequestId = requestId, State = state, Runtime = runtime,
                Clock = runtime.Clock, Caller = caller, Parameters = parameters, Route = route, Body = body, ClusterId = listener.ClusterId,
            };
            result = await op.Handler(call);
            if (fault?.ParsedKind == FaultKind.ResetAfter)
            {
                // The server acted on the request; the client never learns it (a dropped connection after the commit).
                if (logged) state.Log.Add(Entry(state, service, action, method, decodedPath, 0, isWrite, null, caller, faultApplied));
                http.Abort();
                return;
            }
            if (fault?.ParsedKind == FaultKind.Malformed)
            {
                await WriteMalformedAsync(http, service, result, requestId);
                if (logged) state.Log.Add(Entry(state, service, action, method, decodedPath, 200, isWrite, null, caller, faultApplied));
                return;
            }
        }
        catch (ApiException e)
        {
            result = ErrorEnvelope.Render(service, e, requestId);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            if (logged) state.Log.Add(Entry(state, service, action, method, decodedPath, 499, isWrite, "ClientClosedRequest", caller, faultApplied));
            return;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Handler for {Service} {Action} failed", service.Name, action);
            result = ErrorEnvelope.Render(service, new ApiException(500, "InternalError",
                "The request processing has failed due to some unknown error, exception or failure."), requestId);
        }

        await WriteAsync(http, service, result, requestId);
        if (logged)
            state.Log.Add(Entry(state, service, action, method, decodedPath, result.Status, isWrite,
                result.Status >= 400 ? ErrorCode(result.Body) : null, caller, faultApplied));
    }

    private CallerIdentity Authenticate(SandboxService service, SandboxState state, AuthRequest request)
    {
        var authenticators = runtime.Registry.AuthenticatorsFor(service);
        var authenticator = authenticators.FirstOrDefault(a => a.Handles(request));
        if (authenticator is null)
        {
            if (authenticators.Count == 0)
                throw new ApiException(401, "Unauthorized", $"The sandbox has no signature verifier for {service.Name} yet.");
            // The POP gateway rejects a missing or foreign Authorization scheme as an incomplete signature (unverified).
            throw AuthErrors.Incomplete(request.Header("authorization") is null
                ? "The Authorization header is missing."
                : "Unsupported signature scheme; the sandbox accepts ACS3-HMAC-SHA256 (OpenAPI signature V3).");
        }
        return authenticator.Authenticate(request, new AuthContext(state, runtime.Clock.WallUtcNow, runtime.Clock.UtcNow, state.Nonces));
    }

    private static void CheckVersion(SandboxService service, HttpContext http)
    {
        var version = http.Request.Headers["x-acs-version"].ToString();
        if (version.Length == 0 && service.Style == ApiStyle.Rpc) version = http.Request.Query["Version"].ToString();
        if (version.Length == 0) throw new ApiException(400, "MissingVersion", "Version is mandatory for this action.");
        if (version != service.Version)
            throw new ApiException(400, "InvalidVersion", $"Specified parameter Version is not valid. {service.Name} accepts {service.Version}.");
    }

    private ApiException NotFound(SandboxService service, string method, string path, string action) => service.Style switch
    {
        ApiStyle.Rpc => new ApiException(404, "InvalidAction.NotFound", $"Specified api is not found, please check your url and method. Action={action}"),
        ApiStyle.Kubernetes or ApiStyle.Control when runtime.Registry.PathExists(service, path) =>
            new ApiException(405, "MethodNotAllowed", $"the server does not allow this method on the requested resource ({method} {path})"),
        ApiStyle.Kubernetes => new ApiException(404, "NotFound", $"the server could not find the requested resource ({method} {path})"),
        ApiStyle.Sls => new ApiException(404, "ParameterInvalid", $"the sandbox does not implement {method} {path}"),
        _ => new ApiException(404, "InvalidAction.NotFound", $"Specified api is not found, please check your url and method. {method} {path}"),
    };

    /// <summary>RAM's implicit deny. CS's own code for this (ErrorCheckAcl, 403) is only weakly sourced (unverified).</summary>
    private static ApiException Denied(SandboxService service, CallerIdentity caller, string ramAction)
    {
        if (service.Style == ApiStyle.Roa)
            return new ApiException(403, "ErrorCheckAcl", $"You are not authorized to do this action ({ramAction}). You should be authorized by RAM.");
        return new ApiException(403, "NoPermission", "You are not authorized to do this action. You should be authorized by RAM.")
        {
            Extra = new JsonObject
            {
                ["AccessDeniedDetail"] = new JsonObject
                {
                    ["AuthAction"] = ramAction,
                    ["AuthPrincipalType"] = caller.Kind switch { CallerKind.AssumedRole => "AssumedRoleUser", CallerKind.RamUser => "SubUser", _ => "Account" },
                    ["AuthPrincipalOwnerId"] = caller.AccountUid,
                    ["AuthPrincipalDisplayName"] = caller.Arn,
                    ["NoPermissionType"] = "ImplicitDeny",
                    ["PolicyType"] = "AccountLevelIdentityBasedPolicy",
                },
            },
        };
    }

    /// <summary>Throttling as POP sends it: HTTP 400, Throttling.User unless the rule names another code (section 7).</summary>
    private static ApiException Throttled(SandboxService service, FaultRule rule)
    {
        var sls = service.Style == ApiStyle.Sls;
        var code = rule.Code ?? (sls ? "ReadQuotaExceed" : "Throttling.User");
        var message = rule.Message ?? (code switch
        {
            "Throttling.Api" => "Request was denied due to api flow control.",
            "ReadQuotaExceed" => "Project read quota exceed.",
            _ => "Request was denied due to user flow control.",
        });
        var e = new ApiException(rule.Status ?? (sls ? 403 : 400), code, message);
        if (rule.RetryAfterMs is { } ms) e.Headers["x-acs-retry-after"] = ms.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return e;
    }

    private static ApiException Failed(FaultRule rule)
    {
        var status = rule.Status ?? 503;
        var code = rule.Code ?? (status == 503 ? "ServiceUnavailable" : "InternalError");
        return new ApiException(status, code, rule.Message ?? (status == 503
            ? "The request has failed due to a temporary failure of the server."
            : "The request processing has failed due to some unknown error, exception or failure."));
    }

    private static async Task WriteAsync(HttpContext http, SandboxService service, ApiResult result, string requestId)
    {
        var response = http.Response;
        response.StatusCode = result.Status;
        AddRequestIdHeader(response, service, requestId);
        foreach (var (k, v) in result.Headers) response.Headers[k] = v;
        if (result.Body is null) return;
        if (service.Style == ApiStyle.Rpc && result.Body is JsonObject obj && !obj.ContainsKey("RequestId"))
            obj["RequestId"] = requestId;
        response.ContentType = "application/json;charset=utf-8";
        await response.WriteAsync(SandboxJson.Serialize(result.Body), http.RequestAborted);
    }

    /// <summary>A 200 whose JSON stops halfway: what a client sees when a proxy or the service truncates a response.</summary>
    private static async Task WriteMalformedAsync(HttpContext http, SandboxService service, ApiResult result, string requestId)
    {
        if (service.Style == ApiStyle.Rpc && result.Body is JsonObject obj && !obj.ContainsKey("RequestId")) obj["RequestId"] = requestId;
        var full = SandboxJson.Serialize(result.Body ?? new JsonObject { ["RequestId"] = requestId });
        http.Response.StatusCode = 200;
        AddRequestIdHeader(http.Response, service, requestId);
        http.Response.ContentType = "application/json;charset=utf-8";
        await http.Response.WriteAsync(full[..Math.Max(1, full.Length / 2)], http.RequestAborted);
    }

    private static void AddRequestIdHeader(HttpResponse response, SandboxService service, string requestId)
    {
        if (service.Style is ApiStyle.Rpc or ApiStyle.Roa) response.Headers["x-acs-request-id"] = requestId;
        else if (service.Style == ApiStyle.Sls) response.Headers["x-log-requestid"] = requestId;
    }

    /// <summary>Log entries carry simulated time, so tests can relate them to clock advances.</summary>
    private RequestLogEntry Entry(SandboxState state, SandboxService service, string action, string method, string path,
        int status, bool isWrite, string? code, CallerIdentity? caller, string? fault) =>
        new(state.Log.NextSeq(), runtime.Clock.UtcNow.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            service.Name, action, method, path, status, isWrite, code, caller?.AccessKeyId, fault);

    private static string? ErrorCode(JsonNode? body) =>
        body is JsonObject o ? (o["Code"] ?? o["code"] ?? o["errorCode"] ?? o["reason"] ?? o["error"])?.ToString() : null;

    private static bool GuessWrite(SandboxService service, string method, string action) => service.Style == ApiStyle.Rpc
        ? !(action.StartsWith("Get", StringComparison.Ordinal) || action.StartsWith("List", StringComparison.Ordinal)
            || action.StartsWith("Describe", StringComparison.Ordinal) || action.StartsWith("Lookup", StringComparison.Ordinal)
            || action.StartsWith("Check", StringComparison.Ordinal))
        : method is not ("GET" or "HEAD");

    private static bool IsForm(HttpContext http) =>
        http.Request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true;

    private static async Task<byte[]> ReadBodyAsync(HttpContext http)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        return buffer.ToArray();
    }

    /// <summary>The path and query exactly as sent (still percent-encoded), which is what the signature covers.</summary>
    private static (string Path, string Query) RawTarget(HttpContext http)
    {
        var raw = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (http.Request.Path + http.Request.QueryString).ToString();
        if (raw.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || raw.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            raw = new Uri(raw).PathAndQuery;
        var q = raw.IndexOf('?');
        return q < 0 ? (raw, "") : (raw[..q], raw[(q + 1)..]);
    }

    private static Dictionary<string, IReadOnlyList<string>> Headers(HttpContext http)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (name, values) in http.Request.Headers)
            result[name.ToLowerInvariant()] = values.Where(v => v is not null).Select(v => v!).ToList();
        return result;
    }
}
