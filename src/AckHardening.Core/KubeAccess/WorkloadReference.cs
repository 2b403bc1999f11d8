namespace AckHardening.Core.KubeAccess;

/// <summary>The workload kinds <c>kubectl rollout restart</c> supports.</summary>
public enum WorkloadKind
{
    Deployment,
    DaemonSet,
    StatefulSet,
}

/// <summary>Names one workload, e.g. <c>kube-system/daemonset/terway-eniip</c>.</summary>
public sealed record WorkloadReference(WorkloadKind Kind, string Namespace, string Name)
{
    /// <summary>kubectl's spelling: <c>deployment/metrics-server</c> in <c>kube-system</c>.</summary>
    public override string ToString() => $"{Namespace}/{Kind.ToString().ToLowerInvariant()}/{Name}";
}
