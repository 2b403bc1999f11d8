namespace AckHardening.Sandbox.Kubernetes;

/// <summary>One emulated resource type: where it lives in the URL space and how it is spelled in JSON.</summary>
internal sealed record ResourceType(string Group, string Version, string Plural, string Kind, bool Namespaced)
{
    public string ApiVersion => Group.Length == 0 ? Version : Group + "/" + Version;
    public bool IsWorkload => Group == "apps";

    public static readonly ResourceType Namespace = new("", "v1", "namespaces", "Namespace", false);
    public static readonly ResourceType Node = new("", "v1", "nodes", "Node", false);
    public static readonly ResourceType Pod = new("", "v1", "pods", "Pod", true);
    public static readonly ResourceType ConfigMap = new("", "v1", "configmaps", "ConfigMap", true);
    public static readonly ResourceType Secret = new("", "v1", "secrets", "Secret", true);
    public static readonly ResourceType Deployment = new("apps", "v1", "deployments", "Deployment", true);
    public static readonly ResourceType DaemonSet = new("apps", "v1", "daemonsets", "DaemonSet", true);
    public static readonly ResourceType StatefulSet = new("apps", "v1", "statefulsets", "StatefulSet", true);

    public static readonly IReadOnlyList<ResourceType> All = [Namespace, Node, Pod, ConfigMap, Secret, Deployment, DaemonSet, StatefulSet];

    public static ResourceType? ByKind(string? kind) => All.FirstOrDefault(t => t.Kind == kind);
    public static ResourceType? ByPath(string group, string version, string plural) =>
        All.FirstOrDefault(t => t.Group == group && t.Version == version && t.Plural == plural);
}
