using AckHardening.Audit;

namespace AckHardening.Core.Audit;

/// <summary>When usage evidence is strong enough to cut permissions on.</summary>
public sealed record ActivityCoverageRules
{
    public static ActivityCoverageRules Default { get; } = new();

    /// <summary>A shorter window is weak evidence (weekly jobs would be missed).</summary>
    public double MinimumDays { get; init; } = 7;

    /// <summary>An action first seen this close to the window's end means the role's behaviour has not settled.</summary>
    public double SettleDays { get; init; } = 2;

    /// <summary>Builds the coverage summary of one role from its aggregated actions.</summary>
    public AckActivityCoverage Evaluate(string roleName, ActivitySource source, DateTimeOffset? windowStart, DateTimeOffset? windowEnd,
        IReadOnlyCollection<AckRoleActivity> activities, long eventsMatched, int? daysWithData,
        IReadOnlyDictionary<string, long> droppedByReason, string? clusterId = null)
    {
        var days = windowStart is { } s && windowEnd is { } e && e > s ? (e - s).TotalDays : 0;
        DateTimeOffset? lastNewDay = null;
        var newInLastDays = 0;
        foreach (var a in activities)
        {
            if (a.FirstSeen is not { } first) continue;
            var day = new DateTimeOffset(first.UtcDateTime.Date, TimeSpan.Zero);
            if (lastNewDay is null || day > lastNewDay) lastNewDay = day;
            if (windowEnd is { } end && first >= end.AddDays(-SettleDays)) newInLastDays++;
        }
        var reasons = new List<string>();
        if (eventsMatched == 0) reasons.Add($"No call of role {roleName} was found in the evidence.");
        if (days < MinimumDays) reasons.Add($"The window covers {days:0.#} days; at least {MinimumDays:0.#} are needed.");
        if (newInLastDays > 0)
            reasons.Add($"{newInLastDays} action(s) first appeared in the last {SettleDays:0.#} days of the window; the role's calls have not settled.");
        return new AckActivityCoverage
        {
            ClusterId = clusterId,
            RoleName = roleName,
            Source = source,
            WindowStart = windowStart,
            WindowEnd = windowEnd,
            Days = Math.Round(days, 3),
            DaysWithData = daysWithData,
            DistinctActions = activities.Count,
            EventsMatched = eventsMatched,
            EventsDropped = droppedByReason.Values.Sum(),
            EventsDroppedByReason = droppedByReason,
            LastNewActionDay = lastNewDay,
            NewActionsInLastDays = newInLastDays,
            IsWindowLongEnough = reasons.Count == 0,
            Reasons = reasons,
        };
    }
}
