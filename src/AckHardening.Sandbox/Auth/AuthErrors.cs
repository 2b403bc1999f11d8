using AckHardening.Sandbox.Pipeline;

namespace AckHardening.Sandbox.Auth;

/// <summary>
/// The POP gateway's authentication errors. The reference lists the codes the client must classify
/// (SignatureDoesNotMatch, InvalidAccessKeyId.*, InvalidSecurityToken.*, IncompleteSignature, InvalidTimeStamp.*)
/// but not their statuses and messages: those below follow the gateway's usual answers and are UNVERIFIED.
/// </summary>
public static class AuthErrors
{
    public static ApiException Incomplete(string detail) =>
        new(400, "IncompleteSignature", "The request signature does not conform to Aliyun standards. " + detail);

    public static ApiException SignatureMismatch(string serverStringToSign) =>
        new(400, "SignatureDoesNotMatch", "Specified signature does not match our calculation. server string to sign is:" + serverStringToSign);

    public static ApiException KeyNotFound() => new(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");

    public static ApiException KeyInactive() => new(400, "InvalidAccessKeyId.Inactive", "Specified access key is disabled.");

    public static ApiException TimeStampExpired(string given, DateTimeOffset serverNow) =>
        new(400, "InvalidTimeStamp.Expired",
            $"Specified time stamp or date value is expired. x-acs-date {given} is more than 15 minutes away from the server time {Infrastructure.Iso8601.Seconds(serverNow)}.");

    public static ApiException TimeStampFormat() =>
        new(400, "InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted. Expected yyyy-MM-ddTHH:mm:ssZ in x-acs-date.");

    public static ApiException NonceMissing() => new(400, "MissingSignatureNonce", "SignatureNonce is mandatory for this action.");

    public static ApiException NonceUsed() => new(400, "SignatureNonceUsed", "Specified signature nonce was used already.");

    public static ApiException TokenMissing() => new(400, "MissingSecurityToken", "SecurityToken is mandatory for this action.");

    public static ApiException TokenMismatch() => new(400, "InvalidSecurityToken.MismatchWithAccessKey", "Specified SecurityToken mismatch with the AccessKey.");

    public static ApiException TokenExpired() => new(400, "InvalidSecurityToken.Expired", "Specified SecurityToken is expired.");

    public static ApiException TokenMalformed() => new(400, "InvalidSecurityToken.Malformed", "Specified SecurityToken is malformed.");
}
