namespace AckHardening.Sandbox.Auth;

public enum CallerKind { Account, RamUser, AssumedRole }

/// <summary>Who signed a request. Holds no secret, so it may be logged and returned by GetCallerIdentity.</summary>
public sealed record CallerIdentity(
    CallerKind Kind,
    string AccountUid,
    string AccessKeyId,
    string Arn,
    string UserId,
    string PrincipalId,
    IReadOnlyList<string> AllowedActions,
    string? RoleName = null,
    string? RoleId = null,
    string? SessionName = null)
{
    /// <summary>RAM-style check of "ram:GetRole" against patterns such as "ram:Get*" or "*" (case-insensitive).</summary>
    public bool IsAllowed(string ramAction) => AllowedActions.Any(p => ActionPattern.Matches(p, ramAction));
}

public static class ActionPattern
{
    public static bool Matches(string pattern, string value)
    {
        // Classic two-pointer wildcard match; '*' spans any run, '?' one character.
        int p = 0, v = 0, star = -1, mark = 0;
        while (v < value.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || char.ToLowerInvariant(pattern[p]) == char.ToLowerInvariant(value[v]))) { p++; v++; }
            else if (p < pattern.Length && pattern[p] == '*') { star = p++; mark = v; }
            else if (star >= 0) { p = star + 1; v = ++mark; }
            else return false;
        }
        while (p < pattern.Length && pattern[p] == '*') p++;
        return p == pattern.Length;
    }
}
