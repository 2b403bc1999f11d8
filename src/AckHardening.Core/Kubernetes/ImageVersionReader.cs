using AckHardening.Components;
using AckHardening.Core.Components;
using k8s.Models;

namespace AckHardening.Core.Kubernetes;

/// <summary>What reading a component version from a workload's image tag found.</summary>
public sealed record ImageVersionReading(
    bool ContainerFound, string? ContainerName, string? Image, string? Tag, string? Digest, string? Version, string? Reason)
{
    /// <summary>True when a container matched and its tag is a comparable version.</summary>
    public bool HasVersion => Version is not null;

    /// <summary>The reading as an installed component (Source Workload).</summary>
    public AckComponent ToComponent(string? clusterId, string componentName, string? state = null) => new()
    {
        ClusterId = clusterId,
        Name = componentName,
        Version = Version ?? Tag,
        State = state,
        Source = ComponentSource.Workload,
    };
}

/// <summary>
/// Reads a component version (cluster-autoscaler) from the tag of the container whose image repository
/// matches, never from the first container: sidecars and policy containers come in any order.
/// </summary>
public static class ImageVersionReader
{
    public static ImageVersionReading Read(V1Deployment deployment, string imageName) =>
        Read(deployment.Spec?.Template?.Spec?.Containers, imageName);

    public static ImageVersionReading Read(V1DaemonSet daemonSet, string imageName) =>
        Read(daemonSet.Spec?.Template?.Spec?.Containers, imageName);

    public static ImageVersionReading Read(IEnumerable<V1Container>? containers, string imageName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(imageName);
        foreach (var container in containers ?? [])
        {
            if (string.IsNullOrWhiteSpace(container.Image))
                continue;
            var reference = ContainerImageReference.Parse(container.Image);
            if (!reference.RepositoryMatches(imageName))
                continue;

            if (reference.Tag is null)
            {
                var why = reference.Digest is null
                    ? "the image has no tag"
                    : "the image is pinned by digest without a tag";
                return new(true, container.Name, container.Image, null, reference.Digest, null, $"{why}, so its version cannot be read");
            }
            if (!ComponentVersion.TryParse(reference.Tag, out _, out var reason))
                return new(true, container.Name, container.Image, reference.Tag, reference.Digest, null, $"the image tag is not a version: {reason}");

            return new(true, container.Name, container.Image, reference.Tag, reference.Digest, reference.Tag, null);
        }
        return new(false, null, null, null, null, null, $"no container runs an image of repository {imageName}");
    }
}
