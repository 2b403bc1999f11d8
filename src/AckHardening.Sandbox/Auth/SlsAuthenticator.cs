using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AckHardening.Sandbox.Auth;

/// <summary>
/// Verifies Log Service requests: V1 (<c>LOG ak:sig</c>, hmac-sha1 or hmac-sha256) and V4 (<c>SLS4-HMAC-SHA256</c>).
/// Checks the API version, the request date (±15 minutes of the wall clock), the key, the STS token carried in
/// x-acs-security-token, then the signature. It claims every SLS request, so a missing or foreign Authorization
/// gets SLS's own answer (401 Unauthorized) rather than the POP gateway's.
/// </summary>
public sealed class SlsAuthenticator : IRequestAuthenticator
{
    public static readonly TimeSpan DateWindow = TimeSpan.FromMinutes(15);
    public const string ApiVersion = "0.6.0";

    public bool Handles(AuthRequest request) => true;

    public CallerIdentity Authenticate(AuthRequest request, AuthContext context)
    {
        var authorization = request.Header("authorization")?.Trim();
        if (string.IsNullOrEmpty(authorization)) throw SlsErrors.Unauthorized("The Authorization header is missing.");
        if (authorization.StartsWith(SlsSignatureV4.Algorithm + " ", StringComparison.Ordinal)) return VerifyV4(request, context, authorization);
        if (authorization.StartsWith(SlsSignatureV1.Scheme + " ", StringComparison.Ordinal)) return VerifyV1(request, context, authorization);
        throw SlsErrors.Unauthorized("Unsupported Authorization scheme; use LOG <AccessKeyId>:<Signature> or SLS4-HMAC-SHA256.");
    }

    private static CallerIdentity VerifyV1(AuthRequest request, AuthContext context, string authorization)
    {
        var credential = authorization[(SlsSignatureV1.Scheme.Length + 1)..].Trim();
        var colon = credential.LastIndexOf(':');
        if (colon <= 0 || colon == credential.Length - 1) throw SlsErrors.Unauthorized("Malformed Authorization header; expected LOG <AccessKeyId>:<Signature>.");
        var accessKeyId = credential[..colon];
        var signature = credential[(colon + 1)..];

        CheckApiVersion(request);
        var method = request.Header("x-log-signaturemethod") ?? "hmac-sha1";
        if (method is not ("hmac-sha1" or "hmac-sha256")) throw SlsErrors.InvalidSignatureMethod(method);
        var date = request.Header("date") ?? throw SlsErrors.MissingDate();
        if (!DateTimeOffset.TryParseExact(date, "r", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var signedAt)
            && !DateTimeOffset.TryParseExact(date, "ddd, d MMM yyyy HH:mm:ss 'GMT'", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out signedAt))
            throw SlsErrors.InvalidDateFormat(date);
        if ((signedAt - context.WallUtcNow).Duration() > DateWindow) throw SlsErrors.RequestTimeExpired(date);

        var key = ResolveKey(context, accessKeyId, request.Header("x-acs-security-token"));
        var (path, query) = Target(request);
        var stringToSign = SlsSignatureV1.StringToSign(request.Method, request.Header("content-md5"), request.Header("content-type"), date,
            SingleValued(request), path, query);
        var expected = SlsSignatureV1.Sign(key.AccessKeySecret, stringToSign, method == "hmac-sha256");
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature)))
            throw SlsErrors.SignatureNotMatch(accessKeyId);
        return key.Caller;
    }

    private static CallerIdentity VerifyV4(AuthRequest request, AuthContext context, string authorization)
    {
        // SLS4-HMAC-SHA256 Credential=<AK>/<yyyyMMdd>/<region>/sls/aliyun_v4_request,Signature=<hex>
        string? credential = null, signature = null;
        foreach (var part in authorization[(SlsSignatureV4.Algorithm.Length + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0) throw SlsErrors.Unauthorized("Malformed SLS4-HMAC-SHA256 Authorization header.");
            if (part[..eq] == "Credential") credential = part[(eq + 1)..];
            else if (part[..eq] == "Signature") signature = part[(eq + 1)..];
        }
        var scope = credential?.Split('/');
        if (scope is not { Length: 5 } || signature is null || scope[3] != "sls" || scope[4] != SlsSignatureV4.Terminator)
            throw SlsErrors.Unauthorized("Malformed SLS4-HMAC-SHA256 Authorization header; expected Credential=<AK>/<date>/<region>/sls/aliyun_v4_request,Signature=<hex>.");
        var (accessKeyId, day, region) = (scope[0], scope[1], scope[2]);

        var logDate = request.Header("x-log-date") ?? throw SlsErrors.MissingDate();
        if (!DateTimeOffset.TryParseExact(logDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var signedAt))
            throw SlsErrors.InvalidDateFormat(logDate);
        if ((signedAt - context.WallUtcNow).Duration() > DateWindow) throw SlsErrors.RequestTimeExpired(logDate);
        if (day != logDate[..8]) throw SlsErrors.SignatureNotMatch(accessKeyId);

        var key = ResolveKey(context, accessKeyId, request.Header("x-acs-security-token"));
        var payload = SlsSignatureV4.PayloadHash(request.Body);
        if (request.Header("x-log-content-sha256") is { } declared && !string.Equals(declared, payload, StringComparison.OrdinalIgnoreCase))
            throw SlsErrors.SignatureNotMatch(accessKeyId);
        var (path, query) = Target(request);
        var canonical = SlsSignatureV4.CanonicalRequest(request.Method, path, query, SingleValued(request), request.Header("x-log-content-sha256") ?? payload);
        var expected = SlsSignatureV4.Signature(key.AccessKeySecret, day, region, SlsSignatureV4.StringToSign(logDate, region, canonical));
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature.ToLowerInvariant())))
            throw SlsErrors.SignatureNotMatch(accessKeyId);
        return key.Caller;
    }

    private static void CheckApiVersion(AuthRequest request)
    {
        var version = request.Header("x-log-apiversion") ?? throw SlsErrors.MissingApiVersion();
        if (version != ApiVersion) throw SlsErrors.InvalidApiVersion(version);
    }

    /// <summary>Unknown or disabled keys and bad STS tokens are all 401 Unauthorized in SLS.</summary>
    private static ResolvedKey ResolveKey(AuthContext context, string accessKeyId, string? token)
    {
        var key = context.Credentials.Resolve(accessKeyId) ?? throw SlsErrors.Unauthorized($"AccessKeyId {accessKeyId} does not exist.");
        if (!key.Active) throw SlsErrors.Unauthorized($"AccessKeyId {accessKeyId} is disabled.");
        if (key.SecurityToken is null)
        {
            if (!string.IsNullOrEmpty(token)) throw SlsErrors.Unauthorized("The security token does not belong to this AccessKeyId.");
        }
        else
        {
            if (string.IsNullOrEmpty(token)) throw SlsErrors.Unauthorized("An STS AccessKeyId needs its security token in x-acs-security-token.");
            if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(key.SecurityToken)))
                throw SlsErrors.Unauthorized("The security token is invalid.");
            if (key.Expiration is { } exp && context.SimulatedUtcNow >= exp) throw SlsErrors.Unauthorized("The security token has expired.");
        }
        return key;
    }

    /// <summary>Decoded path and query parameters (SLS signs them unencoded).</summary>
    private static (string Path, List<KeyValuePair<string, string>> Query) Target(AuthRequest request) =>
        (Uri.UnescapeDataString(request.RawPath.Length == 0 ? "/" : request.RawPath), AcsV3Canonicalizer.ParseQuery(request.RawQuery));

    private static IEnumerable<KeyValuePair<string, string>> SingleValued(AuthRequest request) =>
        request.Headers.Select(h => new KeyValuePair<string, string>(h.Key, string.Join(",", h.Value)));
}

/// <summary>Registers the Log Service verifier.</summary>
public sealed class SlsAuthModule : Pipeline.IApiModule
{
    public void Register(Pipeline.ApiRegistry registry) => registry.Authenticator(Pipeline.SandboxServices.Sls, new SlsAuthenticator());
}
