namespace AckHardening.Audit;

/// <summary>
/// How much the usage evidence of one role can be trusted: the window it covers, how many days carried data,
/// and whether new actions were still appearing near the end. One object per role and source.
/// </summary>
public sealed class AckActivityCoverage
{
    public string? ClusterId { get; set; }
    public string RoleName { get; set; } = "";
    public ActivitySource Source { get; set; }
    public DateTimeOffset? WindowStart { get; set; }
    public DateTimeOffset? WindowEnd { get; set; }
    /// <summary>Length of the window in days (fractional).</summary>
    public double Days { get; set; }
    /// <summary>UTC days on which the role made at least one call; null when the source cannot tell (grouped SLS results).</summary>
    public int? DaysWithData { get; set; }
    public int DistinctActions { get; set; }
    public long EventsMatched { get; set; }
    /// <summary>Events that were read but not attributed to this role (other principals, non-API events...). Shared by all roles of one run.</summary>
    public long EventsDropped { get; set; }
    /// <summary>UTC day on which the most recently discovered action first appeared.</summary>
    public DateTimeOffset? LastNewActionDay { get; set; }
    /// <summary>Actions first seen within the settle period at the end of the window.</summary>
    public int NewActionsInLastDays { get; set; }
    /// <summary>False when the evidence is weak: the window is too short or the set of actions has not settled.</summary>
    public bool IsWindowLongEnough { get; set; }
    /// <summary>The ActionTrail trail the evidence was read from (SLS source), when known.</summary>
    public string? TrailName { get; set; }
    /// <summary>Whether that trail was ready for analysis (logging, 7+ days, EventRW All...); null when no trail was involved.</summary>
    public bool? TrailReady { get; set; }
    /// <summary>Why the evidence is weak; empty when it is not.</summary>
    public string ReasonText => string.Join("; ", Reasons);

    public IReadOnlyList<string> Reasons { get; set; } = Array.Empty<string>();
    /// <summary>Dropped events by reason (OtherPrincipal, NotApiCall, MissingFields, OutsideWindow).</summary>
    public IReadOnlyDictionary<string, long> EventsDroppedByReason { get; set; } = new Dictionary<string, long>();

    public override string ToString() => $"{RoleName} {Source} {Days:0.#}d {DistinctActions} actions{(IsWindowLongEnough ? "" : " (weak)")}";
}
