using AckHardening.Core.Policy;
using AckHardening.Policy;

namespace AckHardening.Core.Policies;

/// <summary>Builds the -PassThru result from the plan, the state before and the state re-read after.</summary>
internal static class PolicyChangeResults
{
    public static AckPolicyChangeResult From(AckPolicyChangePlan plan, PolicyState before, PolicyState after, IReadOnlyList<AckPolicyChangeStep> executed,
        IEnumerable<string> warnings, AckPolicyBackupInfo? backup, string? clusterId, string? backupPath = null, string? backupSha256 = null)
    {
        var beforeDoc = before.Default?.Document;
        var afterDoc = after.Default?.Document;
        // A call whose answer was lost is not in the executed list but did change the policy: compare the states too.
        var changed = executed.Count > 0 || before.Default?.VersionId != after.Default?.VersionId || before.IsAttached != after.IsAttached
            || !before.Versions.Select(v => v.VersionId).SequenceEqual(after.Versions.Select(v => v.VersionId));
        return new AckPolicyChangeResult
        {
            ClusterId = clusterId ?? plan.ClusterId,
            RoleName = after.RoleName ?? plan.RoleName,
            PolicyName = after.PolicyName,
            PolicyType = after.PolicyType,
            Kind = plan.Kind,
            Changed = changed,
            PreviousDefaultVersion = before.Default?.VersionId,
            DefaultVersion = after.Default?.VersionId,
            IsAttached = after.IsAttached,
            VersionCount = after.Versions.Count,
            Summary = changed ? $"{plan.Kind} {after.PolicyName}: default version {before.Default?.VersionId} -> {after.Default?.VersionId}"
                + $"{(before.IsAttached == after.IsAttached ? "" : after.IsAttached ? ", attached again" : ", detached")} ({executed.Count} call{(executed.Count == 1 ? "" : "s")})." : plan.Summary,
            BackupPath = backup?.Path ?? backupPath,
            BackupSha256 = backup?.Sha256 ?? backupSha256,
            CompletedAt = DateTimeOffset.UtcNow,
            Steps = executed.ToArray(),
            Warnings = warnings.Distinct().ToArray(),
            Differences = beforeDoc is not null && afterDoc is not null ? PolicyComparer.Compare(beforeDoc, afterDoc, after.PolicyName).Differences.ToArray() : Array.Empty<AckPolicyDifference>(),
            Document = afterDoc,
        };
    }
}
