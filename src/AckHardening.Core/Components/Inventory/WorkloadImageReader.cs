using AckHardening.Components;
using AckHardening.Core.KubeAccess;
using AckHardening.Core.Kubernetes;
using k8s.Models;
using KubeWorkloadKind = AckHardening.Core.KubeAccess.WorkloadKind;

namespace AckHardening.Core.Components;

/// <summary>What reading an ImageTag component's workload found: null reading = the workload does not exist.</summary>
public sealed record WorkloadImageResult(ImageVersionReading? Reading, string? State);

/// <summary>
/// Reads the version of an ImageTag catalog entry (cluster-autoscaler) from its first workload. Throws
/// <see cref="Errors.AckException"/> when the API server cannot be used; a missing workload is a result, not an error.
/// </summary>
public delegate Task<WorkloadImageResult> WorkloadImageReader(AckComponentCatalogEntry entry, CancellationToken ct);

public static class KubernetesWorkloadImages
{
    /// <summary>A reader over one cluster's API server.</summary>
    public static WorkloadImageReader From(KubernetesGateway gateway)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        return async (entry, ct) =>
        {
            var workload = entry.WorkloadList.FirstOrDefault()
                ?? throw new ArgumentException($"The catalog entry {entry.Name} names no workload.", nameof(entry));
            var reference = new WorkloadReference(Map(workload.Kind), workload.Namespace, workload.Name);
            IList<V1Container>? containers;
            string state;
            try
            {
                var obj = await gateway.GetWorkloadAsync(reference, ct).ConfigureAwait(false);
                (containers, state) = obj switch
                {
                    V1Deployment d => (d.Spec?.Template?.Spec?.Containers, Ready(d.Status?.AvailableReplicas, d.Spec?.Replicas ?? 1)),
                    V1DaemonSet s => (s.Spec?.Template?.Spec?.Containers, Ready(s.Status?.NumberAvailable, s.Status?.DesiredNumberScheduled)),
                    V1StatefulSet s => (s.Spec?.Template?.Spec?.Containers, Ready(s.Status?.ReadyReplicas, s.Spec?.Replicas ?? 1)),
                    _ => (null, "unknown"),
                };
            }
            catch (Errors.AckException e) when (e.ErrorId == KubernetesErrors.NotFound)
            {
                return new WorkloadImageResult(null, null);
            }
            return new WorkloadImageResult(ImageVersionReader.Read(containers, entry.ImageName!), state);
        };
    }

    private static string Ready(int? ready, int? desired) => $"{ready ?? 0}/{desired ?? 0} available";

    private static KubeWorkloadKind Map(AckHardening.Components.WorkloadKind kind) => kind switch
    {
        AckHardening.Components.WorkloadKind.Deployment => KubeWorkloadKind.Deployment,
        AckHardening.Components.WorkloadKind.DaemonSet => KubeWorkloadKind.DaemonSet,
        _ => KubeWorkloadKind.StatefulSet,
    };
}
