using System.Runtime.CompilerServices;
using AckHardening.Clusters;
using AckHardening.Core.Diagnostics;
using AckHardening.Core.Errors;
using AckHardening.Core.Http;
using AckHardening.Core.Services.Cs;

namespace AckHardening.Core.Clusters;

/// <summary>
/// Finds the ACK managed clusters of a region and the worker RAM roles they run as (step 1 of the procedure:
/// the cluster's role plus each node pool's role). Clusters out of scope are skipped with a warning.
/// </summary>
public sealed class ClusterInventory
{
    public const int ProgressActivityId = 4101;
    private const string WorkerRolePrefix = "KubernetesWorkerRole-";

    private readonly CsClient _cs;
    private readonly string _regionId;
    private readonly IAckLog _log;

    public ClusterInventory(CsClient cs, string regionId, IAckLog? log = null)
    {
        _cs = cs ?? throw new ArgumentNullException(nameof(cs));
        ArgumentException.ThrowIfNullOrWhiteSpace(regionId);
        _regionId = regionId;
        _log = log ?? NullAckLog.Instance;
    }

    /// <summary>
    /// Every in-scope cluster of the region whose list entry passes <paramref name="filter"/> (e.g. a name wildcard),
    /// each with its detail and node pools. Yields as it goes so a caller can stream the results.
    /// </summary>
    public async IAsyncEnumerable<AckCluster> ListClustersAsync(Func<CsCluster, bool>? filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        _log.Verbose($"Listing ACK clusters in {_regionId} (DescribeClustersV1, {CsClient.DefaultPageSize} per page).");
        var listed = await _cs.DescribeClustersV1Async(new CsClusterListFilter { RegionId = _regionId }, cancellationToken).ConfigureAwait(false);
        var wanted = new List<CsCluster>();
        foreach (var c in listed)
        {
            if (filter is not null && !filter(c)) continue;
            if (!ClusterScope.IsInScope(c)) { WarnOutOfScope(c); continue; }
            wanted.Add(c);
        }
        _log.Verbose($"{listed.Count} cluster(s) listed, {wanted.Count} ACK managed cluster(s) selected.");

        for (var i = 0; i < wanted.Count; i++)
        {
            var c = wanted[i];
            _log.Progress(new AckProgress(ProgressActivityId, "Reading ACK clusters", $"{c.Name} ({c.ClusterId}), {i + 1} of {wanted.Count}", i * 100 / wanted.Count));
            AckCluster? cluster;
            try
            {
                var detail = await _cs.DescribeClusterDetailAsync(c.ClusterId, cancellationToken).ConfigureAwait(false);
                cluster = await BuildAsync(detail, cancellationToken).ConfigureAwait(false);
            }
            catch (AlibabaServiceException e) when (IsClusterNotFound(e))
            {
                // Deleted between the list and the detail call: it no longer needs hardening.
                _log.Warning($"Cluster {c.Name} ({c.ClusterId}) disappeared while it was being read (RequestId {e.RequestId}); skipped.");
                continue;
            }
            yield return cluster;
        }
        _log.Progress(new AckProgress(ProgressActivityId, "Reading ACK clusters", "Done", 100, Completed: true));
    }

    /// <summary>
    /// One cluster by id with its node pools; null (and a warning) when it exists but is not an ACK managed cluster.
    /// Throws <see cref="AckException"/> "AckClusterNotFound" when CS does not know the id.
    /// </summary>
    public async Task<AckCluster?> GetClusterAsync(string clusterId, CancellationToken cancellationToken)
    {
        ValidateClusterId(clusterId);
        _log.Verbose($"Reading cluster {clusterId} (DescribeClusterDetail).");
        CsCluster detail;
        try
        {
            detail = await _cs.DescribeClusterDetailAsync(clusterId, cancellationToken).ConfigureAwait(false);
        }
        catch (AlibabaServiceException e) when (IsClusterNotFound(e))
        {
            throw ClusterNotFound(clusterId, e);
        }
        if (!ClusterScope.IsInScope(detail)) { WarnOutOfScope(detail); return null; }
        return await BuildAsync(detail, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Turns a cluster detail into the output object, reading its node pools for their worker roles.</summary>
    public async Task<AckCluster> BuildAsync(CsCluster detail, CancellationToken cancellationToken)
    {
        IReadOnlyList<CsNodePool> pools;
        try
        {
            pools = await _cs.DescribeClusterNodePoolsAsync(detail.ClusterId, cancellationToken).ConfigureAwait(false);
        }
        catch (AlibabaServiceException e) when (IsClusterNotFound(e))
        {
            throw ClusterNotFound(detail.ClusterId, e);
        }

        var (roleName, source) = ResolveWorkerRoleName(detail, pools);
        var label = $"{detail.Name} ({detail.ClusterId})";
        switch (source)
        {
            case null:
                _log.Warning($"Cluster {label}: CS reports no worker RAM role (no worker_ram_role_name, no stack id); only node-pool roles are known.");
                break;
            case "Detail":
                _log.Verbose($"Cluster {label}: worker RAM role {roleName}.");
                break;
            default:
                _log.Verbose($"Cluster {label}: worker_ram_role_name is empty; using {roleName} from {DescribeSource(source)} (RAM confirms it when the role is read).");
                break;
        }

        var poolRoles = pools.Select(p => p.RamRoleName).Where(n => !string.IsNullOrEmpty(n)).Select(n => n!)
            .Distinct(StringComparer.Ordinal).ToArray();
        _log.Verbose($"Cluster {label}: {pools.Count} node pool(s), worker role(s) {(poolRoles.Length == 0 ? "none reported" : string.Join(", ", poolRoles))}.");

        return new AckCluster
        {
            ClusterId = detail.ClusterId,
            Name = detail.Name,
            RegionId = string.IsNullOrEmpty(detail.RegionId) ? _regionId : detail.RegionId,
            ClusterType = detail.ClusterType,
            ClusterSpec = detail.ClusterSpec,
            Profile = string.IsNullOrEmpty(detail.Profile) ? "Default" : detail.Profile,
            Edition = ClusterScope.Edition(detail),
            KubernetesVersion = detail.CurrentVersion ?? detail.InitVersion,
            State = detail.State,
            WorkerRamRoleName = roleName,
            WorkerRamRoleSource = source,
            NodePoolWorkerRoles = poolRoles,
            NodePoolRoleNames = string.Join("; ", poolRoles),
            NodePoolCount = pools.Count,
            Created = detail.Created,
            Updated = detail.Updated,
            VpcId = detail.VpcId,
            ResourceGroupId = detail.ResourceGroupId,
            Tags = new Dictionary<string, string>(detail.Tags, StringComparer.Ordinal),
            NodePools = pools.Select(p => new AckNodePool
            {
                NodePoolId = p.NodePoolId,
                Name = p.Name,
                IsDefault = p.IsDefault,
                State = p.State,
                TotalNodes = p.TotalNodes,
                AutoScalingEnabled = p.AutoScalingEnabled,
                RamRoleName = p.RamRoleName,
            }).ToArray(),
        };
    }

    /// <summary>
    /// The cluster's worker role: worker_ram_role_name from the detail; else the WorkerRamRoleName creation parameter;
    /// else the default node pool's role (the same role on clusters CS creates); else KubernetesWorkerRole-&lt;ROS stack
    /// id&gt;, the naming of the ACK creation template. Returns the name and where it came from (null, null when none).
    /// </summary>
    public static (string? Name, string? Source) ResolveWorkerRoleName(CsCluster detail, IReadOnlyList<CsNodePool> pools)
    {
        if (!string.IsNullOrWhiteSpace(detail.WorkerRamRoleName)) return (detail.WorkerRamRoleName, "Detail");
        if (detail.Parameters.TryGetValue("WorkerRamRoleName", out var p) && !string.IsNullOrWhiteSpace(p)) return (p, "Parameters");
        var defaultPool = pools.FirstOrDefault(x => x.IsDefault && !string.IsNullOrEmpty(x.RamRoleName));
        if (defaultPool is not null) return (defaultPool.RamRoleName, "NodePool");
        if (detail.Parameters.TryGetValue("ALIYUN::StackId", out var stack) && !string.IsNullOrWhiteSpace(stack)) return (WorkerRolePrefix + stack, "StackId");
        return (null, null);
    }

    private static string DescribeSource(string source) => source switch
    {
        "Parameters" => "the WorkerRamRoleName creation parameter",
        "NodePool" => "the default node pool",
        "StackId" => "the ROS stack id (KubernetesWorkerRole-<stack id>)",
        _ => source,
    };

    internal static bool IsClusterNotFound(AlibabaServiceException e) =>
        string.Equals(e.Code, "ErrorClusterNotFound", StringComparison.OrdinalIgnoreCase)
        || (e.StatusCode == System.Net.HttpStatusCode.NotFound && e.Code.Contains("Cluster", StringComparison.OrdinalIgnoreCase));

    private AckException ClusterNotFound(string clusterId, AlibabaServiceException e) =>
        new("AckClusterNotFound", AckErrorKind.ObjectNotFound,
            $"Cluster '{clusterId}' was not found in {_regionId} ({e.Code}{(string.IsNullOrEmpty(e.RequestId) ? "" : ", RequestId " + e.RequestId)}).",
            clusterId, e)
        {
            RecommendedAction = "Check the cluster id (Get-AckCluster lists them) and the region (-Region).",
        };

    private static void ValidateClusterId(string clusterId)
    {
        // The id becomes a path segment: refuse anything that could change the path rather than name a cluster.
        if (string.IsNullOrWhiteSpace(clusterId) || clusterId.Any(ch => !(char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_')))
            throw new AckException("AckInvalidClusterId", AckErrorKind.InvalidArgument, $"'{clusterId}' is not a cluster id (letters, digits, '-' and '_' only).", clusterId);
    }

    private void WarnOutOfScope(CsCluster c) =>
        _log.Warning($"Skipping cluster {c.Name} ({c.ClusterId}): it is {ClusterScope.DescribeOutOfScope(c)}; only ACK managed clusters (Pro and Basic) are in scope.");
}
