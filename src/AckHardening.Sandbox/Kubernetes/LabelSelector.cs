using System.Text.Json.Nodes;

namespace AckHardening.Sandbox.Kubernetes;

/// <summary>
/// The label selector string syntax of list calls: <c>k=v</c>, <c>k==v</c>, <c>k!=v</c>, <c>k</c>, <c>!k</c>,
/// <c>k in (a,b)</c> and <c>k notin (a,b)</c>, joined by commas (all must hold).
/// </summary>
internal sealed class LabelSelector
{
    private readonly List<Func<JsonObject?, bool>> _requirements = [];

    private LabelSelector() { }

    public static LabelSelector Parse(string? text)
    {
        var selector = new LabelSelector();
        if (string.IsNullOrWhiteSpace(text)) return selector;
        foreach (var raw in SplitTopLevel(text))
        {
            var part = raw.Trim();
            if (part.Length == 0) throw new FormatException($"invalid label selector \"{text}\"");
            string key;
            if (TrySet(part, " notin ", out key, out var values)) selector._requirements.Add(l => !values.Contains(Get(l, key) ?? "\0"));
            else if (TrySet(part, " in ", out key, out values)) selector._requirements.Add(l => Get(l, key) is { } v && values.Contains(v));
            else if (part.Contains("!=")) { var (k, v) = Split(part, "!="); selector._requirements.Add(l => Get(l, k) != v); }
            else if (part.Contains("==")) { var (k, v) = Split(part, "=="); selector._requirements.Add(l => Get(l, k) == v); }
            else if (part.Contains('=')) { var (k, v) = Split(part, "="); selector._requirements.Add(l => Get(l, k) == v); }
            else if (part.StartsWith('!')) { var k = part[1..].Trim(); selector._requirements.Add(l => Get(l, k) is null); }
            else selector._requirements.Add(l => Get(l, part) is not null);
        }
        return selector;
    }

    public bool Matches(JsonObject? labels) => _requirements.All(r => r(labels));

    private static string? Get(JsonObject? labels, string key) => labels?[key]?.GetValue<string>();

    private static (string, string) Split(string part, string op)
    {
        var i = part.IndexOf(op, StringComparison.Ordinal);
        var key = part[..i].Trim();
        if (key.Length == 0) throw new FormatException($"invalid label selector requirement \"{part}\"");
        return (key, part[(i + op.Length)..].Trim());
    }

    private static bool TrySet(string part, string op, out string key, out HashSet<string> values)
    {
        key = ""; values = [];
        var i = part.IndexOf(op, StringComparison.Ordinal);
        if (i < 0) return false;
        var rest = part[(i + op.Length)..].Trim();
        if (!rest.StartsWith('(') || !rest.EndsWith(')')) throw new FormatException($"invalid label selector requirement \"{part}\"");
        key = part[..i].Trim();
        values = rest[1..^1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        return true;
    }

    /// <summary>Splits on commas that are not inside a parenthesised value set.</summary>
    private static IEnumerable<string> SplitTopLevel(string text)
    {
        var depth = 0; var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '(') depth++;
            else if (text[i] == ')') depth--;
            else if (text[i] == ',' && depth == 0) { yield return text[start..i]; start = i + 1; }
        }
        yield return text[start..];
    }
}
