namespace AckHardening.Sandbox.Kubernetes;

/// <summary>
/// The controller-side memory of one workload: which pod template is running, which one is being rolled
/// out and since when (simulated time). Status is derived from this on every read.
/// </summary>
internal sealed class WorkloadRollout
{
    public required RolloutBehavior Behavior { get; init; }
    /// <summary>Hash of the template whose pods run now (the "current" ReplicaSet / revision).</summary>
    public required string CurrentHash { get; set; }
    /// <summary>Hash of the template being rolled out; equals <see cref="CurrentHash"/> when nothing is in flight.</summary>
    public required string TargetHash { get; set; }
    /// <summary>When the template last changed (or a paused Deployment was resumed); null before any change.</summary>
    public DateTimeOffset? Start { get; set; }
    /// <summary>observedGeneration reported until the controller sees the latest change.</summary>
    public long PreviousObservedGeneration { get; set; }
    /// <summary>Deployments: the deployment.kubernetes.io/revision value.</summary>
    public int Revision { get; set; } = 1;
    public required DateTimeOffset Created { get; init; }
}
