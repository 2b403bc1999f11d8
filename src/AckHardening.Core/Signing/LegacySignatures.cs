namespace AckHardening.Core.Signing;

/// <summary>
/// The HMAC-SHA1 schemes older endpoints still accept. The transport signs with V3; these exist so the sandbox's
/// and the reference's legacy vectors can be checked, and for callers that must talk to a V2-only endpoint.
/// </summary>
public static class LegacySignatures
{
    /// <summary>RPC signature V2: Base64(HMAC-SHA1(secret + "&amp;", METHOD &amp; pe("/") &amp; pe(canonical query))).</summary>
    public static string RpcV2(string method, IEnumerable<KeyValuePair<string, string>> parameters, string accessKeySecret)
    {
        var canonical = PercentEncoding.CanonicalQuery(parameters.Where(p => p.Key != "Signature"));
        var stringToSign = method + "&" + PercentEncoding.Encode("/") + "&" + PercentEncoding.Encode(canonical);
        return Hashing.HmacSha1Base64(accessKeySecret + "&", stringToSign);
    }

    /// <summary>ROA signature V1 body: Base64(HMAC-SHA1(secret, string to sign)), key without "&amp;".</summary>
    public static string RoaV1(string stringToSign, string accessKeySecret) => Hashing.HmacSha1Base64(accessKeySecret, stringToSign);

    /// <summary>
    /// ROA V1 string to sign: METHOD, Accept, Content-MD5, Content-Type, Date lines, then sorted x-acs-* "name:value\n" lines,
    /// then the path with the query sorted and unencoded (an empty value gives a bare name).
    /// </summary>
    public static string RoaV1StringToSign(string method, string? accept, string? contentMd5, string? contentType, string date,
        IEnumerable<KeyValuePair<string, string>> headers, string path, IEnumerable<KeyValuePair<string, string>>? query)
    {
        var acs = headers.Select(h => (Name: h.Key.ToLowerInvariant(), Value: (h.Value ?? "").Trim()))
            .Where(h => h.Name.StartsWith("x-acs-", StringComparison.Ordinal))
            .OrderBy(h => h.Name, StringComparer.Ordinal)
            .Select(h => h.Name + ":" + h.Value + "\n");
        var pairs = query?.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => string.IsNullOrEmpty(p.Value) ? p.Key : p.Key + "=" + p.Value).ToList();
        var resource = pairs is { Count: > 0 } ? path + "?" + string.Join('&', pairs) : path;
        return $"{method}\n{accept}\n{contentMd5}\n{contentType}\n{date}\n" + string.Concat(acs) + resource;
    }
}
