using AckHardening.Audit;

namespace AckHardening.Core.Policy;

/// <summary>Usage of one action after merging every record for it (several sources, or duplicates).</summary>
public sealed record ActionUsage(string Action, long Count, long DeniedCount, DateTimeOffset? LastSeen)
{
    public bool Used => Count > 0;
    public bool DeniedOnly => Count == 0 && DeniedCount > 0;
}

/// <summary>Merges activity records per action, case-insensitively (RAM action names are case-insensitive).</summary>
public static class RoleActivitySummary
{
    public static IReadOnlyList<ActionUsage> Summarize(IEnumerable<AckRoleActivity> activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity
            .Where(a => a is not null && !string.IsNullOrWhiteSpace(a.Action))
            .GroupBy(a => a.Action.Trim(), StringComparer.OrdinalIgnoreCase)
            .Select(g => new ActionUsage(
                g.First().Action.Trim(),
                g.Sum(a => Math.Max(0, a.Count)),
                g.Sum(a => Math.Max(0, a.DeniedCount)),
                g.Max(a => a.LastSeen)))
            .OrderBy(u => u.Action, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }
}
