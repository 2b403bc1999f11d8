using System.Security.Cryptography;
using System.Text;
using AckHardening.Sandbox.Infrastructure;
using AckHardening.Sandbox.Pipeline;

namespace AckHardening.Sandbox.Auth;

/// <summary>
/// Verifies OpenAPI V3 (ACS3-HMAC-SHA256) requests for RPC and ROA services: required headers, which headers
/// must be signed, the 15-minute date window, the key and its STS token, the payload hash, the signature, and
/// nonce reuse (checked last, so an unsigned request cannot burn a nonce).
/// </summary>
public sealed class AcsV3Authenticator : IRequestAuthenticator
{
    public static readonly TimeSpan DateWindow = TimeSpan.FromMinutes(15);

    public bool Handles(AuthRequest request) =>
        request.Header("authorization")?.TrimStart().StartsWith(AcsV3Canonicalizer.Algorithm + " ", StringComparison.Ordinal) == true;

    public CallerIdentity Authenticate(AuthRequest request, AuthContext context)
    {
        var (accessKeyId, signedHeaders, signature) = ParseAuthorization(request.Header("authorization")!);

        var sortedSigned = signedHeaders.OrderBy(h => h, StringComparer.Ordinal).ToList();
        if (!signedHeaders.SequenceEqual(sortedSigned) || signedHeaders.Distinct().Count() != signedHeaders.Count
            || signedHeaders.Any(h => h != h.ToLowerInvariant()))
            throw AuthErrors.Incomplete("SignedHeaders must be lowercase, unique and sorted.");
        if (!signedHeaders.Contains("host"))
            throw AuthErrors.Incomplete("SignedHeaders must include host.");
        var unsigned = request.Headers.Keys.Where(h => h.StartsWith("x-acs-", StringComparison.Ordinal) && !signedHeaders.Contains(h)).ToList();
        if (unsigned.Count > 0)
            throw AuthErrors.Incomplete("Every x-acs-* header must be signed; not signed: " + string.Join(", ", unsigned.OrderBy(h => h, StringComparer.Ordinal)) + ".");

        var date = request.Header("x-acs-date");
        if (!Iso8601.TryParseSeconds(date, out var signedAt)) throw AuthErrors.TimeStampFormat();
        if ((signedAt - context.WallUtcNow).Duration() > DateWindow) throw AuthErrors.TimeStampExpired(date!, context.WallUtcNow);

        var nonce = request.Header("x-acs-signature-nonce");
        if (string.IsNullOrEmpty(nonce)) throw AuthErrors.NonceMissing();

        var declaredHash = request.Header("x-acs-content-sha256");
        if (string.IsNullOrEmpty(declaredHash)) throw AuthErrors.Incomplete("x-acs-content-sha256 is required.");

        var headerKeyId = request.Header("x-acs-accesskey-id");
        if (headerKeyId is not null && headerKeyId != accessKeyId)
            throw AuthErrors.Incomplete("x-acs-accesskey-id does not match the Credential of the Authorization header.");

        var key = context.Credentials.Resolve(accessKeyId) ?? throw AuthErrors.KeyNotFound();
        if (!key.Active) throw AuthErrors.KeyInactive();
        CheckSecurityToken(key, request.Header("x-acs-security-token"), context.SimulatedUtcNow);

        // The payload line is the hash of the bytes that actually arrived, so a body changed in transit fails
        // even if the declared x-acs-content-sha256 header was left alone.
        var bodyHash = AcsV3Canonicalizer.Sha256Hex(request.Body);
        var canonicalHeaders = AcsV3Canonicalizer.CanonicalHeaders(sortedSigned, request.Headers)
            ?? throw AuthErrors.Incomplete("A header listed in SignedHeaders is missing from the request.");
        var canonical = AcsV3Canonicalizer.CanonicalRequest(request.Method, AcsV3Canonicalizer.CanonicalUri(request.RawPath),
            AcsV3Canonicalizer.CanonicalQuery(request.RawQuery), canonicalHeaders, sortedSigned, bodyHash);
        var stringToSign = AcsV3Canonicalizer.StringToSign(canonical);
        var expected = AcsV3Canonicalizer.Signature(key.AccessKeySecret, stringToSign);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature.ToLowerInvariant()))
            || !string.Equals(declaredHash, bodyHash, StringComparison.OrdinalIgnoreCase))
            throw AuthErrors.SignatureMismatch(stringToSign);

        if (!context.Nonces.TryUse(accessKeyId, nonce, context.WallUtcNow)) throw AuthErrors.NonceUsed();
        return key.Caller;
    }

    private static void CheckSecurityToken(ResolvedKey key, string? token, DateTimeOffset simulatedNow)
    {
        if (key.SecurityToken is null)
        {
            // A long-term key must not come with a token (it belongs to some other session).
            if (!string.IsNullOrEmpty(token)) throw AuthErrors.TokenMismatch();
            return;
        }
        if (string.IsNullOrEmpty(token)) throw AuthErrors.TokenMissing();
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(key.SecurityToken)))
            throw AuthErrors.TokenMismatch();
        if (key.Expiration is { } exp && simulatedNow >= exp) throw AuthErrors.TokenExpired();
    }

    /// <summary>ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=a;b,Signature=hex (tolerates spaces after commas).</summary>
    internal static (string AccessKeyId, List<string> SignedHeaders, string Signature) ParseAuthorization(string header)
    {
        var rest = header.Trim()[AcsV3Canonicalizer.Algorithm.Length..];
        string? credential = null, signed = null, signature = null;
        foreach (var part in rest.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0) throw AuthErrors.Incomplete("Malformed Authorization header.");
            var value = part[(eq + 1)..];
            switch (part[..eq])
            {
                case "Credential": credential = value; break;
                case "SignedHeaders": signed = value; break;
                case "Signature": signature = value; break;
                default: throw AuthErrors.Incomplete("Unknown Authorization component " + part[..eq] + ".");
            }
        }
        if (string.IsNullOrEmpty(credential) || string.IsNullOrEmpty(signed) || string.IsNullOrEmpty(signature))
            throw AuthErrors.Incomplete("Authorization needs Credential, SignedHeaders and Signature.");
        if (signature.Length != 64 || !signature.All(Uri.IsHexDigit))
            throw AuthErrors.Incomplete("Signature must be 64 hex characters.");
        return (credential, signed.Split(';').ToList(), signature);
    }
}
