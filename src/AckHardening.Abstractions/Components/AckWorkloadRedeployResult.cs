namespace AckHardening.Components;

/// <summary>The result of restarting one workload (kubectl rollout restart) and waiting for its rollout.</summary>
public sealed class AckWorkloadRedeployResult
{
    public string? ClusterId { get; set; }
    public string Component { get; set; } = "";
    public string Namespace { get; set; } = "";
    public WorkloadKind Kind { get; set; }
    public string Name { get; set; } = "";
    /// <summary>The restartedAt annotation value that was written (RFC 3339, second precision).</summary>
    public string? RestartedAt { get; set; }
    public RedeployStatus Status { get; set; }
    public TimeSpan Duration { get; set; }
    public int? Ready { get; set; }
    public int? Desired { get; set; }
    public string? Message { get; set; }

    public override string ToString() => $"{Namespace}/{Kind}/{Name} {Status}";
}
