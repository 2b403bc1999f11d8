using System.Net;
using System.Text;
using System.Text.Json;

namespace AckHardening.Core.Http;

/// <summary>What a failed response said, before it becomes an <see cref="AlibabaServiceException"/> (which needs the attempt count).</summary>
internal sealed record ServiceError(string Code, string Message, HttpStatusCode? Status, string? RequestId, string? Recommend,
    string? AccessDeniedDetail, bool HasErrorBody, TimeSpan? RetryAfter, Exception? Inner = null)
{
    public AlibabaServiceException ToException(ApiRequest request, int attempts) =>
        new(request.Service.Name, request.Action, Code, Message, Status, RequestId, Recommend, AccessDeniedDetail, Inner) { Attempts = attempts };
}

/// <summary>
/// Reads the error bodies of the three API families: RPC (Code/Message/RequestId/HostId/Recommend/AccessDeniedDetail),
/// ROA (code/message/requestId in either case, optional status/data) and SLS (errorCode/errorMessage, x-log-requestid).
/// </summary>
internal static class ServiceErrorParser
{
    public static ServiceError Parse(HttpStatusCode status, IReadOnlyDictionary<string, string> headers, byte[] body)
    {
        var requestId = RequestIdFromHeaders(headers);
        var retryAfter = RetryAfterOf(headers);
        if (TryParseObject(body, out var root))
        {
            var code = Str(root, "Code", "code", "errorCode", "ErrorCode");
            var message = Str(root, "Message", "message", "errorMessage", "ErrorMessage", "msg");
            if (code is null && root.TryGetProperty("error", out var nested) && nested.ValueKind == JsonValueKind.Object)
            {
                code = Str(nested, "code", "Code");
                message ??= Str(nested, "message", "Message");
            }
            requestId = Str(root, "RequestId", "requestId", "requestid", "request_id") ?? requestId;
            var recommend = Str(root, "Recommend", "recommend");
            var detail = Raw(root, "AccessDeniedDetail", "accessDeniedDetail");
            if (code is not null || message is not null)
            {
                return new ServiceError(code ?? StatusCode(status), message ?? StatusText(status), status, requestId, recommend, detail,
                    HasErrorBody: true, retryAfter);
            }
        }
        var text = body.Length == 0 ? "the response body was empty" : "the response body was not a JSON error: " + Snippet(body);
        return new ServiceError(StatusCode(status), $"HTTP {(int)status} {StatusText(status)}; {text}.", status, requestId, null, null,
            HasErrorBody: false, retryAfter);
    }

    public static string? RequestIdFromHeaders(IReadOnlyDictionary<string, string> headers) =>
        headers.TryGetValue("x-acs-request-id", out var id) ? id
        : headers.TryGetValue("x-log-requestid", out id) ? id
        : null;

    /// <summary>A request id from a successful body (RPC RequestId, ROA requestId/request_id).</summary>
    public static string? RequestIdFromBody(JsonElement body) =>
        body.ValueKind == JsonValueKind.Object ? Str(body, "RequestId", "requestId", "requestid", "request_id") : null;

    /// <summary>x-acs-retry-after is in milliseconds; Retry-After is seconds or an HTTP date.</summary>
    public static TimeSpan? RetryAfterOf(IReadOnlyDictionary<string, string> headers, DateTimeOffset? now = null)
    {
        if (headers.TryGetValue("x-acs-retry-after", out var ms) && long.TryParse(ms, out var m) && m >= 0)
            return TimeSpan.FromMilliseconds(m);
        if (headers.TryGetValue("Retry-After", out var ra))
        {
            if (long.TryParse(ra, out var s) && s >= 0) return TimeSpan.FromSeconds(s);
            if (DateTimeOffset.TryParse(ra, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at))
            {
                var wait = at - (now ?? DateTimeOffset.UtcNow);
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }
        }
        return null;
    }

    /// <summary>The status as a code when the body has none, e.g. "ServiceUnavailable", "TooManyRequests".</summary>
    public static string StatusCode(HttpStatusCode status) =>
        Enum.IsDefined(status) ? status.ToString() : "Http" + (int)status;

    private static string StatusText(HttpStatusCode status)
    {
        var name = StatusCode(status);
        var sb = new StringBuilder();
        foreach (var c in name)
        {
            if (char.IsUpper(c) && sb.Length > 0) sb.Append(' ');
            sb.Append(c);
        }
        return sb.ToString();
    }

    private static bool TryParseObject(byte[] body, out JsonElement root)
    {
        root = default;
        if (body.Length == 0) return false;
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return false;
            root = doc.RootElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? Str(JsonElement obj, params string[] names)
    {
        foreach (var n in names)
        {
            if (!obj.TryGetProperty(n, out var v)) continue;
            if (v.ValueKind == JsonValueKind.String) return v.GetString();
            if (v.ValueKind is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False) return v.GetRawText();
        }
        return null;
    }

    private static string? Raw(JsonElement obj, params string[] names)
    {
        foreach (var n in names)
        {
            if (!obj.TryGetProperty(n, out var v) || v.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined) continue;
            return v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText();
        }
        return null;
    }

    /// <summary>The first 200 printable characters of a body, so an HTML error page is recognisable but not dumped.</summary>
    internal static string Snippet(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 400));
        var sb = new StringBuilder();
        foreach (var c in text)
        {
            if (sb.Length >= 200) { sb.Append('…'); break; }
            sb.Append(char.IsControl(c) ? ' ' : c);
        }
        return sb.ToString().Trim();
    }
}
