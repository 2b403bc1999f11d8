namespace AckHardening.Core.Policy;

/// <summary>Inputs of the recommendation besides the document and the usage records.</summary>
public sealed class PolicyRecommendationOptions
{
    public string? ClusterId { get; init; }
    public string? RoleName { get; init; }
    public string? PolicyName { get; init; }
    /// <summary>The default version the document came from, e.g. "v2".</summary>
    public string? CurrentVersion { get; init; }
    /// <summary>Action patterns never removed (wildcards allowed). A wildcard grant that overlaps one is kept whole.</summary>
    public IReadOnlyList<string> KeepActions { get; init; } = Array.Empty<string>();
    /// <summary>Replace a used wildcard grant by the used actions it covers.</summary>
    public bool NarrowWildcard { get; init; }
    /// <summary>
    /// Also prune unused actions from Allow statements that carry a Condition. Off by default: a condition is
    /// usually a deliberate, hand-written scope, and usage evidence says nothing about it.
    /// </summary>
    public bool PruneConditionalStatements { get; init; }
    /// <summary>How much time the usage records cover; null when unknown.</summary>
    public TimeSpan? EvidenceWindow { get; init; }
    /// <summary>Below this window the proposal carries a warning (ACK's procedure asks for at least a week).</summary>
    public TimeSpan MinimumEvidenceWindow { get; init; } = TimeSpan.FromDays(7);
    /// <summary>Readiness problems found by the audit area (trail not recording reads, short retention...), passed through.</summary>
    public IReadOnlyList<string> ReadinessWarnings { get; init; } = Array.Empty<string>();
}
