using AckHardening.Audit;

namespace AckHardening.Core.Audit;

/// <summary>
/// One query serves every role of a run; afterwards each role's results are labelled with the cluster(s) it came
/// from. A role shared by two clusters gives one copy per cluster.
/// </summary>
public sealed class ActivityClusterLabels
{
    private readonly Dictionary<string, List<string?>> _clusters = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _roles = new();

    /// <summary>The distinct roles, in the order first added.</summary>
    public IReadOnlyList<string> RoleNames => _roles;

    public void Add(string roleName, string? clusterId)
    {
        if (!_clusters.TryGetValue(roleName, out var list))
        {
            _clusters[roleName] = list = new List<string?>();
            _roles.Add(roleName);
        }
        if (!list.Contains(clusterId, StringComparer.Ordinal)) list.Add(clusterId);
    }

    public IEnumerable<AckRoleActivity> Label(IEnumerable<AckRoleActivity> activities)
    {
        foreach (var a in activities)
            foreach (var cluster in ClustersOf(a.RoleName))
                yield return new AckRoleActivity
                {
                    ClusterId = cluster, RoleName = a.RoleName, ServiceName = a.ServiceName, EventName = a.EventName, Action = a.Action,
                    Count = a.Count, DeniedCount = a.DeniedCount, ErrorCount = a.ErrorCount, FirstSeen = a.FirstSeen, LastSeen = a.LastSeen, Source = a.Source,
                };
    }

    public IEnumerable<AckActivityCoverage> Label(IEnumerable<AckActivityCoverage> coverage, IReadOnlyList<string>? extraReasons = null,
        string? trailName = null, bool? trailReady = null)
    {
        foreach (var c in coverage)
            foreach (var cluster in ClustersOf(c.RoleName))
            {
                var reasons = extraReasons is { Count: > 0 } ? c.Reasons.Concat(extraReasons).ToList() : c.Reasons;
                yield return new AckActivityCoverage
                {
                    ClusterId = cluster, RoleName = c.RoleName, Source = c.Source, WindowStart = c.WindowStart, WindowEnd = c.WindowEnd, Days = c.Days,
                    DaysWithData = c.DaysWithData, DistinctActions = c.DistinctActions, EventsMatched = c.EventsMatched, EventsDropped = c.EventsDropped,
                    LastNewActionDay = c.LastNewActionDay, NewActionsInLastDays = c.NewActionsInLastDays,
                    IsWindowLongEnough = c.IsWindowLongEnough && (extraReasons is null || extraReasons.Count == 0),
                    Reasons = reasons, EventsDroppedByReason = c.EventsDroppedByReason,
                    TrailName = trailName ?? c.TrailName, TrailReady = trailReady ?? c.TrailReady,
                };
            }
    }

    private IReadOnlyList<string?> ClustersOf(string role) =>
        _clusters.TryGetValue(role, out var list) ? list : new List<string?> { null };
}
