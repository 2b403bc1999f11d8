namespace AckHardening.Components;

/// <summary>One catalog component checked against one cluster: where it stands and what to do next.</summary>
public sealed class AckComponentCompliance
{
    public string? ClusterId { get; set; }
    public string Component { get; set; } = "";
    public ComponentCategory Category { get; set; }
    public string? InstalledVersion { get; set; }
    public string MinimumVersion { get; set; } = "";
    public ComplianceStatus Status { get; set; }
    public ComponentNextStep NextStep { get; set; }
    public string? ServiceRole { get; set; }
    /// <summary>True/false when the role check answered; null when it was not checked or there is no role.</summary>
    public bool? ServiceRoleGranted { get; set; }
    public string Workloads => AckWorkloadReference.Join(WorkloadList);
    public string Remarks { get; set; } = "";
    public IReadOnlyList<AckWorkloadReference> WorkloadList { get; set; } = Array.Empty<AckWorkloadReference>();

    public override string ToString() => $"{Component} {Status} -> {NextStep}";
}
