using System.Text;

namespace AckHardening.Core.Signing;

/// <summary>
/// RFC 3986 percent-encoding as Alibaba Cloud signs it: UTF-8 bytes, unreserved = A-Z a-z 0-9 - _ . ~,
/// everything else %XX with uppercase hex (space is %20, never '+').
/// </summary>
public static class PercentEncoding
{
    public static string Encode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var sb = new StringBuilder(value.Length + 16);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (IsUnreserved(b)) sb.Append((char)b);
            else sb.Append('%').Append(Hex[b >> 4]).Append(Hex[b & 0xF]);
        }
        return sb.ToString();
    }

    /// <summary>Encodes each path segment and keeps the '/' separators; an empty path becomes "/".</summary>
    public static string EncodePath(string? path)
    {
        if (string.IsNullOrEmpty(path)) return "/";
        var encoded = string.Join('/', path.Split('/').Select(Encode));
        return encoded.StartsWith('/') ? encoded : "/" + encoded;
    }

    /// <summary>Sorted (ordinal by name) name=value pairs, both encoded, joined by '&amp;'; empty value gives "name=".</summary>
    public static string CanonicalQuery(IEnumerable<KeyValuePair<string, string>> query) =>
        string.Join('&', query.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => Encode(p.Key) + "=" + Encode(p.Value ?? "")));

    private static bool IsUnreserved(byte b) =>
        b is >= (byte)'A' and <= (byte)'Z' or >= (byte)'a' and <= (byte)'z' or >= (byte)'0' and <= (byte)'9'
            or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~';

    private const string Hex = "0123456789ABCDEF";
}
