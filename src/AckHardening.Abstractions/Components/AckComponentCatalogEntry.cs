namespace AckHardening.Components;

/// <summary>
/// One component of the hardening catalog: its minimum token-capable version, how its version is read,
/// the managed service role it relies on and the workloads the procedure restarts.
/// </summary>
public sealed class AckComponentCatalogEntry
{
    public string Name { get; set; } = "";
    public ComponentCategory Category { get; set; }
    public string MinimumVersion { get; set; } = "";
    public VersionSource VersionSource { get; set; }
    /// <summary>For <see cref="Components.VersionSource.ImageTag"/>: the image repository to match, e.g. "acs/autoscaler".</summary>
    public string? ImageName { get; set; }
    /// <summary>Managed service role whose token replaces the worker role; empty when none is known.</summary>
    public string? ServiceRole { get; set; }
    public ServiceRoleEvidence ServiceRoleEvidence { get; set; }
    /// <summary>The workloads joined for display and CSV, e.g. "kube-system/deployment/metrics-server".</summary>
    public string Workloads => AckWorkloadReference.Join(WorkloadList);
    /// <summary>The remark kinds joined with ", ".</summary>
    public string RemarkKinds => string.Join(", ", RemarkKindList);
    public string Remarks { get; set; } = "";
    public IReadOnlyList<AckWorkloadReference> WorkloadList { get; set; } = Array.Empty<AckWorkloadReference>();
    public IReadOnlyList<RemarkKind> RemarkKindList { get; set; } = Array.Empty<RemarkKind>();

    public bool HasRemark(RemarkKind kind) => RemarkKindList.Contains(kind);

    public override string ToString() => $"{Name} >= {MinimumVersion}";
}
