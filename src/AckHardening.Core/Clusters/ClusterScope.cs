using AckHardening.Core.Services.Cs;

namespace AckHardening.Core.Clusters;

/// <summary>
/// Which clusters the procedure applies to. Only ACK managed clusters are in scope: cluster_type ManagedKubernetes
/// with profile Default (or none, as older answers omit it). The same cluster_type also covers ACK Serverless,
/// ACK Edge and Lingjun, told apart by profile; Kubernetes is ACK dedicated and ExternalKubernetes a registered cluster.
/// </summary>
public static class ClusterScope
{
    public const string ManagedKubernetes = "ManagedKubernetes";

    public static bool IsInScope(CsCluster cluster) =>
        string.Equals(cluster.ClusterType, ManagedKubernetes, StringComparison.OrdinalIgnoreCase)
        && (string.IsNullOrEmpty(cluster.Profile) || string.Equals(cluster.Profile, "Default", StringComparison.OrdinalIgnoreCase));

    /// <summary>"Pro" for ack.pro.*, "Basic" for ack.standard or an empty spec; null when not an ACK managed cluster.</summary>
    public static string? Edition(CsCluster cluster)
    {
        if (!IsInScope(cluster)) return null;
        var spec = cluster.ClusterSpec ?? "";
        if (spec.StartsWith("ack.pro", StringComparison.OrdinalIgnoreCase)) return "Pro";
        if (spec.Length == 0 || spec.Equals("ack.standard", StringComparison.OrdinalIgnoreCase)) return "Basic";
        return spec;
    }

    /// <summary>A human name for a cluster the module does not handle, for the warning that says why it is skipped.</summary>
    public static string DescribeOutOfScope(CsCluster cluster)
    {
        var type = cluster.ClusterType ?? "";
        if (type.Equals("Kubernetes", StringComparison.OrdinalIgnoreCase)) return "an ACK dedicated cluster (cluster_type Kubernetes)";
        if (type.Equals("ExternalKubernetes", StringComparison.OrdinalIgnoreCase)) return "a registered cluster (cluster_type ExternalKubernetes)";
        if (type.Equals(ManagedKubernetes, StringComparison.OrdinalIgnoreCase))
        {
            return cluster.Profile?.ToLowerInvariant() switch
            {
                "serverless" => "an ACK Serverless cluster (profile Serverless)",
                "edge" => "an ACK Edge cluster (profile Edge)",
                "lingjun" => "a Lingjun cluster (profile Lingjun)",
                _ => $"a managed cluster with profile {cluster.Profile}",
            };
        }
        return $"a cluster of type '{type}'";
    }
}
