namespace AckHardening.Sandbox.Pipeline;

/// <summary>A path template such as /clusters/{ClusterId}/nodepools. Matching is on decoded segments.</summary>
public sealed class RoaRouteTemplate
{
    private readonly string[] _segments;

    public RoaRouteTemplate(string template)
    {
        Text = template;
        _segments = Split(template);
        LiteralCount = _segments.Count(s => !IsParameter(s));
    }

    public string Text { get; }
    /// <summary>More literal segments wins when two templates match (/clusters/x/y beats /clusters/{a}/y).</summary>
    public int LiteralCount { get; }

    public bool TryMatch(string decodedPath, out Dictionary<string, string> values)
    {
        values = new(StringComparer.OrdinalIgnoreCase);
        var parts = Split(decodedPath);
        if (parts.Length != _segments.Length) return false;
        for (var i = 0; i < parts.Length; i++)
        {
            if (IsParameter(_segments[i]))
            {
                if (parts[i].Length == 0) return false;
                values[_segments[i][1..^1]] = parts[i];
            }
            else if (!string.Equals(parts[i], _segments[i], StringComparison.Ordinal)) return false;
        }
        return true;
    }

    private static bool IsParameter(string s) => s.Length > 2 && s[0] == '{' && s[^1] == '}';

    private static string[] Split(string path) => path.Trim('/').Length == 0 ? [] : path.Trim('/').Split('/');
}
