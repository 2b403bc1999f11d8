using System.Globalization;

namespace AckHardening.Core.Signing;

/// <summary>The parts of an ACS3-HMAC-SHA256 signature; only <see cref="Authorization"/> goes on the wire.</summary>
public sealed record Acs3SignatureResult(string CanonicalRequest, string HashedCanonicalRequest, string SignedHeaders, string Signature, string Authorization)
{
    // The canonical request is harmless, but the signature is a credential for 15 minutes: keep it out of logs.
    public override string ToString() => $"Acs3Signature(SignedHeaders={SignedHeaders})";
}

/// <summary>
/// OpenAPI signature V3 (ACS3-HMAC-SHA256), used for RPC (canonical URI "/") and ROA (encoded path) alike.
/// Pure: the caller supplies date and nonce (as x-acs-date / x-acs-signature-nonce headers), so results are reproducible.
/// </summary>
public static class Acs3Signature
{
    public const string Algorithm = "ACS3-HMAC-SHA256";

    /// <summary>x-acs-date format: UTC, seconds precision, trailing Z.</summary>
    public static string FormatDate(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>True for the headers V3 signs: host, content-type and every x-acs-* header.</summary>
    public static bool IsSignedHeader(string name)
    {
        var n = name.ToLowerInvariant();
        return n == "host" || n == "content-type" || n.StartsWith("x-acs-", StringComparison.Ordinal);
    }

    /// <summary>
    /// Signs a request. <paramref name="canonicalUri"/> is the already-encoded path ("/" for RPC);
    /// <paramref name="headers"/> may repeat a name (values are then sorted and joined with <paramref name="duplicateSeparator"/>,
    /// ", " as the C# SDK does); <paramref name="payloadHash"/> is the lowercase hex SHA-256 of the body.
    /// </summary>
    public static Acs3SignatureResult Sign(string method, string canonicalUri, IEnumerable<KeyValuePair<string, string>> query,
        IEnumerable<KeyValuePair<string, string>> headers, string payloadHash, string accessKeyId, string accessKeySecret,
        string duplicateSeparator = ", ")
    {
        var grouped = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (name, value) in headers)
        {
            if (!IsSignedHeader(name)) continue;
            var key = name.ToLowerInvariant();
            if (!grouped.TryGetValue(key, out var values)) grouped[key] = values = new List<string>();
            values.Add((value ?? "").Trim());
        }

        var canonicalHeaders = string.Concat(grouped.Select(g =>
            g.Key + ":" + string.Join(duplicateSeparator, g.Value.OrderBy(v => v, StringComparer.Ordinal)) + "\n"));
        var signedHeaders = string.Join(';', grouped.Keys);
        var canonicalRequest = string.Join('\n', method, string.IsNullOrEmpty(canonicalUri) ? "/" : canonicalUri,
            PercentEncoding.CanonicalQuery(query), canonicalHeaders, signedHeaders, payloadHash);
        var hashed = Hashing.Sha256Hex(canonicalRequest);
        var signature = Hashing.HmacSha256Hex(accessKeySecret, Algorithm + "\n" + hashed);
        var authorization = $"{Algorithm} Credential={accessKeyId},SignedHeaders={signedHeaders},Signature={signature}";
        return new Acs3SignatureResult(canonicalRequest, hashed, signedHeaders, signature, authorization);
    }
}
