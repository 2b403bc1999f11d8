using System.Net;
using System.Text.Json;

namespace AckHardening.Core.Http;

/// <summary>A successful response: status, request id, the parsed JSON body and the response headers.</summary>
public sealed class ApiResponse
{
    public ApiResponse(HttpStatusCode statusCode, string? requestId, JsonElement body, IReadOnlyDictionary<string, string> headers, TimeSpan elapsed, int attempts)
    {
        StatusCode = statusCode;
        RequestId = requestId;
        Body = body;
        Headers = headers;
        Elapsed = elapsed;
        Attempts = attempts;
    }

    public HttpStatusCode StatusCode { get; }
    public string? RequestId { get; }
    /// <summary>The parsed body; <see cref="JsonValueKind.Undefined"/> for an empty body. Cloned, so it outlives the document.</summary>
    public JsonElement Body { get; }
    /// <summary>Response headers, case-insensitive names (SLS puts x-log-progress and x-log-count here).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }
    public TimeSpan Elapsed { get; }
    public int Attempts { get; }
}

public interface IApiTransport
{
    /// <summary>Signs and sends the request, retrying where safe; throws <see cref="AlibabaServiceException"/> on failure
    /// and <see cref="OperationCanceledException"/> when the token is cancelled.</summary>
    Task<ApiResponse> SendAsync(ApiRequest request, CancellationToken cancellationToken);
}
