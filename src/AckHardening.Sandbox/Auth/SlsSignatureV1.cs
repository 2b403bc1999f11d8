using System.Security.Cryptography;
using System.Text;

namespace AckHardening.Sandbox.Auth;

/// <summary>
/// The Log Service V1 string to sign and signature (<c>Authorization: LOG &lt;AccessKeyId&gt;:&lt;signature&gt;</c>), rebuilt
/// from the documented layout: VERB, Content-MD5, Content-Type, Date, the x-log-/x-acs- headers, then the resource
/// with its query sorted and NOT percent-encoded. Pure functions so the published vectors can exercise them.
/// </summary>
public static class SlsSignatureV1
{
    public const string Scheme = "LOG";

    /// <param name="headers">Lower-case header names to values (only x-log-* and x-acs-* are used).</param>
    /// <param name="path">The decoded request path, e.g. /logstores/app_log.</param>
    /// <param name="query">Decoded query parameters.</param>
    public static string StringToSign(string method, string? contentMd5, string? contentType, string date,
        IEnumerable<KeyValuePair<string, string>> headers, string path, IEnumerable<KeyValuePair<string, string>> query)
    {
        var logHeaders = headers
            .Select(h => (Name: h.Key.ToLowerInvariant(), Value: h.Value.Trim()))
            .Where(h => h.Name.StartsWith("x-log-", StringComparison.Ordinal) || h.Name.StartsWith("x-acs-", StringComparison.Ordinal))
            .OrderBy(h => h.Name, StringComparer.Ordinal)
            .Select(h => h.Name + ":" + h.Value);
        var sb = new StringBuilder()
            .Append(method.ToUpperInvariant()).Append('\n')
            .Append(contentMd5 ?? "").Append('\n')
            .Append(contentType ?? "").Append('\n')
            .Append(date).Append('\n')
            .AppendJoin('\n', logHeaders).Append('\n')
            .Append(CanonicalResource(path, query));
        return sb.ToString();
    }

    public static string CanonicalResource(string path, IEnumerable<KeyValuePair<string, string>> query)
    {
        var sorted = query.OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal).ToList();
        return sorted.Count == 0 ? path : path + "?" + string.Join('&', sorted.Select(p => p.Key + "=" + p.Value));
    }

    /// <summary>Base64 HMAC keyed with the raw secret; SHA1 for hmac-sha1 (the default), SHA256 for hmac-sha256.</summary>
    public static string Sign(string accessKeySecret, string stringToSign, bool sha256 = false)
    {
        var key = Encoding.UTF8.GetBytes(accessKeySecret);
        var data = Encoding.UTF8.GetBytes(stringToSign);
        return Convert.ToBase64String(sha256 ? HMACSHA256.HashData(key, data) : HMACSHA1.HashData(key, data));
    }
}
