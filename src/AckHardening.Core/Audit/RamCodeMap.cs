using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AckHardening.Core.Errors;

namespace AckHardening.Core.Audit;

/// <summary>
/// Maps an ActionTrail serviceName (the OpenAPI product code, e.g. "Ecs") to the RAM code used in actions ("ecs").
/// The default is the lower-cased name; a built-in table covers the known differences (SLS's product code is
/// "Sls" but its RAM code is "log") and product nicknames, and users can add or replace entries from a file.
/// Names compare case-insensitively. Instances are immutable and thread-safe.
/// </summary>
public sealed partial class RamCodeMap
{
    /// <summary>Known serviceName → RAM code differences (settled facts §1, reference §5).</summary>
    public static IReadOnlyDictionary<string, string> BuiltInOverrides { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Sls"] = "log",
        ["Log"] = "log",
        ["LogService"] = "log",
        ["Cr"] = "cr",
        ["Acr"] = "cr",
        ["ContainerRegistry"] = "cr",
        ["CS"] = "cs",
        ["Ack"] = "cs",
        ["ContainerService"] = "cs",
        ["Cms"] = "cms",
        ["CloudMonitor"] = "cms",
        ["Eci"] = "eci",
    };

    public static RamCodeMap Default { get; } = new(BuiltInOverrides);

    private readonly Dictionary<string, string> _overrides;
    // The serviceName spellings seen in practice are few: caching the UTF-8 lookups keeps the hot path allocation-free.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _cache = new(StringComparer.OrdinalIgnoreCase);

    private RamCodeMap(IEnumerable<KeyValuePair<string, string>> overrides)
    {
        _overrides = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var kv in overrides) _overrides[kv.Key] = kv.Value;
    }

    public IReadOnlyDictionary<string, string> Overrides => _overrides;

    /// <summary>The RAM code for a serviceName; empty input gives an empty code.</summary>
    public string GetRamCode(string? serviceName)
    {
        if (string.IsNullOrEmpty(serviceName)) return "";
        return _cache.GetOrAdd(serviceName, static (name, map) =>
            map._overrides.TryGetValue(name, out var code) ? code : name.ToLowerInvariant(), this);
    }

    /// <summary>The RAM action for a call: <c>&lt;ramcode&gt;:&lt;eventName&gt;</c>.</summary>
    public string GetAction(string? serviceName, string eventName) => $"{GetRamCode(serviceName)}:{eventName}";

    /// <summary>A new map with <paramref name="entries"/> added on top of this one (later entries win).</summary>
    public RamCodeMap With(IEnumerable<KeyValuePair<string, string>> entries)
    {
        var list = new List<KeyValuePair<string, string>>(_overrides);
        foreach (var kv in entries)
        {
            var name = kv.Key?.Trim() ?? "";
            var code = kv.Value?.Trim() ?? "";
            if (name.Length == 0) throw Invalid($"A service name is empty (RAM code '{code}').");
            if (!RamCodePattern().IsMatch(code)) throw Invalid($"'{code}' (for service '{name}') is not a valid RAM code: use lower-case letters, digits and '-'.");
            list.Add(new(name, code));
        }
        return new RamCodeMap(list);
    }

    /// <summary>
    /// Adds entries from a user file: JSON (<c>{"Sls":"log"}</c> or <c>[{"ServiceName":"Sls","RamCode":"log"}]</c>)
    /// or CSV with the header <c>ServiceName,RamCode</c>. The format is chosen from the content, not the extension.
    /// </summary>
    public RamCodeMap WithFile(string path)
    {
        string text;
        try { text = File.ReadAllText(path, Encoding.UTF8); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AckException("AckServiceMapUnreadable", AckErrorKind.ReadError, $"Cannot read the service map file '{path}': {e.Message}", path, e);
        }
        try { return With(Parse(text)); }
        catch (AckException e) when (e.ErrorId == "AckInvalidServiceMap")
        {
            throw new AckException(e.ErrorId, e.Kind, $"{path}: {e.Message}", path, e);
        }
    }

    internal static List<KeyValuePair<string, string>> Parse(string text)
    {
        var trimmed = text.AsSpan().TrimStart();
        if (trimmed.Length > 0 && (trimmed[0] == '{' || trimmed[0] == '[')) return ParseJson(text);
        return ParseCsv(text);
    }

    private static List<KeyValuePair<string, string>> ParseJson(string text)
    {
        var result = new List<KeyValuePair<string, string>>();
        JsonDocument doc;
        try { doc = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }); }
        catch (JsonException e) { throw Invalid($"invalid JSON: {e.Message}"); }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in root.EnumerateObject())
                {
                    if (p.Value.ValueKind != JsonValueKind.String) throw Invalid($"the value of '{p.Name}' must be a string RAM code.");
                    result.Add(new(p.Name, p.Value.GetString()!));
                }
                return result;
            }
            var i = 0;
            foreach (var item in root.EnumerateArray())
            {
                i++;
                if (item.ValueKind != JsonValueKind.Object) throw Invalid($"entry {i} must be an object with ServiceName and RamCode.");
                string? name = null, code = null;
                foreach (var p in item.EnumerateObject())
                {
                    if (p.Value.ValueKind != JsonValueKind.String) continue;
                    if (p.Name.Equals("ServiceName", StringComparison.OrdinalIgnoreCase)) name = p.Value.GetString();
                    else if (p.Name.Equals("RamCode", StringComparison.OrdinalIgnoreCase)) code = p.Value.GetString();
                }
                if (name is null || code is null) throw Invalid($"entry {i} must have string ServiceName and RamCode.");
                result.Add(new(name, code));
            }
            return result;
        }
    }

    private static List<KeyValuePair<string, string>> ParseCsv(string text)
    {
        var result = new List<KeyValuePair<string, string>>();
        var lines = text.Split('\n');
        var header = true;
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n].Trim().TrimStart('\uFEFF');
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var cells = line.Split(',').Select(c => c.Trim().Trim('"').Trim()).ToArray();
            if (header)
            {
                header = false;
                if (cells.Length < 2 || !cells[0].Equals("ServiceName", StringComparison.OrdinalIgnoreCase) || !cells[1].Equals("RamCode", StringComparison.OrdinalIgnoreCase))
                    throw Invalid("a CSV service map must start with the header 'ServiceName,RamCode'.");
                continue;
            }
            if (cells.Length != 2) throw Invalid($"line {n + 1}: expected 'ServiceName,RamCode', got '{line}'.");
            result.Add(new(cells[0], cells[1]));
        }
        return result;
    }

    private static AckException Invalid(string message) => new("AckInvalidServiceMap", AckErrorKind.InvalidData, $"Invalid service map: {message}");

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex RamCodePattern();
}
