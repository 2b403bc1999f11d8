namespace AckHardening.Components;

/// <summary>A component installed in a cluster, as reported by component management or read from its workload.</summary>
public sealed class AckComponent
{
    public string? ClusterId { get; set; }
    public string Name { get; set; } = "";
    /// <summary>The installed version as reported (empty when the source gave none).</summary>
    public string? Version { get; set; }
    /// <summary>Addon state (active, updating, upgrading, deleting) or the workload's readiness.</summary>
    public string? State { get; set; }
    public ComponentSource Source { get; set; }
    /// <summary>The next version component management offers, when known.</summary>
    public string? UpgradeTo { get; set; }

    public override string ToString() => $"{Name} {Version}";
}
