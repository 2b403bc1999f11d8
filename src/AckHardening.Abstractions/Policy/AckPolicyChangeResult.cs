namespace AckHardening.Policy;

/// <summary>
/// What Set-AckWorkerRolePolicy or Restore-AckWorkerRolePolicy did to one policy (-PassThru). Carries PolicyName,
/// PolicyType, RoleName and ClusterId, so it pipes into Backup-AckWorkerRolePolicy and Get-AckWorkerRolePolicy.
/// </summary>
public sealed class AckPolicyChangeResult
{
    public string? ClusterId { get; init; }
    public string? RoleName { get; init; }
    public string PolicyName { get; init; } = "";
    public string PolicyType { get; init; } = "Custom";
    public PolicyChangePlanKind Kind { get; init; }
    /// <summary>False when the policy already was as asked and no call was made.</summary>
    public bool Changed { get; init; }
    public string? PreviousDefaultVersion { get; init; }
    /// <summary>The default version after the change (re-read from RAM).</summary>
    public string? DefaultVersion { get; init; }
    /// <summary>Whether the policy is attached to <see cref="RoleName"/> afterwards.</summary>
    public bool IsAttached { get; init; }
    public int VersionCount { get; init; }
    public int StepCount => Steps.Length;
    public string Summary { get; init; } = "";
    /// <summary>The backup taken before the change (Set), or the backup restored from (Restore).</summary>
    public string? BackupPath { get; init; }
    public string? BackupSha256 { get; init; }
    public DateTimeOffset CompletedAt { get; init; }
    // Nested detail after the scalars, so Export-Csv gives a useful file.
    /// <summary>The calls that were made, in order.</summary>
    public AckPolicyChangeStep[] Steps { get; init; } = Array.Empty<AckPolicyChangeStep>();
    public string[] Warnings { get; init; } = Array.Empty<string>();
    /// <summary>Previous default document against the new one.</summary>
    public AckPolicyDifference[] Differences { get; init; } = Array.Empty<AckPolicyDifference>();
    /// <summary>The default version's document afterwards.</summary>
    public PolicyDocument? Document { get; init; }

    public override string ToString() => Summary;
}
