namespace AckHardening.Clusters;

/// <summary>
/// An ACK managed cluster (Pro or Basic) with the RAM roles its worker nodes run as. Produced by Get-AckCluster and
/// piped (by ClusterId and RegionId) into the other cmdlets.
/// </summary>
public sealed class AckCluster
{
    public string ClusterId { get; set; } = "";
    public string? Name { get; set; }
    public string? RegionId { get; set; }
    /// <summary>CS cluster_type; always ManagedKubernetes for clusters the module handles.</summary>
    public string? ClusterType { get; set; }
    /// <summary>CS cluster_spec: ack.pro.small and larger (Pro) or ack.standard (Basic).</summary>
    public string? ClusterSpec { get; set; }
    /// <summary>CS profile: Default for ACK managed clusters.</summary>
    public string? Profile { get; set; }
    /// <summary>"Pro" or "Basic", from <see cref="ClusterSpec"/>.</summary>
    public string? Edition { get; set; }
    public string? KubernetesVersion { get; set; }
    public string? State { get; set; }
    /// <summary>The cluster's Worker RAM role (KubernetesWorkerRole-&lt;id&gt;).</summary>
    public string? WorkerRamRoleName { get; set; }
    /// <summary>Where <see cref="WorkerRamRoleName"/> came from: "Detail" (worker_ram_role_name), "Parameters"
    /// (the WorkerRamRoleName creation parameter) or "StackId" (built from the ROS stack id; confirm with GetRole).</summary>
    public string? WorkerRamRoleSource { get; set; }
    /// <summary>The distinct worker roles of the node pools, joined with "; " (for Export-Csv).</summary>
    public string NodePoolRoleNames { get; set; } = "";
    public int NodePoolCount { get; set; }
    public DateTimeOffset? Created { get; set; }
    public DateTimeOffset? Updated { get; set; }
    public string? VpcId { get; set; }
    public string? ResourceGroupId { get; set; }
    /// <summary>The distinct worker roles of the node pools (a pool may use a custom role since Kubernetes 1.22).</summary>
    public string[] NodePoolWorkerRoles { get; set; } = Array.Empty<string>();
    /// <summary>The node pools, each with its own worker role.</summary>
    public AckNodePool[] NodePools { get; set; } = Array.Empty<AckNodePool>();
    public Dictionary<string, string> Tags { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Every distinct worker role to harden: the cluster's role, plus the node pools' roles when asked.</summary>
    public string[] GetWorkerRoleNames(bool includeNodePoolRoles)
    {
        var names = new List<string>();
        if (!string.IsNullOrEmpty(WorkerRamRoleName)) names.Add(WorkerRamRoleName);
        if (includeNodePoolRoles) names.AddRange(NodePoolWorkerRoles.Where(n => !string.IsNullOrEmpty(n)));
        return names.Distinct(StringComparer.Ordinal).ToArray();
    }

    public override string ToString() => $"{Name} ({ClusterId})";
}

/// <summary>A node pool of an <see cref="AckCluster"/>.</summary>
public sealed class AckNodePool
{
    public string NodePoolId { get; set; } = "";
    public string? Name { get; set; }
    public bool IsDefault { get; set; }
    public string? State { get; set; }
    public long? TotalNodes { get; set; }
    public bool AutoScalingEnabled { get; set; }
    /// <summary>The RAM role of the pool's ECS instances; null when CS did not report one.</summary>
    public string? RamRoleName { get; set; }

    public override string ToString() => $"{Name} ({NodePoolId}) role {RamRoleName}";
}
