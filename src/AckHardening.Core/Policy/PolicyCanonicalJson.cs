using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AckHardening.Policy;

namespace AckHardening.Core.Policy;

/// <summary>
/// Canonical forms: JSON with object keys sorted (ordinal) and no whitespace, used for hashing backups and for
/// comparing documents by meaning rather than by layout.
/// </summary>
public static class PolicyCanonicalJson
{
    public static string Serialize(JsonNode? node)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
            Write(writer, node);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    Write(writer, value);
                }
                writer.WriteEndObject();
                break;
            case JsonArray arr:
                writer.WriteStartArray();
                foreach (var item in arr) Write(writer, item);
                writer.WriteEndArray();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }

    /// <summary>
    /// A statement reduced to its meaning: action and resource lists as sorted sets (actions lower-cased, since
    /// RAM compares them case-insensitively), string-or-array shape ignored, Condition and other fields canonical.
    /// </summary>
    public static string StatementKey(PolicyStatement s)
    {
        var obj = new JsonObject
        {
            ["Effect"] = s.Effect,
            ["Action"] = SetOf(s.Action, lower: true),
            ["NotAction"] = SetOf(s.NotAction, lower: true),
            ["Resource"] = SetOf(s.Resource, lower: false),
            ["NotResource"] = SetOf(s.NotResource, lower: false),
            ["Condition"] = s.Condition?.DeepClone(),
        };
        foreach (var (k, v) in s.ExtraFields)
        {
            // The Sid is a label: two statements that differ only by Sid grant the same thing.
            if (k == "Sid") continue;
            obj["x:" + k] = v?.DeepClone();
        }
        return Serialize(obj);
    }

    private static JsonArray? SetOf(List<string>? values, bool lower) =>
        values is null ? null
        : new JsonArray(values.Select(v => lower ? v.ToLowerInvariant() : v).Distinct(StringComparer.Ordinal)
            .OrderBy(v => v, StringComparer.Ordinal).Select(v => (JsonNode)JsonValue.Create(v)!).ToArray());

    /// <summary>
    /// True when both documents grant and deny the same: same Version and top-level extras, and the same multiset
    /// of statements regardless of order (RAM's evaluation does not depend on statement order: deny always wins).
    /// </summary>
    public static bool AreEquivalent(PolicyDocument a, PolicyDocument b)
    {
        if (!string.Equals(a.Version, b.Version, StringComparison.Ordinal)) return false;
        if (Serialize(ExtrasOf(a)) != Serialize(ExtrasOf(b))) return false;
        var left = a.Statements.Select(StatementKey).OrderBy(k => k, StringComparer.Ordinal).Distinct();
        var right = b.Statements.Select(StatementKey).OrderBy(k => k, StringComparer.Ordinal).Distinct();
        // Duplicate statements add nothing, so compare as sets.
        return left.SequenceEqual(right, StringComparer.Ordinal);
    }

    private static JsonObject ExtrasOf(PolicyDocument d)
    {
        var o = new JsonObject();
        foreach (var (k, v) in d.ExtraFields) o[k] = v?.DeepClone();
        return o;
    }
}
