namespace AckHardening.Core.Services.Cs;

/// <summary>
/// A cluster as DescribeClustersV1 lists it or DescribeClusterDetail returns it (the same field set; the detail adds
/// <see cref="Parameters"/> and fills <see cref="WorkerRamRoleName"/>, which the list marks as deprecated).
/// </summary>
public sealed record CsCluster
{
    public required string ClusterId { get; init; }
    public string? Name { get; init; }
    /// <summary>Kubernetes (dedicated), ManagedKubernetes (managed, serverless, edge, Lingjun) or ExternalKubernetes.</summary>
    public string? ClusterType { get; init; }
    /// <summary>Default (ACK managed Pro/Basic), Edge, Serverless or Lingjun; empty on older answers.</summary>
    public string? Profile { get; init; }
    /// <summary>ack.standard (Basic), ack.pro.small and larger (Pro); empty means Basic on a managed cluster.</summary>
    public string? ClusterSpec { get; init; }
    public string? RegionId { get; init; }
    public string? ZoneId { get; init; }
    public string? State { get; init; }
    public string? CurrentVersion { get; init; }
    public string? InitVersion { get; init; }
    public string? VpcId { get; init; }
    public string? ResourceGroupId { get; init; }
    public DateTimeOffset? Created { get; init; }
    public DateTimeOffset? Updated { get; init; }
    public string? WorkerRamRoleName { get; init; }
    public bool? DeletionProtection { get; init; }
    public long? Size { get; init; }
    /// <summary>meta_data as the JSON string CS sends (not parsed: its keys are undocumented).</summary>
    public string? MetaData { get; init; }
    /// <summary>The creation parameters (detail only), values as text. Keys as CS spells them, e.g. "ALIYUN::StackId".</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}

/// <summary>One page of DescribeClustersV1.</summary>
public sealed record CsClusterPage(IReadOnlyList<CsCluster> Clusters, int PageNumber, int PageSize, int? TotalCount);

/// <summary>Server-side filters of DescribeClustersV1 (all optional).</summary>
public sealed record CsClusterListFilter
{
    public string? ClusterId { get; init; }
    public string? Name { get; init; }
    public string? ClusterType { get; init; }
    public string? ClusterSpec { get; init; }
    public string? Profile { get; init; }
    public string? RegionId { get; init; }
}

/// <summary>A node pool (DescribeClusterNodePools item), flattened to what the module uses.</summary>
public sealed record CsNodePool
{
    public required string NodePoolId { get; init; }
    public string? Name { get; init; }
    public bool IsDefault { get; init; }
    public string? Type { get; init; }
    public string? State { get; init; }
    public long? TotalNodes { get; init; }
    public long? HealthyNodes { get; init; }
    public long? DesiredSize { get; init; }
    public bool AutoScalingEnabled { get; init; }
    /// <summary>scaling_group.ram_role_name, else the deprecated scaling_group.ram_policy, which held the same role name.</summary>
    public string? RamRoleName { get; init; }
}
