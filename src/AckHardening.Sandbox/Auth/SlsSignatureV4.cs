using System.Security.Cryptography;
using System.Text;

namespace AckHardening.Sandbox.Auth;

/// <summary>
/// Log Service V4 (<c>SLS4-HMAC-SHA256</c>), from the documented algorithm: a canonical request over the x-log-*
/// (not x-log-meta-*), x-acs-*, host and content-type headers, a scope date/region/sls/aliyun_v4_request, and a
/// signing key chained from "aliyun_v4" + secret. V4 names no signed-header list, so the verifier signs exactly the
/// headers the rule selects from what arrived.
/// </summary>
public static class SlsSignatureV4
{
    public const string Algorithm = "SLS4-HMAC-SHA256";
    public const string Terminator = "aliyun_v4_request";

    public static bool IsSignedHeader(string lowerName) =>
        lowerName is "host" or "content-type"
        || lowerName.StartsWith("x-acs-", StringComparison.Ordinal)
        || lowerName.StartsWith("x-log-", StringComparison.Ordinal) && !lowerName.StartsWith("x-log-meta-", StringComparison.Ordinal);

    /// <summary>Go's QueryEscape with spaces as %20: only A-Z a-z 0-9 - _ . ~ stay literal.</summary>
    public static string Escape(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (b is >= (byte)'A' and <= (byte)'Z' or >= (byte)'a' and <= (byte)'z' or >= (byte)'0' and <= (byte)'9'
                or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~')
                sb.Append((char)b);
            else sb.Append('%').Append(b.ToString("X2"));
        }
        return sb.ToString();
    }

    public static string CanonicalRequest(string method, string path, IEnumerable<KeyValuePair<string, string>> query,
        IEnumerable<KeyValuePair<string, string>> headers, string payloadSha256Hex)
    {
        var signed = headers
            .Select(h => (Name: h.Key.ToLowerInvariant(), Value: h.Value.Trim()))
            .Where(h => IsSignedHeader(h.Name))
            .OrderBy(h => h.Name, StringComparer.Ordinal).ToList();
        var canonicalQuery = string.Join('&', query
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => p.Value.Length == 0 ? p.Key : p.Key + "=" + Escape(p.Value)));
        var sb = new StringBuilder()
            .Append(method.ToUpperInvariant()).Append('\n')
            .Append(path.Length == 0 ? "/" : path).Append('\n')
            .Append(canonicalQuery).Append('\n');
        foreach (var (name, value) in signed) sb.Append(name).Append(':').Append(value).Append('\n');
        // The header block ends with its own newline, then one more separates it from the signed-header list.
        sb.Append('\n').Append(string.Join(';', signed.Select(h => h.Name))).Append('\n').Append(payloadSha256Hex);
        return sb.ToString();
    }

    public static string StringToSign(string logDate, string region, string canonicalRequest) =>
        Algorithm + "\n" + logDate + "\n" + Scope(logDate[..8], region) + "\n" + Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)));

    public static string Scope(string day, string region) => $"{day}/{region}/sls/{Terminator}";

    public static string Signature(string secret, string day, string region, string stringToSign)
    {
        var key = Encoding.UTF8.GetBytes("aliyun_v4" + secret);
        foreach (var part in new[] { day, region, "sls", Terminator }) key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        return Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
    }

    public static string PayloadHash(byte[] body) => Hex(SHA256.HashData(body));

    private static string Hex(byte[] b) => Convert.ToHexStringLower(b);
}
