using System.Management.Automation;
using AckHardening.Core;
using AckHardening.Core.Errors;
using AckHardening.Core.KubeAccess;

namespace AckHardening.PowerShell.Infrastructure;

/// <summary>
/// Base of cmdlets that talk to a cluster's Kubernetes API: adds -KubeconfigPath, -KubeContext and -PrivateEndpoint
/// and hands out one <see cref="KubernetesGateway"/> per cluster for the life of the command (disposed at its end).
/// </summary>
public abstract class AckKubernetesCmdlet : AckServiceCmdlet, IDisposable
{
    private readonly Dictionary<string, KubernetesGateway> _gateways = new(StringComparer.Ordinal);
    private KubernetesAccess? _access;
    private string? _fileCluster;

    /// <summary>A kubeconfig file for the cluster; without it a temporary kubeconfig is requested from CS.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [Alias("Kubeconfig")]
    public string? KubeconfigPath { get; set; }

    /// <summary>The context of -KubeconfigPath to use; its current-context when omitted.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? KubeContext { get; set; }

    /// <summary>Ask CS for a kubeconfig of the cluster's internal (VPC) API server endpoint.</summary>
    [Parameter]
    public SwitchParameter PrivateEndpoint { get; set; }

    protected KubernetesAccessOptions KubernetesOptions => new(KubeconfigPath, KubeContext, PrivateEndpoint.IsPresent);

    /// <summary>
    /// The gateway for <paramref name="clusterId"/>, connected on first use. Call on the pipeline thread.
    /// A kubeconfig file names one API server, so with -KubeconfigPath a second cluster id is refused.
    /// </summary>
    protected KubernetesGateway ConnectKubernetes(string clusterId)
    {
        if (_gateways.TryGetValue(clusterId, out var existing)) return existing;
        if (!string.IsNullOrEmpty(KubeconfigPath))
        {
            if (_fileCluster is not null && _fileCluster != clusterId)
                throw new AckException("AckKubeconfigAmbiguous", AckErrorKind.InvalidArgument,
                    $"-KubeconfigPath names one API server, already used for cluster {_fileCluster}; run the command once per cluster (or omit -KubeconfigPath to use each cluster's ACK kubeconfig) for {clusterId}.",
                    clusterId);
            _fileCluster = clusterId;
        }
        if (!string.IsNullOrEmpty(KubeContext) && string.IsNullOrEmpty(KubeconfigPath))
            WriteVerbose("-KubeContext applies to the kubeconfig issued by CS.");

        _access ??= KubernetesAccess.ForCurrentRunspace();
        var session = SessionStore.Resolve(Log, Region);
        var regional = Session;
        var access = _access;
        var options = KubernetesOptions;
        var gateway = Run(ct => access.ConnectAsync(options, clusterId, session, () => TransportFactory.Create(regional, Log), Log, ct));
        _gateways[clusterId] = gateway;
        return gateway;
    }

    /// <summary>After a 401 with a CS-issued kubeconfig: forget it so the next command fetches a new one.</summary>
    protected void ForgetKubeconfig(string clusterId)
    {
        if (string.IsNullOrEmpty(KubeconfigPath)) (_access ?? KubernetesAccess.ForCurrentRunspace()).Invalidate(clusterId);
    }

    public void Dispose()
    {
        foreach (var g in _gateways.Values) g.Dispose();
        _gateways.Clear();
        GC.SuppressFinalize(this);
    }
}
