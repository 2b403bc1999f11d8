using System.Globalization;

namespace AckHardening.Core.Signing;

/// <summary>An SLS signature: the string that was signed, the signature and the Authorization header value.</summary>
public sealed record SlsSignatureResult(string StringToSign, string Signature, string Authorization)
{
    public override string ToString() => "SlsSignature";
}

/// <summary>
/// Log Service signature V1 ("LOG ak:signature", HMAC-SHA1 by default). Pure: the caller supplies the Date header.
/// </summary>
public static class SlsV1Signature
{
    public const string ApiVersion = "0.6.0";

    /// <summary>Date header format SLS accepts: RFC 1123 in GMT.</summary>
    public static string FormatDate(DateTimeOffset time) => time.UtcDateTime.ToString("r", CultureInfo.InvariantCulture);

    /// <summary>
    /// <paramref name="path"/> is the unencoded resource path (e.g. /logstores/app_log); <paramref name="query"/> values are raw
    /// (the canonical resource uses them unencoded). Headers named x-log-* and x-acs-* are signed.
    /// <paramref name="useSha256"/> selects hmac-sha256 (the header x-log-signaturemethod must say so).
    /// </summary>
    public static SlsSignatureResult Sign(string method, string? contentMd5, string? contentType, string date,
        IEnumerable<KeyValuePair<string, string>> headers, string path, IEnumerable<KeyValuePair<string, string>>? query,
        string accessKeyId, string accessKeySecret, bool useSha256 = false)
    {
        var canonicalHeaders = headers
            .Select(h => (Name: h.Key.ToLowerInvariant(), Value: (h.Value ?? "").Trim()))
            .Where(h => h.Name.StartsWith("x-log-", StringComparison.Ordinal) || h.Name.StartsWith("x-acs-", StringComparison.Ordinal))
            .OrderBy(h => h.Name, StringComparer.Ordinal)
            .Select(h => h.Name + ":" + h.Value);
        var resource = CanonicalResource(path, query);
        var stringToSign = string.Join('\n', method, contentMd5 ?? "", contentType ?? "", date, string.Join('\n', canonicalHeaders), resource);
        var signature = useSha256
            ? Convert.ToBase64String(Hashing.HmacSha256(System.Text.Encoding.UTF8.GetBytes(accessKeySecret), stringToSign))
            : Hashing.HmacSha1Base64(accessKeySecret, stringToSign);
        return new SlsSignatureResult(stringToSign, signature, $"LOG {accessKeyId}:{signature}");
    }

    /// <summary>Path, then "?" and the query sorted by name with raw values, when there is a query.</summary>
    public static string CanonicalResource(string path, IEnumerable<KeyValuePair<string, string>>? query)
    {
        var pairs = query?.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value).ToList();
        return pairs is { Count: > 0 } ? path + "?" + string.Join('&', pairs) : path;
    }
}

/// <summary>
/// Log Service signature V4 (SLS4-HMAC-SHA256): a derived signing key scoped to day, region and service.
/// Pure: the caller supplies the x-log-date header value (yyyyMMddTHHmmssZ).
/// </summary>
public static class SlsV4Signature
{
    public const string Algorithm = "SLS4-HMAC-SHA256";

    public static string FormatDate(DateTimeOffset time) => time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// <paramref name="headers"/> must include x-log-date; x-log-content-sha256 is computed from <paramref name="body"/> and
    /// must be sent too (returned as <c>ContentSha256</c>).
    /// </summary>
    public static (string Authorization, string Signature, string SignedHeaders, string ContentSha256) Sign(string method, string uri,
        IEnumerable<KeyValuePair<string, string>>? query, IEnumerable<KeyValuePair<string, string>> headers, ReadOnlySpan<byte> body,
        string region, string accessKeyId, string accessKeySecret)
    {
        var payloadHash = Hashing.Sha256Hex(body);
        var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in headers) map[name.ToLowerInvariant()] = (value ?? "").Trim();
        map["x-log-content-sha256"] = payloadHash;
        if (!map.TryGetValue("x-log-date", out var date) || date.Length < 8)
            throw new ArgumentException("SLS V4 signing needs an x-log-date header (yyyyMMddTHHmmssZ).", nameof(headers));

        var signed = map.Where(h => IsSigned(h.Key)).ToList();
        var canonicalHeaders = string.Concat(signed.Select(h => h.Key + ":" + h.Value + "\n"));
        var signedHeaders = string.Join(';', signed.Select(h => h.Key));
        var canonicalQuery = string.Join('&', (query ?? Array.Empty<KeyValuePair<string, string>>())
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => string.IsNullOrEmpty(p.Value) ? p.Key : p.Key + "=" + PercentEncoding.Encode(p.Value)));
        var canonicalRequest = string.Join('\n', method, uri, canonicalQuery, canonicalHeaders, signedHeaders, payloadHash);

        var day = date[..8];
        var scope = $"{day}/{region}/sls/aliyun_v4_request";
        var stringToSign = string.Join('\n', Algorithm, date, scope, Hashing.Sha256Hex(canonicalRequest));
        var key = System.Text.Encoding.UTF8.GetBytes("aliyun_v4" + accessKeySecret);
        foreach (var part in new[] { day, region, "sls", "aliyun_v4_request" }) key = Hashing.HmacSha256(key, part);
        var signature = Convert.ToHexString(Hashing.HmacSha256(key, stringToSign)).ToLowerInvariant();
        return ($"{Algorithm} Credential={accessKeyId}/{scope},Signature={signature}", signature, signedHeaders, payloadHash);
    }

    private static bool IsSigned(string name) =>
        name == "host" || name == "content-type" || name.StartsWith("x-acs-", StringComparison.Ordinal)
        || name.StartsWith("x-log-", StringComparison.Ordinal) && !name.StartsWith("x-log-meta-", StringComparison.Ordinal);
}
