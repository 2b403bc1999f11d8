using System.Management.Automation;
using AckHardening.Core.Errors;
using AckHardening.Core.KubeAccess;

namespace AckHardening.PowerShell.Infrastructure;

/// <summary>Connects to one cluster's API server (once) from any thread; made by <see cref="AckKubernetesCmdlet.PrepareKubernetes"/>.</summary>
public delegate Task<KubernetesGateway> KubernetesConnector(CancellationToken ct);

/// <summary>
/// Base of cmdlets that talk to a cluster's Kubernetes API: adds -KubeconfigPath, -KubeContext and -PrivateEndpoint
/// and hands out one <see cref="KubernetesGateway"/> per cluster for the life of the command (disposed at its end).
/// Without -KubeconfigPath the kubeconfig is a temporary one from CS (<see cref="KubernetesAccess"/>).
/// </summary>
public abstract class AckKubernetesCmdlet : AckServiceCmdlet, IDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Task<KubernetesGateway>> _gateways = new(StringComparer.Ordinal);
    private KubernetesAccess? _access;
    private string? _fileCluster;
    private string? _resolvedKubeconfig;

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

    /// <summary>The options with -KubeconfigPath as a file-system path (resolved against the PowerShell location).</summary>
    protected KubernetesAccessOptions KubernetesOptions
    {
        get
        {
            if (!string.IsNullOrEmpty(KubeconfigPath) && _resolvedKubeconfig is null)
                _resolvedKubeconfig = SessionState.Path.GetUnresolvedProviderPathFromPSPath(KubeconfigPath);
            return new(_resolvedKubeconfig, KubeContext, PrivateEndpoint.IsPresent);
        }
    }

    /// <summary>
    /// The gateway for <paramref name="clusterId"/>, connected on first use. Call on the pipeline thread.
    /// A kubeconfig file names one API server, so with -KubeconfigPath a second cluster id is refused.
    /// </summary>
    protected KubernetesGateway ConnectKubernetes(string clusterId)
    {
        var connect = PrepareKubernetes(clusterId);
        return Run(ct => connect(ct));
    }

    /// <summary>
    /// Captures on the pipeline thread everything needed to reach <paramref name="clusterId"/> (options, session,
    /// region, the runspace's kubeconfig cache) and returns a connector that work on the thread pool may call; the
    /// gateway is made once per cluster and disposed with the command. Throws AckKubeconfigAmbiguous when
    /// -KubeconfigPath was already used for another cluster.
    /// </summary>
    protected KubernetesConnector PrepareKubernetes(string clusterId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterId);
        var options = KubernetesOptions;
        if (options.KubeconfigPath is not null)
        {
            if (_fileCluster is not null && _fileCluster != clusterId)
                throw new AckException("AckKubeconfigAmbiguous", AckErrorKind.InvalidArgument,
                    $"-KubeconfigPath names one API server, already used for cluster {_fileCluster}; run the command once per cluster (or omit -KubeconfigPath to use each cluster's ACK kubeconfig) for {clusterId}.",
                    clusterId);
            _fileCluster = clusterId;
        }
        else if (!string.IsNullOrEmpty(KubeContext))
        {
            WriteVerbose("-KubeContext applies to the kubeconfig issued by CS.");
        }

        _access ??= KubernetesAccess.ForCurrentRunspace();
        var access = _access;
        var session = SessionStore.Resolve(Log, Region);
        var regional = Session;
        var log = Log;
        return ct =>
        {
            lock (_gate)
            {
                // A failed attempt is not kept: the next caller tries again.
                if (!_gateways.TryGetValue(clusterId, out var pending) || pending.IsFaulted || pending.IsCanceled)
                {
                    pending = access.ConnectAsync(options, clusterId, session, () => TransportFactory.Create(regional, log), log, ct);
                    _gateways[clusterId] = pending;
                }
                return pending;
            }
        };
    }

    /// <summary>After a 401 with a CS-issued kubeconfig: forget it so the next command fetches a new one.</summary>
    protected void ForgetKubeconfig(string clusterId)
    {
        if (string.IsNullOrEmpty(KubeconfigPath)) (_access ?? KubernetesAccess.ForCurrentRunspace()).Invalidate(clusterId);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var pending in _gateways.Values)
            {
                if (pending.IsCompletedSuccessfully) pending.Result.Dispose();
            }
            _gateways.Clear();
        }
        GC.SuppressFinalize(this);
    }
}
