namespace AckHardening.Sandbox.Services.Sls.Query;

/// <summary>
/// How SLS splits indexed text into tokens: the default delimiter list (<c>, '";=()[]{}?@&amp;&lt;&gt;/:\n\t\r</c> plus space),
/// case-insensitive. '-', '.' and '_' are not delimiters, so a role name like KubernetesWorkerRole-4a9e... is one
/// token and <c>&lt;role&gt;:&lt;session&gt;</c> is two.
/// </summary>
public static class SlsTokens
{
    private static readonly HashSet<char> Delimiters = [.. ", '\";=()[]{}?@&<>/:\n\t\r"];

    public static bool IsDelimiter(char c) => Delimiters.Contains(c);

    public static List<string> Split(string text)
    {
        var tokens = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && !IsDelimiter(text[i])) { if (start < 0) start = i; continue; }
            if (start >= 0) { tokens.Add(text[start..i].ToLowerInvariant()); start = -1; }
        }
        return tokens;
    }
}
