using AckHardening.Core.Errors;
using AckHardening.Core.Http;

namespace AckHardening.Core.Services.Sls;

/// <summary>
/// Turns Log Service error codes (reference §4: LogStoreNotExist, ProjectNotExist, SignatureNotMatch, Unauthorized,
/// RequestTimeExpired, the *QuotaExceed codes, ServerBusy...) into module errors with stable ids and a hint.
/// The service exception stays the inner exception, so its code and request id are kept.
/// </summary>
public static class SlsErrors
{
    public static AckException Map(AlibabaServiceException e, string project, string? logstore)
    {
        var code = e.Code ?? "";
        static bool Is(string a, string b) => a.Equals(b, StringComparison.OrdinalIgnoreCase);

        if (Is(code, "LogStoreNotExist"))
            return new AckException("AckLogstoreNotFound", AckErrorKind.ObjectNotFound,
                $"Logstore '{logstore}' does not exist in Log Service project '{project}'. {Tail(e)}", logstore, e)
            { RecommendedAction = "Check -Logstore (a trail's logstore is actiontrail_<trail name>), or run Get-AckAuditTrail to see where the trail delivers." };
        if (Is(code, "ProjectNotExist"))
            return new AckException("AckProjectNotFound", AckErrorKind.ObjectNotFound,
                $"Log Service project '{project}' does not exist (or is in another region). {Tail(e)}", project, e)
            { RecommendedAction = "Check -Project and the Sls endpoint/region; Get-AckAuditTrail shows the trail's project and region." };
        if (Is(code, "SignatureNotMatch") || Is(code, "Unauthorized") || Is(code, "RequestTimeExpired") || Is(code, "InvalidAccessKeyId"))
            return new AckException("AckAuthenticationFailed", AckErrorKind.AuthenticationError,
                $"Log Service refused the credentials ({code}). {Tail(e)}", project, e)
            {
                RecommendedAction = Is(code, "RequestTimeExpired")
                    ? "The local clock is more than 15 minutes off; correct it and retry."
                    : "Check the AccessKey (Connect-AckAccount) and, for STS credentials, that the token has not expired.",
            };
        if (code.EndsWith("QuotaExceed", StringComparison.OrdinalIgnoreCase) || Is(code, "ServerBusy") || code.StartsWith("Throttling", StringComparison.OrdinalIgnoreCase))
            return new AckException("AckThrottled", AckErrorKind.QuotaExceeded,
                $"Log Service is throttling the queries ({code}) after {e.Attempts} attempt(s). {Tail(e)}", project, e)
            { RecommendedAction = "Retry later, or query a shorter window." };
        if (code.StartsWith("Forbidden", StringComparison.OrdinalIgnoreCase) || Is(code, "Unauthorized.Permission") || code.Contains("Denied", StringComparison.OrdinalIgnoreCase))
            return new AckException("AckPermissionDenied", AckErrorKind.PermissionDenied,
                $"The caller may not read logstore '{logstore}' of project '{project}' ({code}). {Tail(e)}", project, e)
            { RecommendedAction = "Grant log:GetLogStoreLogs on the logstore to the caller." };
        if (Is(code, "IndexConfigNotExist"))
            return new AckException("AckLogstoreNotIndexed", AckErrorKind.InvalidOperation,
                $"Logstore '{logstore}' has no index, so it cannot be queried. {Tail(e)}", logstore, e);
        var (id, kind) = ServiceErrorClassifier.Classify(e);
        return new AckException(id, kind, e.Message, project, e);
    }

    private static string Tail(AlibabaServiceException e) =>
        $"Log Service said: {e.Code}: {e.ServiceMessage}{(string.IsNullOrEmpty(e.RequestId) ? "" : " (RequestId " + e.RequestId + ")")}";
}
