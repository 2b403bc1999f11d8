using System.Text;
using System.Text.RegularExpressions;
using AckHardening.Core.Errors;

namespace AckHardening.Core.Audit;

/// <summary>
/// Attributes events to roles. An assumed-role caller shows as <c>userName = &lt;RoleName&gt;:&lt;session&gt;</c>
/// (worker nodes: session <c>vm-ram-i-&lt;instanceId&gt;</c>), so a role matches on the prefix <c>&lt;RoleName&gt;:</c>,
/// case-insensitively, never on equality. RAM role names are ASCII (<c>[A-Za-z0-9.-]</c>, 1–64).
/// </summary>
public sealed partial class RolePrincipalMatcher
{
    private readonly byte[][] _prefixes;

    public RolePrincipalMatcher(IEnumerable<string> roleNames)
    {
        ArgumentNullException.ThrowIfNull(roleNames);
        var roles = new List<string>();
        foreach (var name in roleNames)
        {
            ValidateRoleName(name);
            if (!roles.Contains(name, StringComparer.OrdinalIgnoreCase)) roles.Add(name);
        }
        if (roles.Count == 0) throw new AckException("AckInvalidRoleName", AckErrorKind.InvalidArgument, "At least one role name is required.");
        RoleNames = roles;
        _prefixes = roles.Select(r => Encoding.ASCII.GetBytes(r + ":")).ToArray();
    }

    public IReadOnlyList<string> RoleNames { get; }

    /// <summary>Throws <c>AckInvalidRoleName</c> unless the name is a valid RAM role name (also keeps it safe to embed in queries).</summary>
    public static void ValidateRoleName(string? name)
    {
        if (name is null || !RoleNamePattern().IsMatch(name))
            throw new AckException("AckInvalidRoleName", AckErrorKind.InvalidArgument,
                $"'{name}' is not a valid RAM role name (1-64 characters: letters, digits, '.', '-').", name);
    }

    /// <summary>Index of the role that made the call, or -1.</summary>
    public int Match(ReadOnlySpan<byte> userName)
    {
        for (var i = 0; i < _prefixes.Length; i++)
        {
            var p = _prefixes[i];
            if (userName.Length > p.Length && System.Text.Ascii.EqualsIgnoreCase(userName[..p.Length], p)) return i;
        }
        return -1;
    }

    public int Match(string? userName) => string.IsNullOrEmpty(userName) ? -1 : Match(Encoding.UTF8.GetBytes(userName));

    /// <summary>Index of a role given by name (case-insensitive), or -1.</summary>
    public int IndexOf(string? roleName)
    {
        if (roleName is null) return -1;
        for (var i = 0; i < RoleNames.Count; i++)
            if (RoleNames[i].Equals(roleName, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }

    [GeneratedRegex("^[A-Za-z0-9.-]{1,64}$")]
    private static partial Regex RoleNamePattern();
}
