using System.Text.Json.Nodes;

namespace AckHardening.Sandbox.Pipeline;

/// <summary>
/// What a handler returns. The dispatcher adds the service's envelope (RequestId, headers), so handlers only
/// describe the payload; keeping the body as a node also lets fault injection truncate it.
/// </summary>
public sealed class ApiResult
{
    private ApiResult(int status, JsonNode? body) { Status = status; Body = body; }

    public int Status { get; }
    public JsonNode? Body { get; }
    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static ApiResult Ok(JsonNode body) => new(200, body);
    public static ApiResult WithStatus(int status, JsonNode? body) => new(status, body);
    public static ApiResult NoContent() => new(204, null);
}

/// <summary>
/// A service error in the service's own vocabulary (HTTP status + code + message). Handlers and the
/// authenticator throw or return it; the dispatcher renders it in the service's error envelope.
/// </summary>
public sealed class ApiException(int status, string code, string message) : Exception(message)
{
    public int Status { get; } = status;
    public string Code { get; } = code;
    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>Extra top-level members for the error body (e.g. AccessDeniedDetail).</summary>
    public JsonObject? Extra { get; init; }
}
