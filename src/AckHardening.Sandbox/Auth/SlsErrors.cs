using AckHardening.Sandbox.Pipeline;

namespace AckHardening.Sandbox.Auth;

/// <summary>
/// Log Service errors (body {errorCode, errorMessage}). Codes and statuses follow the SLS error-code list in the
/// reference (section 4); message texts are the sandbox's own. The quota codes' statuses are unconfirmed there (403 here).
/// </summary>
public static class SlsErrors
{
    public static ApiException Unauthorized(string message) => new(401, "Unauthorized", message);

    public static ApiException SignatureNotMatch(string accessKeyId) =>
        new(401, "SignatureNotMatch", $"signature of the request by AccessKeyId {accessKeyId} does not match the server calculation.");

    public static ApiException RequestTimeExpired(string date) =>
        new(400, "RequestTimeExpired", $"Request time {date} has been expired while server time is more than 15 minutes apart.");

    public static ApiException MissingDate() => new(400, "MissingDate", "The Date header is required.");
    public static ApiException InvalidDateFormat(string date) => new(400, "InvalidDateFormat", $"Date header '{date}' is not in RFC 1123 format.");
    public static ApiException MissingApiVersion() => new(400, "MissingAPIVersion", "The x-log-apiversion header is required.");
    public static ApiException InvalidApiVersion(string v) => new(400, "InvalidAPIVersion", $"x-log-apiversion '{v}' is not supported; use 0.6.0.");
    public static ApiException InvalidSignatureMethod(string v) => new(400, "ParameterInvalid", $"x-log-signaturemethod '{v}' is not supported.");
    public static ApiException InvalidHost(string host) => new(400, "InvalidHost", $"The Host header '{host}' does not name a project (<project>.<endpoint>).");
    public static ApiException ProjectNotExist(string project) => new(404, "ProjectNotExist", $"The Project does not exist : {project}");
    public static ApiException LogStoreNotExist(string logstore) => new(404, "LogStoreNotExist", $"logstore {logstore} does not exist");
    public static ApiException InvalidQueryString(string message) => new(400, "InvalidQueryString", message);
    public static ApiException InvalidTimeRange(string message) => new(400, "InvalidTimeRange", message);
    public static ApiException ParameterInvalid(string message) => new(400, "ParameterInvalid", message);

    /// <summary>RAM denial as SLS reports it (action and resource in the message).</summary>
    public static ApiException Denied(string ramAction, string resource) =>
        new(401, "Unauthorized", $"denied by sts or ram, action: {ramAction}, resource: {resource}");
}
