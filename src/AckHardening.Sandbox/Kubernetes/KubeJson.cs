using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AckHardening.Sandbox.Kubernetes;

/// <summary>Small JSON and naming helpers shared by the emulated API server.</summary>
internal static class KubeJson
{
    /// <summary>Compact output that writes quotes as \" the way the API server does, not as \u0022.</summary>
    public static readonly JsonSerializerOptions Compact = new() { WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>RFC 3339 at second precision in UTC, as metav1.Time serializes.</summary>
    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// A stable short hash in the alphabet Kubernetes uses for generated names (pod-template-hash, revisions),
    /// so names look real and stay the same across runs for the same template.
    /// </summary>
    public static string ShortHash(JsonNode? node)
    {
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        var text = node?.ToJsonString(Compact) ?? "";
        ulong h = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(text)) { h ^= b; h *= 1099511628211UL; }
        var sb = new StringBuilder();
        for (var i = 0; i < 10; i++) { sb.Append(alphabet[(int)(h % (ulong)alphabet.Length)]); h /= (ulong)alphabet.Length; }
        return sb.ToString();
    }

    /// <summary>A deterministic UUID for an object, derived from its identity.</summary>
    public static string Uid(string clusterId, string kind, string ns, string name)
    {
        var bytes = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes($"{clusterId}/{kind}/{ns}/{name}"));
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes.AsSpan(0, 16), bigEndian: true).ToString();
    }

    public static JsonObject Meta(JsonObject obj) => obj["metadata"] as JsonObject ?? throw new InvalidDataException("object without metadata");

    public static bool DeepEquals(JsonNode? a, JsonNode? b) => JsonNode.DeepEquals(a, b);
}
