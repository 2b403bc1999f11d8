namespace AckHardening.Core.Kubernetes;

/// <summary>
/// A container image reference split into registry, repository, tag and digest, following the reference
/// grammar: the first path component is a registry only when it holds a '.' or ':' or is "localhost", so
/// "registry.example.com:5000/acs/autoscaler" has a port, not a tag.
/// </summary>
public sealed record ContainerImageReference(string Image, string? Registry, string Repository, string? Tag, string? Digest)
{
    public static ContainerImageReference Parse(string image)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(image);
        var rest = image.Trim();

        string? digest = null;
        var at = rest.IndexOf('@');
        if (at >= 0)
        {
            digest = rest[(at + 1)..];
            rest = rest[..at];
        }

        // A ':' after the last '/' starts the tag; one before it belongs to the registry's port.
        string? tag = null;
        var lastSlash = rest.LastIndexOf('/');
        var colon = rest.LastIndexOf(':');
        if (colon > lastSlash)
        {
            tag = rest[(colon + 1)..];
            rest = rest[..colon];
        }

        string? registry = null;
        var firstSlash = rest.IndexOf('/');
        if (firstSlash > 0)
        {
            var first = rest[..firstSlash];
            if (first.Contains('.') || first.Contains(':') || first == "localhost")
            {
                registry = first;
                rest = rest[(firstSlash + 1)..];
            }
        }

        return new ContainerImageReference(image, registry, rest, string.IsNullOrEmpty(tag) ? null : tag, string.IsNullOrEmpty(digest) ? null : digest);
    }

    /// <summary>
    /// True when the repository is <paramref name="imageName"/> or ends with "/" + it, so "acs/autoscaler"
    /// matches "acs/autoscaler" and "mirror/acs/autoscaler" but not "acs/autoscaler-helper".
    /// </summary>
    public bool RepositoryMatches(string imageName)
    {
        var wanted = imageName.Trim().Trim('/');
        return Repository.Equals(wanted, StringComparison.OrdinalIgnoreCase)
            || Repository.EndsWith("/" + wanted, StringComparison.OrdinalIgnoreCase);
    }
}
