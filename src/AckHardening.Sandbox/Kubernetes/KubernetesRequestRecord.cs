namespace AckHardening.Sandbox.Kubernetes;

/// <summary>
/// One request served by an emulated API server, for the host's request log (GET /_sandbox/requests).
/// <paramref name="Action"/> uses the operation names of the Kubernetes OpenAPI (ReadNamespacedDeployment,
/// PatchNamespacedDaemonSet, ReplaceNamespacedConfigMap, ListNode...). Never carries the bearer token.
/// </summary>
public sealed record KubernetesRequestRecord(
    string ClusterId,
    string Action,
    string Method,
    string Path,
    int Status,
    bool IsWrite,
    DateTimeOffset Time,
    string? FieldManager,
    string? ContentType);
