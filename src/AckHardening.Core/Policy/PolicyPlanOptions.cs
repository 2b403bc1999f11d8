using AckHardening.Policy;

namespace AckHardening.Core.Policy;

/// <summary>Options of the apply planner (Set-AckWorkerRolePolicy).</summary>
public sealed class PolicyApplyOptions
{
    public string? ClusterId { get; init; }
    /// <summary>An empty proposal detaches the policy from the role; without it an empty proposal is refused.</summary>
    public bool DetachWhenEmpty { get; init; }
    public int MaxVersions { get; init; } = PolicyLimits.MaxPolicyVersions;
}

/// <summary>Options of the restore planner (Restore-AckWorkerRolePolicy).</summary>
public sealed class PolicyRestoreOptions
{
    public string? ClusterId { get; init; }
    /// <summary>Restore even when the policy was changed by someone else since the backup.</summary>
    public bool Force { get; init; }
    /// <summary>
    /// The document the round being undone applied. When the current default equals it (or the backup's
    /// PlannedDocument), the change is ours and restoring needs no Force.
    /// </summary>
    public PolicyDocument? ExpectedCurrentDocument { get; init; }
    public int MaxVersions { get; init; } = PolicyLimits.MaxPolicyVersions;
}
