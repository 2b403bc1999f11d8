using AckHardening.Policy;

namespace AckHardening.Core.Policy;

/// <summary>Everything needed to put a policy back as it was: every version, which is default, where it was attached.</summary>
public sealed class PolicyBackup
{
    public string PolicyName { get; init; } = "";
    public string PolicyType { get; init; } = "Custom";
    public string? RoleName { get; init; }
    public string? ClusterId { get; init; }
    /// <summary>Whether the policy was attached to <see cref="RoleName"/> when the backup was taken.</summary>
    public bool AttachedToRole { get; init; } = true;
    /// <summary>When the backup was taken (UTC).</summary>
    public DateTimeOffset CreatedAt { get; init; }
    public string? ModuleVersion { get; init; }
    public IReadOnlyList<PolicyVersionSnapshot> Versions { get; init; } = Array.Empty<PolicyVersionSnapshot>();
    /// <summary>
    /// The document about to be applied when the backup was taken (optional). A restore treats a current default
    /// equal to it as "our own change" rather than as someone else's.
    /// </summary>
    public PolicyDocument? PlannedDocument { get; init; }

    /// <summary>Set by the reader and the writer: the verified hash of the content.</summary>
    public string? Sha256 { get; internal set; }
    /// <summary>Set by the reader and the writer.</summary>
    public string? Path { get; internal set; }

    public PolicyVersionSnapshot? Default => Versions.FirstOrDefault(v => v.IsDefault);
    public string? DefaultVersion => Default?.VersionId;

    public static PolicyBackup FromState(PolicyState state, DateTimeOffset createdAt, string? clusterId, string? moduleVersion, PolicyDocument? plannedDocument = null) => new()
    {
        PolicyName = state.PolicyName,
        PolicyType = state.PolicyType,
        RoleName = state.RoleName,
        ClusterId = clusterId,
        AttachedToRole = state.IsAttached,
        CreatedAt = createdAt.ToUniversalTime(),
        ModuleVersion = moduleVersion,
        Versions = state.Versions.ToList(),
        PlannedDocument = plannedDocument,
    };

    public AckPolicyBackupInfo ToInfo() => new()
    {
        Path = Path ?? "",
        PolicyName = PolicyName,
        PolicyType = PolicyType,
        RoleName = RoleName,
        ClusterId = ClusterId,
        VersionCount = Versions.Count,
        DefaultVersion = DefaultVersion,
        Sha256 = Sha256 ?? "",
        CreatedAt = CreatedAt,
        ModuleVersion = ModuleVersion,
        VersionIds = Versions.Select(v => v.VersionId).ToArray(),
    };
}
