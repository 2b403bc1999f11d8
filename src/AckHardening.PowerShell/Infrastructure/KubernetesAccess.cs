using System.Collections.Concurrent;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using AckHardening.Core;
using AckHardening.Core.Diagnostics;
using AckHardening.Core.Errors;
using AckHardening.Core.Http;
using AckHardening.Core.KubeAccess;
using AckHardening.Core.Services.Cs;

namespace AckHardening.PowerShell.Infrastructure;

/// <summary>How a cmdlet reaches a cluster's API server: a kubeconfig file (and context), else a temporary ACK kubeconfig.</summary>
/// <param name="KubeconfigPath">A kubeconfig file; null to ask CS for a temporary kubeconfig of the cluster.</param>
/// <param name="KubeContext">The context of <paramref name="KubeconfigPath"/>; null for its current-context.</param>
/// <param name="PrivateEndpoint">Ask CS for the internal (VPC) endpoint instead of the public one.</param>
public sealed record KubernetesAccessOptions(string? KubeconfigPath = null, string? KubeContext = null, bool PrivateEndpoint = false);

/// <summary>
/// Kubernetes access shared by every cmdlet that talks to a cluster. With a kubeconfig path the file is used as is;
/// otherwise CS DescribeClusterUserKubeconfig issues a temporary kubeconfig (<see cref="TemporaryMinutes"/>) that
/// is kept in memory only, per runspace, per session, per cluster and endpoint, and fetched again
/// <see cref="RefreshMargin"/> before it expires. The document is never written to disk or to any stream.
/// </summary>
/// <remarks>
/// Get the runspace's instance with <see cref="ForCurrentRunspace"/> on the pipeline thread (the default runspace
/// is not set on thread-pool threads); its methods are thread-safe and may then run inside <c>Run(ct => …)</c>.
/// </remarks>
public sealed class KubernetesAccess
{
    /// <summary>Lifetime asked for a temporary kubeconfig (the service allows 15 to 4320 minutes).</summary>
    public const int TemporaryMinutes = 60;

    /// <summary>A cached kubeconfig is replaced when less than this is left before its expiration.</summary>
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private static readonly ConditionalWeakTable<Runspace, KubernetesAccess> PerRunspace = new();
    private static readonly KubernetesAccess NoRunspace = new();

    private readonly object _gate = new();
    private readonly ConcurrentDictionary<(string ClusterId, bool Private), CsUserKubeconfig> _issued = new();
    private AckSession? _owner;

    /// <summary>The clock used to judge expiration (a test seam).</summary>
    internal static Func<DateTimeOffset> UtcNow { get; set; } = () => DateTimeOffset.UtcNow;

    /// <summary>The cache of the calling thread's runspace. Call on the pipeline thread.</summary>
    public static KubernetesAccess ForCurrentRunspace() =>
        Runspace.DefaultRunspace is { } runspace ? PerRunspace.GetValue(runspace, _ => new KubernetesAccess()) : NoRunspace;

    /// <summary>Forgets every cached kubeconfig of this runspace (Disconnect-AckAccount, or after a 401).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _issued.Clear();
            _owner = null;
        }
    }

    /// <summary>Forgets the cached kubeconfig of one cluster.</summary>
    public void Invalidate(string clusterId)
    {
        _issued.TryRemove((clusterId, false), out _);
        _issued.TryRemove((clusterId, true), out _);
    }

    /// <summary>Number of kubeconfigs held (for tests and diagnostics; the documents themselves are not exposed).</summary>
    public int CachedCount => _issued.Count;

    /// <summary>
    /// Where the credentials for <paramref name="clusterId"/> come from: the kubeconfig file of
    /// <paramref name="options"/>, or a (cached) temporary ACK kubeconfig.
    /// </summary>
    /// <param name="session">The session the kubeconfig is issued to; a different session (Connect-AckAccount again) empties the cache.</param>
    /// <param name="transport">Creates the CS transport, only when a kubeconfig has to be fetched.</param>
    public async Task<KubeconfigSource> ResolveAsync(KubernetesAccessOptions options, string clusterId, AckSession session, Func<IApiTransport> transport,
        IAckLog log, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterId);
        ArgumentNullException.ThrowIfNull(session);
        if (!string.IsNullOrWhiteSpace(options.KubeconfigPath))
            return KubeconfigSource.FromFile(options.KubeconfigPath, options.KubeContext);

        lock (_gate)
        {
            if (!ReferenceEquals(_owner, session))
            {
                _issued.Clear();
                _owner = session;
            }
        }

        var key = (clusterId, options.PrivateEndpoint);
        if (_issued.TryGetValue(key, out var cached) && Fresh(cached))
        {
            log.Verbose($"Using the {cached} held for this session.");
            return ToSource(cached, options);
        }

        log.Verbose($"Requesting a temporary kubeconfig ({TemporaryMinutes} min, {(options.PrivateEndpoint ? "internal" : "public")} endpoint) for cluster {clusterId} from CS.");
        var issued = await new CsKubeconfigClient(transport(), session.Region)
            .DescribeClusterUserKubeconfigAsync(clusterId, options.PrivateEndpoint, TemporaryMinutes, ct).ConfigureAwait(false);
        lock (_gate)
        {
            if (ReferenceEquals(_owner, session)) _issued[key] = issued;
        }
        return ToSource(issued, options);
    }

    /// <summary><see cref="ResolveAsync"/> and connect: a gateway the caller disposes.</summary>
    public async Task<KubernetesGateway> ConnectAsync(KubernetesAccessOptions options, string clusterId, AckSession session, Func<IApiTransport> transport,
        IAckLog log, CancellationToken ct)
    {
        var source = await ResolveAsync(options, clusterId, session, transport, log, ct).ConfigureAwait(false);
        return KubernetesGateway.Connect(source, log);
    }

    private static bool Fresh(CsUserKubeconfig k) => k.Expiration is not { } expires || expires - UtcNow() > RefreshMargin;

    private static KubeconfigSource ToSource(CsUserKubeconfig k, KubernetesAccessOptions options) =>
        KubeconfigSource.FromYaml(k.Config, options.KubeContext, k.ToString());
}
