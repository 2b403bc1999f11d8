using System.Security.Cryptography;
using System.Text;

namespace AckHardening.Core.Signing;

/// <summary>The digests the signature schemes use, as the lowercase hex or Base64 strings they put on the wire.</summary>
public static class Hashing
{
    public static readonly string EmptySha256Hex = Sha256Hex(ReadOnlySpan<byte>.Empty);

    public static string Sha256Hex(ReadOnlySpan<byte> data) => Convert.ToHexString(SHA256.HashData(data)).ToLowerInvariant();

    public static string Sha256Hex(string text) => Sha256Hex(Encoding.UTF8.GetBytes(text));

    /// <summary>Content-MD5 as SLS wants it: uppercase hex (not Base64).</summary>
    public static string Md5HexUpper(ReadOnlySpan<byte> data) => Convert.ToHexString(MD5.HashData(data));

    public static byte[] HmacSha256(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    public static string HmacSha256Hex(string key, string data) =>
        Convert.ToHexString(HmacSha256(Encoding.UTF8.GetBytes(key), data)).ToLowerInvariant();

    public static string HmacSha1Base64(string key, string data) =>
        Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(data)));
}
