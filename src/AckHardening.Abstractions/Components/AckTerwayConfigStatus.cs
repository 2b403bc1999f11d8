namespace AckHardening.Components;

/// <summary>Whether Terway's eni-config makes it use the token of its managed role instead of the worker role.</summary>
public sealed class AckTerwayConfigStatus
{
    public string? ClusterId { get; set; }
    /// <summary>namespace/name of the ConfigMap, normally kube-system/eni-config.</summary>
    public string ConfigMap { get; set; } = "kube-system/eni-config";
    /// <summary>The installed Terway variant (terway, terway-eni or terway-eniip).</summary>
    public string? Mode { get; set; }
    public bool HasCredentialPath { get; set; }
    public string? CredentialPath { get; set; }
    /// <summary>True when a non-empty access_key or access_secret would be used before the token. Values are never reported.</summary>
    public bool AccessKeyOverride { get; set; }
    public bool Compliant { get; set; }
    /// <summary>The Terway DaemonSet to redeploy after a fix, e.g. kube-system/daemonset/terway-eniip.</summary>
    public string? Workload { get; set; }
    public string Message { get; set; } = "";
    /// <summary>Repair-AckTerwayConfig: the file the ConfigMap was saved to before it was changed; null otherwise.</summary>
    public string? BackupPath { get; set; }

    public override string ToString() => $"{ConfigMap} Compliant={Compliant}";
}
