using System.Diagnostics;
using AckHardening.Core.Diagnostics;
using k8s;
using k8s.Models;

namespace AckHardening.Core.KubeAccess;

/// <summary>
/// The Kubernetes calls the component and Terway cmdlets need, over one API server connection. Every failure
/// surfaces as an <see cref="Errors.AckException"/> with a stable id (<see cref="KubernetesErrors"/>), every call
/// honours its cancellation token, and every request is logged at debug level without credentials.
/// </summary>
public sealed class KubernetesGateway : IDisposable
{
    /// <summary>The field manager kubectl uses for rollout restart; the API server records it in managedFields.</summary>
    public const string RolloutFieldManager = "kubectl-rollout";

    /// <summary>Page size for list calls; the loop follows continue tokens.</summary>
    private const int PageSize = 500;

    private readonly IKubernetes _client;
    private readonly IAckLog _log;

    public KubernetesGateway(KubernetesClientConfiguration configuration, IAckLog? log = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        _log = log ?? NullAckLog.Instance;
        ApiServer = new Uri(configuration.Host);
        EndpointPolicy.Validate(ApiServer);
        _client = new k8s.Kubernetes(configuration, new KubernetesRequestLogHandler(_log));
    }

    /// <summary>Builds the configuration from <paramref name="source"/> (validating it) and connects.</summary>
    public static KubernetesGateway Connect(KubeconfigSource source, IAckLog? log = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new KubernetesGateway(source.BuildConfiguration(), log);
    }

    public Uri ApiServer { get; }

    /// <summary>Test seams: simulated time for <see cref="WaitForRolloutAsync"/>.</summary>
    internal Func<DateTimeOffset> UtcNow { get; set; } = () => DateTimeOffset.UtcNow;
    internal Func<TimeSpan, CancellationToken, Task> Delay { get; set; } = Task.Delay;

    // ---- workloads ----

    public Task<V1Deployment> GetDeploymentAsync(string ns, string name, CancellationToken ct = default) =>
        Call($"deployment {ns}/{name}", ct, () => _client.AppsV1.ReadNamespacedDeploymentAsync(name, ns, cancellationToken: ct));

    public Task<V1DaemonSet> GetDaemonSetAsync(string ns, string name, CancellationToken ct = default) =>
        Call($"daemonset {ns}/{name}", ct, () => _client.AppsV1.ReadNamespacedDaemonSetAsync(name, ns, cancellationToken: ct));

    public Task<V1StatefulSet> GetStatefulSetAsync(string ns, string name, CancellationToken ct = default) =>
        Call($"statefulset {ns}/{name}", ct, () => _client.AppsV1.ReadNamespacedStatefulSetAsync(name, ns, cancellationToken: ct));

    public async Task<IKubernetesObject<V1ObjectMeta>> GetWorkloadAsync(WorkloadReference workload, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(workload);
        return workload.Kind switch
        {
            WorkloadKind.Deployment => await GetDeploymentAsync(workload.Namespace, workload.Name, ct).ConfigureAwait(false),
            WorkloadKind.DaemonSet => await GetDaemonSetAsync(workload.Namespace, workload.Name, ct).ConfigureAwait(false),
            WorkloadKind.StatefulSet => await GetStatefulSetAsync(workload.Namespace, workload.Name, ct).ConfigureAwait(false),
            _ => throw new ArgumentOutOfRangeException(nameof(workload)),
        };
    }

    /// <summary>Deployments in <paramref name="ns"/>, or in every namespace when it is null.</summary>
    public Task<IReadOnlyList<V1Deployment>> ListDeploymentsAsync(string? ns = null, string? labelSelector = null, CancellationToken ct = default) =>
        ListAll($"deployments in {ns ?? "all namespaces"}", ct, async cont => ns is null
            ? Page(await _client.AppsV1.ListDeploymentForAllNamespacesAsync(continueParameter: cont, labelSelector: labelSelector, limit: PageSize, cancellationToken: ct).ConfigureAwait(false))
            : Page(await _client.AppsV1.ListNamespacedDeploymentAsync(ns, continueParameter: cont, labelSelector: labelSelector, limit: PageSize, cancellationToken: ct).ConfigureAwait(false)));

    public Task<IReadOnlyList<V1DaemonSet>> ListDaemonSetsAsync(string? ns = null, string? labelSelector = null, CancellationToken ct = default) =>
        ListAll($"daemonsets in {ns ?? "all namespaces"}", ct, async cont => ns is null
            ? Page(await _client.AppsV1.ListDaemonSetForAllNamespacesAsync(continueParameter: cont, labelSelector: labelSelector, limit: PageSize, cancellationToken: ct).ConfigureAwait(false))
            : Page(await _client.AppsV1.ListNamespacedDaemonSetAsync(ns, continueParameter: cont, labelSelector: labelSelector, limit: PageSize, cancellationToken: ct).ConfigureAwait(false)));

    public Task<IReadOnlyList<V1StatefulSet>> ListStatefulSetsAsync(string? ns = null, string? labelSelector = null, CancellationToken ct = default) =>
        ListAll($"statefulsets in {ns ?? "all namespaces"}", ct, async cont => ns is null
            ? Page(await _client.AppsV1.ListStatefulSetForAllNamespacesAsync(continueParameter: cont, labelSelector: labelSelector, limit: PageSize, cancellationToken: ct).ConfigureAwait(false))
            : Page(await _client.AppsV1.ListNamespacedStatefulSetAsync(ns, continueParameter: cont, labelSelector: labelSelector, limit: PageSize, cancellationToken: ct).ConfigureAwait(false)));

    /// <summary>
    /// Sends <paramref name="strategicMergePatch"/> (raw JSON, e.g. the restartedAt annotation patch) as
    /// application/strategic-merge-patch+json with field manager <see cref="RolloutFieldManager"/>; returns the updated object.
    /// </summary>
    public async Task<IKubernetesObject<V1ObjectMeta>> PatchWorkloadAsync(WorkloadReference workload, string strategicMergePatch, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(workload);
        if (string.IsNullOrWhiteSpace(strategicMergePatch)) throw new ArgumentException("The patch body is empty.", nameof(strategicMergePatch));
        var patch = new V1Patch(strategicMergePatch, V1Patch.PatchType.StrategicMergePatch);
        var what = Describe(workload);
        return workload.Kind switch
        {
            WorkloadKind.Deployment => await Call(what, ct, () => _client.AppsV1.PatchNamespacedDeploymentAsync(patch, workload.Name, workload.Namespace, fieldManager: RolloutFieldManager, cancellationToken: ct)).ConfigureAwait(false),
            WorkloadKind.DaemonSet => await Call(what, ct, () => _client.AppsV1.PatchNamespacedDaemonSetAsync(patch, workload.Name, workload.Namespace, fieldManager: RolloutFieldManager, cancellationToken: ct)).ConfigureAwait(false),
            WorkloadKind.StatefulSet => await Call(what, ct, () => _client.AppsV1.PatchNamespacedStatefulSetAsync(patch, workload.Name, workload.Namespace, fieldManager: RolloutFieldManager, cancellationToken: ct)).ConfigureAwait(false),
            _ => throw new ArgumentOutOfRangeException(nameof(workload)),
        };
    }

    /// <summary>
    /// Re-reads the workload every <see cref="RolloutWaitOptions.PollInterval"/> and asks <paramref name="probe"/>
    /// until it says Done or Failed, or the timeout passes (outcome TimedOut). Cancellation throws
    /// <see cref="OperationCanceledException"/>. Each new probe message is written to the verbose stream.
    /// </summary>
    public async Task<RolloutWaitResult> WaitForRolloutAsync(WorkloadReference workload, RolloutProbe probe, RolloutWaitOptions? options = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(probe);
        options ??= new RolloutWaitOptions();
        if (options.PollInterval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(options), "PollInterval must be positive.");
        var started = UtcNow();
        string? lastMessage = null;
        for (var polls = 1; ; polls++)
        {
            ct.ThrowIfCancellationRequested();
            var snapshot = await GetWorkloadAsync(workload, ct).ConfigureAwait(false);
            var observation = probe(snapshot);
            var elapsed = UtcNow() - started;
            if (observation.Message != lastMessage)
            {
                _log.Verbose($"{workload}: {observation.Message}");
                lastMessage = observation.Message;
            }
            if (observation.State == RolloutState.Done) return new(workload, RolloutWaitOutcome.Done, observation.Message, snapshot, polls, elapsed);
            if (observation.State == RolloutState.Failed) return new(workload, RolloutWaitOutcome.Failed, observation.Message, snapshot, polls, elapsed);
            if (elapsed >= options.Timeout) return new(workload, RolloutWaitOutcome.TimedOut, observation.Message, snapshot, polls, elapsed);
            var remaining = options.Timeout - elapsed;
            await Delay(remaining < options.PollInterval ? remaining : options.PollInterval, ct).ConfigureAwait(false);
        }
    }

    // ---- config maps and secrets ----

    public Task<V1ConfigMap> GetConfigMapAsync(string ns, string name, CancellationToken ct = default) =>
        Call($"configmap {ns}/{name}", ct, () => _client.CoreV1.ReadNamespacedConfigMapAsync(name, ns, cancellationToken: ct));

    /// <summary>
    /// Replaces a ConfigMap read earlier. Its metadata.resourceVersion must be the one that was read, so a concurrent
    /// change is refused with <see cref="KubernetesConflictException"/> instead of being overwritten.
    /// </summary>
    public Task<V1ConfigMap> ReplaceConfigMapAsync(V1ConfigMap configMap, string? fieldManager = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(configMap);
        var meta = configMap.Metadata ?? throw new ArgumentException("The ConfigMap has no metadata.", nameof(configMap));
        if (string.IsNullOrEmpty(meta.Name) || string.IsNullOrEmpty(meta.NamespaceProperty))
            throw new ArgumentException("The ConfigMap needs metadata.name and metadata.namespace.", nameof(configMap));
        if (string.IsNullOrEmpty(meta.ResourceVersion))
            throw new ArgumentException("The ConfigMap needs the metadata.resourceVersion it was read with, so concurrent edits are detected.", nameof(configMap));
        return Call($"configmap {meta.NamespaceProperty}/{meta.Name}", ct,
            () => _client.CoreV1.ReplaceNamespacedConfigMapAsync(configMap, meta.Name, meta.NamespaceProperty, fieldManager: fieldManager, cancellationToken: ct));
    }

    public Task<V1Secret> GetSecretAsync(string ns, string name, CancellationToken ct = default) =>
        Call($"secret {ns}/{name}", ct, () => _client.CoreV1.ReadNamespacedSecretAsync(name, ns, cancellationToken: ct));

    // ---- nodes and pods ----

    public Task<IReadOnlyList<V1Node>> ListNodesAsync(string? labelSelector = null, CancellationToken ct = default) =>
        ListAll("nodes", ct, async cont => Page(await _client.CoreV1.ListNodeAsync(continueParameter: cont, labelSelector: labelSelector, limit: PageSize, cancellationToken: ct).ConfigureAwait(false)));

    public Task<IReadOnlyList<V1Pod>> ListPodsAsync(string ns, string? labelSelector = null, CancellationToken ct = default) =>
        ListAll($"pods in {ns}", ct, async cont => Page(await _client.CoreV1.ListNamespacedPodAsync(ns, continueParameter: cont, labelSelector: labelSelector, limit: PageSize, cancellationToken: ct).ConfigureAwait(false)));

    public void Dispose() => _client.Dispose();

    // ---- plumbing ----

    private static string Describe(WorkloadReference w) => $"{w.Kind.ToString().ToLowerInvariant()} {w.Namespace}/{w.Name}";

    private static (IList<T> Items, string? Continue) Page<T>(IItems<T> list) where T : IKubernetesObject =>
        (list.Items ?? [], (list as IMetadata<V1ListMeta>)?.Metadata?.ContinueProperty);

    /// <summary>Runs one call and maps its failure; the caller's own cancellation is passed through untouched,
    /// while a cancellation that did not come from <paramref name="ct"/> (an HttpClient timeout) is a failure.</summary>
    private static async Task<T> Call<T>(string what, CancellationToken ct, Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is not Errors.AckException)
        {
            throw KubernetesErrors.Map(e, what);
        }
    }

    private static async Task<IReadOnlyList<T>> ListAll<T>(string what, CancellationToken ct, Func<string?, Task<(IList<T> Items, string? Continue)>> page)
    {
        var all = new List<T>();
        string? cont = null;
        do
        {
            var (items, next) = await Call(what, ct, () => page(cont)).ConfigureAwait(false);
            all.AddRange(items);
            cont = string.IsNullOrEmpty(next) ? null : next;
        }
        while (cont is not null);
        return all;
    }
}
