using System.Globalization;
using k8s.Models;

namespace AckHardening.Core.Kubernetes;

/// <summary>Where a rollout stands.</summary>
public enum RolloutState
{
    InProgress,
    Complete,
    /// <summary>The rollout cannot finish by itself (a Deployment exceeded its progress deadline, or a revision mismatch).</summary>
    Failed,
    /// <summary>Status is not available for this update strategy (OnDelete).</summary>
    NotSupported,
}

/// <summary>One evaluation of a workload's rollout.</summary>
public sealed record RolloutStatusResult(RolloutState State, string Message, int? Ready, int? Desired)
{
    /// <summary>Stop waiting: the rollout completed, failed, or cannot be followed.</summary>
    public bool Done => State != RolloutState.InProgress;

    public bool Failed => State is RolloutState.Failed or RolloutState.NotSupported;
}

/// <summary>
/// The completion rules of kubectl rollout status, applied to one read of the object, so a poll loop can
/// replace kubectl's watch. The messages carry the meaning of kubectl's.
/// </summary>
public static class RolloutStatusEvaluator
{
    public const string RevisionAnnotation = "deployment.kubernetes.io/revision";
    private const string RollingUpdate = "RollingUpdate";
    private const string ProgressDeadlineExceeded = "ProgressDeadlineExceeded";

    /// <param name="deployment">The Deployment as last read.</param>
    /// <param name="revision">When set, the revision the rollout must be at (kubectl --revision).</param>
    public static RolloutStatusResult Evaluate(V1Deployment deployment, long? revision = null)
    {
        var name = deployment.Metadata?.Name;
        var spec = deployment.Spec;
        var status = deployment.Status;
        var desired = spec?.Replicas;
        var updated = status?.UpdatedReplicas ?? 0;
        var available = status?.AvailableReplicas ?? 0;
        var current = status?.Replicas ?? 0;
        var ready = Math.Min(updated, available);

        if (revision is > 0)
        {
            var annotation = deployment.Metadata?.Annotations?.TryGetValue(RevisionAnnotation, out var text) == true ? text : null;
            if (!long.TryParse(annotation, NumberStyles.None, CultureInfo.InvariantCulture, out var running))
                return new(RolloutState.Failed, $"Deployment {name} has no readable revision annotation.", ready, desired);
            if (running != revision)
                return new(RolloutState.Failed, $"Deployment {name} runs revision {running}, not the requested revision {revision}.", ready, desired);
        }

        if (!GenerationObserved(deployment.Metadata?.Generation, status?.ObservedGeneration))
            return new(RolloutState.InProgress, $"Deployment {name}: waiting for the controller to observe the spec update.", ready, desired);

        if (status?.Conditions?.Any(c => c.Type == "Progressing" && c.Reason == ProgressDeadlineExceeded) == true)
            return new(RolloutState.Failed, $"Deployment {name} exceeded its progress deadline.", ready, desired);
        if (desired is { } want && updated < want)
            return new(RolloutState.InProgress, $"Deployment {name}: {updated} of {want} new replicas updated.", ready, desired);
        if (current > updated)
            return new(RolloutState.InProgress, $"Deployment {name}: {current - updated} old replicas pending termination.", ready, desired);
        if (available < updated)
            return new(RolloutState.InProgress, $"Deployment {name}: {available} of {updated} updated replicas available.", ready, desired);
        return new(RolloutState.Complete, $"Deployment {name} rolled out.", ready, desired ?? updated);
    }

    public static RolloutStatusResult Evaluate(V1DaemonSet daemonSet)
    {
        var name = daemonSet.Metadata?.Name;
        var status = daemonSet.Status;
        var desired = status?.DesiredNumberScheduled ?? 0;
        var updated = status?.UpdatedNumberScheduled ?? 0;
        var available = status?.NumberAvailable ?? 0;
        var ready = Math.Min(updated, available);

        if (!IsRollingUpdate(daemonSet.Spec?.UpdateStrategy?.Type))
            return new(RolloutState.NotSupported,
                $"DaemonSet {name}: rollout status is available only for the RollingUpdate strategy (it uses {daemonSet.Spec?.UpdateStrategy?.Type}).", ready, desired);
        if (!GenerationObserved(daemonSet.Metadata?.Generation, status?.ObservedGeneration))
            return new(RolloutState.InProgress, $"DaemonSet {name}: waiting for the controller to observe the spec update.", ready, desired);
        if (updated < desired)
            return new(RolloutState.InProgress, $"DaemonSet {name}: {updated} of {desired} new pods updated.", ready, desired);
        if (available < desired)
            return new(RolloutState.InProgress, $"DaemonSet {name}: {available} of {desired} updated pods available.", ready, desired);
        return new(RolloutState.Complete, $"DaemonSet {name} rolled out.", ready, desired);
    }

    public static RolloutStatusResult Evaluate(V1StatefulSet statefulSet)
    {
        var name = statefulSet.Metadata?.Name;
        var spec = statefulSet.Spec;
        var status = statefulSet.Status;
        var desired = spec?.Replicas;
        var readyReplicas = status?.ReadyReplicas ?? 0;
        var updated = status?.UpdatedReplicas ?? 0;

        if (!IsRollingUpdate(spec?.UpdateStrategy?.Type))
            return new(RolloutState.NotSupported,
                $"StatefulSet {name}: rollout status is available only for the RollingUpdate strategy (it uses {spec?.UpdateStrategy?.Type}).", readyReplicas, desired);

        var observed = status?.ObservedGeneration;
        if (observed is null or 0 || !GenerationObserved(statefulSet.Metadata?.Generation, observed))
            return new(RolloutState.InProgress, $"StatefulSet {name}: waiting for the controller to observe the spec update.", readyReplicas, desired);
        if (desired is { } want && readyReplicas < want)
            return new(RolloutState.InProgress, $"StatefulSet {name}: waiting for {want - readyReplicas} pods to be ready.", readyReplicas, desired);

        if (spec?.UpdateStrategy?.RollingUpdate?.Partition is { } partition && desired is { } replicas)
        {
            var target = replicas - partition;
            return updated < target
                ? new(RolloutState.InProgress, $"StatefulSet {name}: partitioned rollout, {updated} of {target} new pods updated.", readyReplicas, desired)
                : new(RolloutState.Complete, $"StatefulSet {name}: partitioned rollout complete, {updated} new pods updated.", readyReplicas, desired);
        }

        if (status?.UpdateRevision != status?.CurrentRevision)
            return new(RolloutState.InProgress,
                $"StatefulSet {name}: {updated} pods at revision {status?.UpdateRevision}, waiting for the rolling update to finish.", readyReplicas, desired);
        return new(RolloutState.Complete, $"StatefulSet {name} rolled out: {readyReplicas} pods at revision {status?.CurrentRevision}.", readyReplicas, desired);
    }

    // The API server defaults the strategy to RollingUpdate, so an unset type (an object not read back from a
    // server) is treated as that default.
    private static bool IsRollingUpdate(string? type) => string.IsNullOrEmpty(type) || type == RollingUpdate;

    private static bool GenerationObserved(long? generation, long? observed) => (generation ?? 0) <= (observed ?? 0);
}
