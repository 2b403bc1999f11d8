using AckHardening.Core.KubeAccess;
using k8s;
using k8s.Models;

namespace AckHardening.Core.Tests.KubeAccess;

/// <summary>A test-only probe with kubectl's rollout status rules, to drive the gateway's wait loop.</summary>
internal static class KubectlLikeProbe
{
    public static RolloutObservation Evaluate(IKubernetesObject<V1ObjectMeta> workload) => workload switch
    {
        V1Deployment d => Deployment(d),
        V1DaemonSet ds => DaemonSet(ds),
        V1StatefulSet s => StatefulSet(s),
        _ => new(RolloutState.Failed, "unsupported"),
    };

    private static RolloutObservation Deployment(V1Deployment d)
    {
        var s = d.Status;
        if (d.Metadata.Generation > (s?.ObservedGeneration ?? 0)) return new(RolloutState.Waiting, "waiting for spec update to be observed");
        if (s!.Conditions?.Any(c => c.Type == "Progressing" && c.Reason == "ProgressDeadlineExceeded") == true)
            return new(RolloutState.Failed, "exceeded its progress deadline");
        var want = d.Spec.Replicas ?? 1;
        if ((s.UpdatedReplicas ?? 0) < want) return new(RolloutState.Waiting, $"{s.UpdatedReplicas ?? 0} of {want} updated");
        if ((s.Replicas ?? 0) > (s.UpdatedReplicas ?? 0)) return new(RolloutState.Waiting, "old replicas pending termination");
        if ((s.AvailableReplicas ?? 0) < (s.UpdatedReplicas ?? 0)) return new(RolloutState.Waiting, "waiting for availability");
        return new(RolloutState.Done, "successfully rolled out");
    }

    private static RolloutObservation DaemonSet(V1DaemonSet ds)
    {
        if (ds.Spec.UpdateStrategy?.Type != "RollingUpdate") return new(RolloutState.Failed, "only RollingUpdate");
        var s = ds.Status;
        if (ds.Metadata.Generation > (s.ObservedGeneration ?? 0)) return new(RolloutState.Waiting, "waiting for spec update to be observed");
        if ((s.UpdatedNumberScheduled ?? 0) < s.DesiredNumberScheduled) return new(RolloutState.Waiting, $"{s.UpdatedNumberScheduled} of {s.DesiredNumberScheduled} updated");
        if ((s.NumberAvailable ?? 0) < s.DesiredNumberScheduled) return new(RolloutState.Waiting, $"{s.NumberAvailable} of {s.DesiredNumberScheduled} available");
        return new(RolloutState.Done, "successfully rolled out");
    }

    private static RolloutObservation StatefulSet(V1StatefulSet ss)
    {
        var s = ss.Status;
        if ((s.ObservedGeneration ?? 0) == 0 || ss.Metadata.Generation > s.ObservedGeneration) return new(RolloutState.Waiting, "waiting for spec update to be observed");
        if ((s.ReadyReplicas ?? 0) < (ss.Spec.Replicas ?? 1)) return new(RolloutState.Waiting, "waiting for pods to be ready");
        if (s.UpdateRevision != s.CurrentRevision) return new(RolloutState.Waiting, $"{s.UpdatedReplicas ?? 0} pods at revision {s.UpdateRevision}");
        return new(RolloutState.Done, "rolling update complete");
    }
}
