using System.Net;

namespace AckHardening.Core.Http;

/// <summary>
/// The one error type every Alibaba Cloud call raises: the service's error code and message, the request id,
/// the HTTP status, and the extra detail some services add (recommendation URL, access-denied detail).
/// The message never contains credentials, signatures or tokens.
/// </summary>
public class AlibabaServiceException : Exception
{
    public AlibabaServiceException(string service, string action, string code, string message, HttpStatusCode? statusCode = null,
        string? requestId = null, string? recommend = null, string? accessDeniedDetail = null, Exception? inner = null)
        : base(Compose(service, action, code, message, statusCode, requestId), inner)
    {
        Service = service;
        Action = action;
        Code = code;
        ServiceMessage = message;
        StatusCode = statusCode;
        RequestId = requestId;
        Recommend = recommend;
        AccessDeniedDetail = accessDeniedDetail;
    }

    /// <summary>Service name as in <see cref="ServiceDescriptor.Name"/>, e.g. "Ram".</summary>
    public string Service { get; }
    public string Action { get; }
    /// <summary>Alibaba error code, e.g. "EntityNotExist.Role", or a local code such as "MalformedResponse", "NetworkError", "Timeout".</summary>
    public string Code { get; }
    public string ServiceMessage { get; }
    public HttpStatusCode? StatusCode { get; }
    public string? RequestId { get; }
    public string? Recommend { get; }
    public string? AccessDeniedDetail { get; }

    /// <summary>Number of attempts made before giving up (1 when not retried).</summary>
    public int Attempts { get; init; } = 1;

    private static string Compose(string service, string action, string code, string message, HttpStatusCode? status, string? requestId)
    {
        var s = $"{service} {action} failed: {code}: {message}";
        if (status is not null) s += $" (HTTP {(int)status.Value})";
        if (!string.IsNullOrEmpty(requestId)) s += $" RequestId: {requestId}";
        return s;
    }
}
