namespace AckHardening.Sandbox.Kubernetes;

/// <summary>
/// How a workload's controller behaves after its pod template changes. Read from the optional
/// <c>"sandbox"</c> block next to a workload in kubernetes.json.
/// </summary>
/// <param name="SecondsPerReplica">Simulated seconds to replace one pod (one replica, one node, one ordinal).</param>
/// <param name="NeverAvailable">New pods never become available: the rollout stalls after the first new pod.</param>
/// <param name="ExceedsProgressDeadline">The rollout stalls like <paramref name="NeverAvailable"/>, and a Deployment's
/// Progressing condition turns to ProgressDeadlineExceeded once spec.progressDeadlineSeconds have passed.</param>
/// <param name="DesiredNumberScheduled">DaemonSets only: how many nodes run the pod (default: every node of the cluster).</param>
public sealed record RolloutBehavior(
    double SecondsPerReplica = RolloutBehavior.DefaultSecondsPerReplica,
    bool NeverAvailable = false,
    bool ExceedsProgressDeadline = false,
    int? DesiredNumberScheduled = null)
{
    public const double DefaultSecondsPerReplica = 5;

    /// <summary>Simulated seconds before a controller observes a new generation.</summary>
    public const double ObserveLagSeconds = 1;

    public bool Stalls => NeverAvailable || ExceedsProgressDeadline;
}
