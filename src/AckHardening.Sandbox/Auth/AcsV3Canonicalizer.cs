using System.Security.Cryptography;
using System.Text;

namespace AckHardening.Sandbox.Auth;

/// <summary>
/// Rebuilds the ACS3-HMAC-SHA256 canonical request from what arrived on the wire (OpenAPI signature V3):
/// METHOD \n CanonicalURI \n CanonicalQuery \n CanonicalHeaders \n SignedHeaders \n HashedPayload.
/// Written from the published algorithm, independently of the client's signer.
/// </summary>
public static class AcsV3Canonicalizer
{
    public const string Algorithm = "ACS3-HMAC-SHA256";
    public const string EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /// <summary>RFC 3986 encoding of UTF-8 bytes: only A-Z a-z 0-9 - _ . ~ stay literal; %XX is uppercase.</summary>
    public static string PercentEncode(string value)
    {
        var sb = new StringBuilder(value.Length * 2);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (b is >= (byte)'A' and <= (byte)'Z' or >= (byte)'a' and <= (byte)'z' or >= (byte)'0' and <= (byte)'9'
                or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~')
                sb.Append((char)b);
            else
                sb.Append('%').Append(b.ToString("X2"));
        }
        return sb.ToString();
    }

    /// <summary>Decodes one URL component; '+' is a space as in form encoding.</summary>
    public static string Decode(string component) => Uri.UnescapeDataString(component.Replace('+', ' '));

    /// <summary>"/" for an empty path; otherwise every segment decoded then re-encoded, '/' kept.</summary>
    public static string CanonicalUri(string rawPath)
    {
        if (string.IsNullOrEmpty(rawPath)) return "/";
        return string.Join('/', rawPath.Split('/').Select(s => PercentEncode(Uri.UnescapeDataString(s))));
    }

    /// <summary>Parameters sorted by encoded name (ordinal), name=value with both encoded; "name=" for empty values.</summary>
    public static string CanonicalQuery(string rawQuery) =>
        string.Join('&', ParseQuery(rawQuery)
            .Select(p => (Name: PercentEncode(p.Key), Value: PercentEncode(p.Value)))
            .OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Name + "=" + p.Value));

    public static List<KeyValuePair<string, string>> ParseQuery(string rawQuery)
    {
        var result = new List<KeyValuePair<string, string>>();
        foreach (var pair in rawQuery.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            result.Add(eq < 0
                ? new(Decode(pair), "")
                : new(Decode(pair[..eq]), Decode(pair[(eq + 1)..])));
        }
        return result;
    }

    /// <summary>
    /// One "name:value\n" line per signed header in sorted order. Repeated headers have their trimmed values
    /// sorted and joined with ", ". Returns null when a signed header is absent from the request.
    /// </summary>
    public static string? CanonicalHeaders(IReadOnlyList<string> sortedSignedNames, IReadOnlyDictionary<string, IReadOnlyList<string>> headers)
    {
        var sb = new StringBuilder();
        foreach (var name in sortedSignedNames)
        {
            if (!headers.TryGetValue(name, out var values) || values.Count == 0) return null;
            var joined = string.Join(", ", values.Select(v => v.Trim()).OrderBy(v => v, StringComparer.Ordinal));
            sb.Append(name).Append(':').Append(joined).Append('\n');
        }
        return sb.ToString();
    }

    public static string CanonicalRequest(string method, string canonicalUri, string canonicalQuery, string canonicalHeaders,
        IReadOnlyList<string> sortedSignedNames, string payloadHash) =>
        method.ToUpperInvariant() + "\n" + canonicalUri + "\n" + canonicalQuery + "\n" + canonicalHeaders + "\n"
        + string.Join(';', sortedSignedNames) + "\n" + payloadHash;

    public static string StringToSign(string canonicalRequest) => Algorithm + "\n" + Sha256Hex(Encoding.UTF8.GetBytes(canonicalRequest));

    /// <summary>Lowercase hex HMAC-SHA256 keyed with the raw secret (no "&amp;" suffix in V3).</summary>
    public static string Signature(string accessKeySecret, string stringToSign) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(accessKeySecret), Encoding.UTF8.GetBytes(stringToSign)));

    public static string Sha256Hex(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));
}
