using System.Net;
using AckHardening.Core.Http;

namespace AckHardening.Core.Errors;

/// <summary>
/// Turns Alibaba error codes into stable module error ids and kinds, so scripts can catch
/// "AckRoleNotFound" without knowing each service's spelling.
/// </summary>
public static class ServiceErrorClassifier
{
    public static (string ErrorId, AckErrorKind Kind) Classify(AlibabaServiceException e)
    {
        var code = e.Code ?? "";
        if (code.StartsWith("EntityNotExist.Role", StringComparison.OrdinalIgnoreCase)) return ("AckRoleNotFound", AckErrorKind.ObjectNotFound);
        if (code.StartsWith("EntityNotExist.Policy", StringComparison.OrdinalIgnoreCase)) return ("AckPolicyNotFound", AckErrorKind.ObjectNotFound);
        if (code.Equals("ErrorClusterNotFound", StringComparison.OrdinalIgnoreCase)) return ("AckClusterNotFound", AckErrorKind.ObjectNotFound);
        if (code.StartsWith("EntityNotExist", StringComparison.OrdinalIgnoreCase) || code.EndsWith("NotExist", StringComparison.OrdinalIgnoreCase)
            || code.EndsWith("NotFound", StringComparison.OrdinalIgnoreCase) && !code.StartsWith("InvalidAccessKeyId", StringComparison.OrdinalIgnoreCase))
            return ("AckResourceNotFound", AckErrorKind.ObjectNotFound);
        if (code.StartsWith("SignatureDoesNotMatch", StringComparison.OrdinalIgnoreCase) || code.Equals("SignatureNotMatch", StringComparison.OrdinalIgnoreCase)
            || code.StartsWith("InvalidAccessKeyId", StringComparison.OrdinalIgnoreCase) || code.StartsWith("InvalidSecurityToken", StringComparison.OrdinalIgnoreCase)
            || code.StartsWith("IncompleteSignature", StringComparison.OrdinalIgnoreCase) || code.Equals("Unauthorized", StringComparison.OrdinalIgnoreCase)
            || code.StartsWith("InvalidTimeStamp", StringComparison.OrdinalIgnoreCase) || code.Equals("RequestTimeExpired", StringComparison.OrdinalIgnoreCase))
            return ("AckAuthenticationFailed", AckErrorKind.AuthenticationError);
        if (code.StartsWith("Forbidden", StringComparison.OrdinalIgnoreCase) || code.StartsWith("NoPermission", StringComparison.OrdinalIgnoreCase)
            || code.Equals("ErrorCheckAcl", StringComparison.OrdinalIgnoreCase) || code.Contains("AccessDenied", StringComparison.OrdinalIgnoreCase))
            return ("AckPermissionDenied", AckErrorKind.PermissionDenied);
        if (code.StartsWith("Throttling", StringComparison.OrdinalIgnoreCase) || code.Contains("QuotaExceed", StringComparison.OrdinalIgnoreCase)
            || code.Equals("ServerBusy", StringComparison.OrdinalIgnoreCase))
            return ("AckThrottled", AckErrorKind.QuotaExceeded);
        if (code.StartsWith("LimitExceeded", StringComparison.OrdinalIgnoreCase)) return ("AckLimitExceeded", AckErrorKind.LimitsExceeded);
        if (code.Equals("Timeout", StringComparison.OrdinalIgnoreCase)) return ("AckTimeout", AckErrorKind.OperationTimeout);
        if (code.Equals("NetworkError", StringComparison.OrdinalIgnoreCase)) return ("AckNetworkError", AckErrorKind.ConnectionError);
        if (code.Equals("MalformedResponse", StringComparison.OrdinalIgnoreCase)) return ("AckMalformedResponse", AckErrorKind.InvalidData);
        if (e.StatusCode is { } s && (int)s >= 500) return ("AckServiceUnavailable", AckErrorKind.ResourceUnavailable);
        if (e.StatusCode == HttpStatusCode.BadRequest || code.StartsWith("InvalidParameter", StringComparison.OrdinalIgnoreCase) || code.StartsWith("Malformed", StringComparison.OrdinalIgnoreCase))
            return ("AckInvalidRequest", AckErrorKind.InvalidArgument);
        return ("AckServiceError", AckErrorKind.NotSpecified);
    }
}
