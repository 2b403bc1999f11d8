using AckHardening.Audit;

namespace AckHardening.Core.Audit;

/// <summary>Activities and per-role coverage built from one source (SLS or LookupEvents).</summary>
public sealed class ActivityAnalysis
{
    public required IReadOnlyList<AckRoleActivity> Activities { get; init; }
    public required IReadOnlyList<AckActivityCoverage> Coverage { get; init; }
}
