namespace AckHardening.Components;

/// <summary>The outcome of upgrading one component through CS component management (one UpgradeClusterAddons task).</summary>
public sealed class AckComponentUpgradeResult
{
    public string? ClusterId { get; set; }
    public string Component { get; set; } = "";
    public string? FromVersion { get; set; }
    public string? ToVersion { get; set; }
    public string? TaskId { get; set; }
    public ComponentUpgradeStatus Status { get; set; }
    public TimeSpan Duration { get; set; }
    /// <summary>The task's error (code: message) when it failed, or what was left running when it timed out.</summary>
    public string Message { get; set; } = "";

    public override string ToString() => $"{Component} {FromVersion} -> {ToVersion} {Status}";
}
