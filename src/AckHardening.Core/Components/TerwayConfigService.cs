using AckHardening.Components;
using AckHardening.Core.Diagnostics;
using AckHardening.Core.Errors;
using AckHardening.Core.KubeAccess;
using AckHardening.Core.Kubernetes;
using k8s.Models;

namespace AckHardening.Core.Components;

/// <summary>kube-system/eni-config as read from one cluster, with the Terway variant found next to it.</summary>
public sealed class TerwayConfigRead
{
    internal TerwayConfigRead(string clusterId, V1ConfigMap? configMap, IReadOnlyList<string> variants, AckTerwayConfigStatus status)
    {
        ClusterId = clusterId;
        ConfigMap = configMap;
        Variants = variants;
        Status = status;
    }

    public string ClusterId { get; }
    /// <summary>Null when the ConfigMap does not exist. Its data may hold an AccessKey pair: never log it.</summary>
    public V1ConfigMap? ConfigMap { get; }
    /// <summary>The Terway DaemonSets present in kube-system (normally one).</summary>
    public IReadOnlyList<string> Variants { get; }
    public AckTerwayConfigStatus Status { get; }
}

/// <summary>What a repair would change, computed without writing.</summary>
public sealed record TerwayRepairPlan(TerwayConfigRead Read, TerwayEniConfigRepair? Repair, string Message)
{
    public bool Changes => Repair?.Changed == true;
}

/// <summary>
/// Step 3 of the procedure: checks that Terway's eni_conf sets credential_path to the token of its managed role, and
/// adds it with a single text edit. The write is a replace carrying the resourceVersion that was read, so a concurrent
/// edit fails with AckKubernetesConflict instead of being overwritten; a backup is written before it.
/// </summary>
public sealed class TerwayConfigService
{
    public const string FieldManager = "ackhardening";

    private readonly KubernetesGateway _gateway;
    private readonly ComponentCatalog _catalog;
    private readonly IAckLog _log;

    public TerwayConfigService(KubernetesGateway gateway, ComponentCatalog catalog, IAckLog? log = null)
    {
        _gateway = gateway ?? throw new ArgumentNullException(nameof(gateway));
        _catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
        _log = log ?? NullAckLog.Instance;
    }

    /// <summary>Reads the ConfigMap and finds the installed Terway DaemonSet; a missing ConfigMap gives a status that says so.</summary>
    public async Task<TerwayConfigRead> ReadAsync(string clusterId, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterId);
        var daemonSets = await _gateway.ListDaemonSetsAsync(TerwayEniConfig.ConfigMapNamespace, ct: ct).ConfigureAwait(false);
        var present = new HashSet<string>(daemonSets.Select(d => d.Metadata?.Name ?? ""), StringComparer.Ordinal);
        var variants = _catalog.TerwayVariants.Where(present.Contains).ToList();
        if (variants.Count > 1)
            _log.Warning($"Cluster {clusterId} runs more than one Terway DaemonSet ({string.Join(", ", variants)}); {variants[0]} is reported.");

        V1ConfigMap? configMap = null;
        try
        {
            configMap = await _gateway.GetConfigMapAsync(TerwayEniConfig.ConfigMapNamespace, TerwayEniConfig.ConfigMapName, ct).ConfigureAwait(false);
        }
        catch (AckException e) when (e.ErrorId == KubernetesErrors.NotFound)
        {
            _log.Verbose($"Cluster {clusterId}: ConfigMap {TerwayEniConfig.ConfigMapNamespace}/{TerwayEniConfig.ConfigMapName} does not exist.");
        }

        var variant = variants.FirstOrDefault();
        var status = TerwayEniConfig.Evaluate(clusterId, variant, configMap is null ? null : configMap.Data ?? new Dictionary<string, string>());
        if (variant is null && configMap is null)
            status.Message = "Terway is not installed (no terway, terway-eni or terway-eniip DaemonSet and no eni-config); nothing to check.";
        else if (variant is null)
            status.Message += " No Terway DaemonSet was found in kube-system.";
        return new TerwayConfigRead(clusterId, configMap, variants, status);
    }

    /// <summary>Works out the edit; throws AckTerwayConfigNotFound / AckTerwayConfigInvalid when there is nothing to edit.</summary>
    public static TerwayRepairPlan PlanRepair(TerwayConfigRead read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var name = $"{TerwayEniConfig.ConfigMapNamespace}/{TerwayEniConfig.ConfigMapName}";
        if (read.ConfigMap is null)
            throw new AckException(RedeployErrorIds.TerwayConfigNotFound, AckErrorKind.ObjectNotFound,
                $"ConfigMap {name} does not exist in cluster {read.ClusterId}; there is nothing to repair.", name);
        if (read.ConfigMap.Data is null || !read.ConfigMap.Data.TryGetValue(TerwayEniConfig.DataKey, out var eniConf) || string.IsNullOrWhiteSpace(eniConf))
            throw new AckException(RedeployErrorIds.TerwayConfigNotFound, AckErrorKind.ObjectNotFound,
                $"ConfigMap {name} in cluster {read.ClusterId} has no {TerwayEniConfig.DataKey} entry; there is nothing to repair.", name);
        TerwayEniConfigRepair repair;
        try
        {
            repair = TerwayEniConfig.Repair(eniConf);
        }
        catch (FormatException e)
        {
            throw new AckException(RedeployErrorIds.TerwayConfigInvalid, AckErrorKind.InvalidData,
                $"ConfigMap {name} in cluster {read.ClusterId}: {e.Message} Fix it by hand; nothing was changed.", name, e);
        }
        return new TerwayRepairPlan(read, repair, repair.Message);
    }

    /// <summary>
    /// Writes the backup, then replaces the ConfigMap with only eni_conf changed. Returns the backup path.
    /// A concurrent change raises <see cref="KubernetesConflictException"/> (AckKubernetesConflict) and writes nothing.
    /// </summary>
    public async Task<string> ApplyAsync(TerwayRepairPlan plan, string backupFolder, DateTimeOffset now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (!plan.Changes) throw new InvalidOperationException("The plan changes nothing.");
        var original = plan.Read.ConfigMap!;
        var backup = TerwayConfigBackup.Write(backupFolder, plan.Read.ClusterId, original, now);
        _log.Verbose($"Cluster {plan.Read.ClusterId}: backed up eni-config (resourceVersion {original.Metadata.ResourceVersion}) to {backup}.");

        // Only eni_conf changes; metadata (with the resourceVersion that was read) and every other key go back as read.
        var data = new Dictionary<string, string>(original.Data!, StringComparer.Ordinal)
        {
            [TerwayEniConfig.DataKey] = plan.Repair!.Text,
        };
        var updated = new V1ConfigMap
        {
            ApiVersion = original.ApiVersion ?? "v1",
            Kind = original.Kind ?? "ConfigMap",
            Metadata = original.Metadata,
            Data = data,
            BinaryData = original.BinaryData,
            Immutable = original.Immutable,
        };
        await _gateway.ReplaceConfigMapAsync(updated, FieldManager, ct).ConfigureAwait(false);
        return backup;
    }

    /// <summary>The DaemonSet to redeploy after a fix, as a redeploy target.</summary>
    public static RedeployTarget? RedeployTargetFor(TerwayConfigRead read) =>
        read.Variants.FirstOrDefault() is { } variant
            ? new RedeployTarget(read.ClusterId, variant, new AckWorkloadReference(TerwayEniConfig.ConfigMapNamespace, AckHardening.Components.WorkloadKind.DaemonSet, variant))
            : null;
}
