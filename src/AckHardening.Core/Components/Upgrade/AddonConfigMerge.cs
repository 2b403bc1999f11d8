using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AckHardening.Core.Errors;

namespace AckHardening.Core.Components;

/// <summary>The result of merging changes into an addon config.</summary>
public sealed record AddonConfigMergeResult(string Before, string After, IReadOnlyList<string> ChangedKeys)
{
    public bool HasChanges => ChangedKeys.Count > 0;
}

/// <summary>
/// Merges top-level keys into an addon config (the JSON string GetClusterAddonInstance returns): a key that exists in
/// any letter case keeps its stored spelling, a null value removes the key, nested dictionaries and lists become JSON
/// objects and arrays. The ACR helper's tokenMode is checked against its three values and written in their spelling.
/// </summary>
public static class AddonConfigMerge
{
    public const string AcrHelper = "aliyun-acr-credential-helper";
    private static readonly string[] TokenModes = ["auto", "managedRole", "workerRole"];

    public static AddonConfigMergeResult Merge(string component, string? currentJson, IEnumerable<KeyValuePair<string, object?>> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        JsonObject config;
        try
        {
            config = string.IsNullOrWhiteSpace(currentJson) ? new JsonObject()
                : JsonNode.Parse(currentJson) as JsonObject ?? throw Invalid(component, "the stored config is not a JSON object");
        }
        catch (JsonException)
        {
            throw Invalid(component, "the stored config is not valid JSON");
        }
        var before = config.ToJsonString();

        var changed = new List<string>();
        foreach (var (rawKey, value) in changes)
        {
            if (string.IsNullOrWhiteSpace(rawKey)) throw Invalid(component, "a config key is empty");
            var key = config.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, rawKey, StringComparison.OrdinalIgnoreCase)) ?? rawKey;
            var node = ToNode(component, key, value);
            if (string.Equals(component, AcrHelper, StringComparison.OrdinalIgnoreCase) && string.Equals(key, AcrTokenMode.DefaultConfigKey, StringComparison.OrdinalIgnoreCase))
                node = CanonicalTokenMode(component, node);

            var existed = config.TryGetPropertyValue(key, out var old);
            if (node is null)
            {
                if (!existed) continue;
                config.Remove(key);
            }
            else
            {
                if (existed && JsonNode.DeepEquals(old, node)) continue;
                config[key] = node;
            }
            if (!changed.Contains(key, StringComparer.Ordinal)) changed.Add(key);
        }
        return new AddonConfigMergeResult(before, config.ToJsonString(), changed);
    }

    private static JsonNode? CanonicalTokenMode(string component, JsonNode? node)
    {
        if (node is null) return null;
        var text = node is JsonValue v && v.TryGetValue(out string? s) ? s : null;
        var match = TokenModes.FirstOrDefault(m => string.Equals(m, text, StringComparison.OrdinalIgnoreCase))
            ?? throw Invalid(component, $"tokenMode must be one of {string.Join(", ", TokenModes)}, not '{node.ToJsonString()}'");
        return JsonValue.Create(match);
    }

    private static JsonNode? ToNode(string component, string key, object? value) => value switch
    {
        null => null,
        JsonNode n => n.DeepClone(),
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        int or long or short or byte or sbyte or uint or ushort => JsonValue.Create(Convert.ToInt64(value, CultureInfo.InvariantCulture)),
        ulong u => JsonValue.Create(u),
        double d when double.IsFinite(d) => JsonValue.Create(d),
        float f when float.IsFinite(f) => JsonValue.Create(f),
        decimal m => JsonValue.Create(m),
        IDictionary dict => DictionaryNode(component, key, dict),
        IEnumerable list => new JsonArray(list.Cast<object?>().Select(i => ToNode(component, key, i)).ToArray()),
        _ => throw Invalid(component, $"the value of {key} has the type {value.GetType().Name}, which has no JSON form"),
    };

    private static JsonObject DictionaryNode(string component, string key, IDictionary dict)
    {
        var obj = new JsonObject();
        foreach (DictionaryEntry e in dict)
            obj[Convert.ToString(e.Key, CultureInfo.InvariantCulture) ?? ""] = ToNode(component, key, e.Value);
        return obj;
    }

    private static AckException Invalid(string component, string why) =>
        new(ComponentErrors.ConfigInvalid, AckErrorKind.InvalidArgument, $"Cannot change the config of {component}: {why}.", component);
}
