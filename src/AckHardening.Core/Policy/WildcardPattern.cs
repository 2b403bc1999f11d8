namespace AckHardening.Core.Policy;

/// <summary>
/// RAM-style glob patterns: <c>*</c> matches any run of characters (including none), <c>?</c> exactly one.
/// Actions compare case-insensitively (RAM action names are case-insensitive); resources case-sensitively, since
/// resource names (OSS object keys, log stores...) can differ only by case.
/// </summary>
public static class WildcardPattern
{
    public static bool HasWildcard(string pattern) => pattern.AsSpan().IndexOfAny('*', '?') >= 0;

    /// <summary>Does <paramref name="pattern"/> match the literal <paramref name="text"/>?</summary>
    public static bool IsMatch(string pattern, string text, bool ignoreCase)
    {
        // Iterative glob match with single back-tracking point: linear in practice, no regex compilation.
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || CharEquals(pattern[p], text[t], ignoreCase)))
            {
                p++; t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++; mark = t;
            }
            else if (star >= 0)
            {
                p = star + 1; t = ++mark;
            }
            else return false;
        }
        while (p < pattern.Length && pattern[p] == '*') p++;
        return p == pattern.Length;
    }

    public static bool IsActionMatch(string pattern, string action) => IsMatch(pattern, action, ignoreCase: true);

    /// <summary>
    /// Can some string match both patterns? Used to tell whether a wildcard grant touches a KeepAction pattern
    /// (e.g. grant <c>ecs:Describe*</c> and keep <c>ecs:*Instances</c> overlap on ecs:DescribeInstances).
    /// </summary>
    public static bool Overlaps(string a, string b, bool ignoreCase)
    {
        var memo = new Dictionary<(int, int), bool>();
        return Intersects(a, b, 0, 0, ignoreCase, memo);
    }

    private static bool Intersects(string a, string b, int i, int j, bool ignoreCase, Dictionary<(int, int), bool> memo)
    {
        if (memo.TryGetValue((i, j), out var known)) return known;
        bool result;
        if (i == a.Length && j == b.Length) result = true;
        else if (i < a.Length && a[i] == '*' && Intersects(a, b, i + 1, j, ignoreCase, memo)) result = true;
        else if (j < b.Length && b[j] == '*' && Intersects(a, b, i, j + 1, ignoreCase, memo)) result = true;
        else if (i < a.Length && j < b.Length)
        {
            if (a[i] == '*') result = Intersects(a, b, i, j + 1, ignoreCase, memo);          // a's star absorbs b's char
            else if (b[j] == '*') result = Intersects(a, b, i + 1, j, ignoreCase, memo);     // b's star absorbs a's char
            else result = (a[i] == '?' || b[j] == '?' || CharEquals(a[i], b[j], ignoreCase)) && Intersects(a, b, i + 1, j + 1, ignoreCase, memo);
        }
        else result = false;
        memo[(i, j)] = result;
        return result;
    }

    private static bool CharEquals(char x, char y, bool ignoreCase) =>
        x == y || ignoreCase && char.ToUpperInvariant(x) == char.ToUpperInvariant(y);
}
