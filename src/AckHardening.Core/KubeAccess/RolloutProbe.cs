using k8s;
using k8s.Models;

namespace AckHardening.Core.KubeAccess;

/// <summary>What a rollout evaluator concluded about one snapshot of a workload.</summary>
public enum RolloutState
{
    /// <summary>Still progressing (or not yet observed by its controller): poll again.</summary>
    Waiting,
    /// <summary>Every replica runs the new template and is available.</summary>
    Done,
    /// <summary>The rollout cannot finish by waiting (progress deadline exceeded, OnDelete strategy...).</summary>
    Failed,
}

/// <summary>One evaluation: the state and a kubectl-like message ("Waiting for daemon set ... 1 of 4 updated pods").</summary>
public sealed record RolloutObservation(RolloutState State, string Message);

/// <summary>
/// Judges a freshly read workload (a <see cref="V1Deployment"/>, <see cref="V1DaemonSet"/> or <see cref="V1StatefulSet"/>).
/// Must be pure: <see cref="KubernetesGateway.WaitForRolloutAsync"/> calls it once per poll.
/// </summary>
public delegate RolloutObservation RolloutProbe(IKubernetesObject<V1ObjectMeta> workload);

/// <summary>How often to poll, and how long to wait in total before giving up.</summary>
public sealed record RolloutWaitOptions
{
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);
}

/// <summary>How a wait ended.</summary>
public enum RolloutWaitOutcome
{
    Done,
    Failed,
    TimedOut,
}

/// <summary>The end of a wait: the outcome, the last evaluator message and the last snapshot read.</summary>
public sealed record RolloutWaitResult(
    WorkloadReference Workload,
    RolloutWaitOutcome Outcome,
    string Message,
    IKubernetesObject<V1ObjectMeta> LastSnapshot,
    int Polls,
    TimeSpan Elapsed);
