using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AckHardening.Core.Tests.Sandbox;

public sealed record TestKey(string Id, string Secret, string? Token = null)
{
    public static readonly TestKey Admin = new("LTAI5tSbxAdminKey0000001", "sbx-Secret-7f3a9c2e5b8d1f4a6c0e");
    public static readonly TestKey NoRights = new("LTAI5tSbxNoRightsKey0002", "sbx-Secret-2b6d0f4e8a1c3e5f7a9b");
    public static readonly TestKey Disabled = new("LTAI5tSbxDisabledKey004", "sbx-Secret-9e8d7c6b5a4f3e2d1c0b");
}

/// <summary>
/// A deliberately small ACS3-HMAC-SHA256 signer written for the tests from the published algorithm, sharing no
/// code with the sandbox's verifier or the module's signer. The request URI must already be percent-encoded
/// with <see cref="Enc"/>.
/// </summary>
internal static class TestSigner
{
    public static string Enc(string s) => Uri.EscapeDataString(s);

    public static string Query(IEnumerable<KeyValuePair<string, string>> parameters) =>
        string.Join("&", parameters.Select(p => Enc(p.Key) + "=" + Enc(p.Value)));

    public static async Task SignAsync(HttpRequestMessage request, string action, string version, TestKey key,
        DateTimeOffset? date = null, string? nonce = null)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync();
        var uri = request.RequestUri!;
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["host"] = uri.Authority,
            ["x-acs-action"] = action,
            ["x-acs-version"] = version,
            ["x-acs-date"] = (date ?? DateTimeOffset.UtcNow).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["x-acs-signature-nonce"] = nonce ?? Guid.NewGuid().ToString("N"),
            ["x-acs-content-sha256"] = Hex(SHA256.HashData(body)),
        };
        if (key.Token is not null)
        {
            headers["x-acs-security-token"] = key.Token;
            headers["x-acs-accesskey-id"] = key.Id;
        }
        if (request.Content?.Headers.ContentType is { } ct) headers["content-type"] = ct.ToString();

        var query = uri.Query.TrimStart('?');
        var canonicalQuery = query.Length == 0 ? "" : string.Join("&", query.Split('&').OrderBy(p => p.Split('=')[0], StringComparer.Ordinal));
        var canonical = new StringBuilder()
            .Append(request.Method.Method).Append('\n')
            .Append(uri.AbsolutePath.Length == 0 ? "/" : uri.AbsolutePath).Append('\n')
            .Append(canonicalQuery).Append('\n');
        foreach (var (k, v) in headers) canonical.Append(k).Append(':').Append(v.Trim()).Append('\n');
        var signedHeaders = string.Join(";", headers.Keys);
        canonical.Append('\n').Append(signedHeaders).Append('\n').Append(headers["x-acs-content-sha256"]);

        var toSign = "ACS3-HMAC-SHA256\n" + Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
        var signature = Hex(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key.Secret), Encoding.UTF8.GetBytes(toSign)));

        foreach (var (k, v) in headers)
            if (k is not ("host" or "content-type")) request.Headers.TryAddWithoutValidation(k, v);
        request.Headers.Host = uri.Authority;
        request.Headers.TryAddWithoutValidation("Authorization",
            $"ACS3-HMAC-SHA256 Credential={key.Id},SignedHeaders={signedHeaders},Signature={signature}");
    }

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}
