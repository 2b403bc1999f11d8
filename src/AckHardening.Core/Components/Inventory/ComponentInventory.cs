using AckHardening.Components;
using AckHardening.Core.Diagnostics;
using AckHardening.Core.Errors;
using AckHardening.Core.Http;
using AckHardening.Core.Services.Cs;

namespace AckHardening.Core.Components;

/// <summary>
/// What a cluster has installed: every addon component management reports (version, state and the newest version
/// DescribeAddon says it can be upgraded to), plus the catalog's ImageTag components (cluster-autoscaler) read from
/// their workload's image tag when a Kubernetes reader is given.
/// </summary>
public sealed class ComponentInventory
{
    private readonly CsAddonClient _cs;
    private readonly ComponentCatalog _catalog;
    private readonly IAckLog _log;

    public ComponentInventory(CsAddonClient cs, ComponentCatalog catalog, IAckLog? log = null)
    {
        _cs = cs ?? throw new ArgumentNullException(nameof(cs));
        _catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
        _log = log ?? NullAckLog.Instance;
    }

    /// <param name="imageReader">Reads workload image tags; null when no Kubernetes access is available.</param>
    /// <param name="includeUpgradeTargets">Call DescribeAddon for each installed addon to fill UpgradeTo.</param>
    public async Task<IReadOnlyList<AckComponent>> ReadAsync(string clusterId, WorkloadImageReader? imageReader, bool includeUpgradeTargets, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterId);
        _log.Verbose($"Listing the addons of cluster {clusterId} (ListClusterAddonInstances).");
        var addons = await _cs.ListClusterAddonInstancesAsync(clusterId, ct).ConfigureAwait(false);
        var result = addons.Select(a => new AckComponent
        {
            ClusterId = clusterId,
            Name = a.Name,
            Version = string.IsNullOrWhiteSpace(a.Version) ? null : a.Version,
            State = a.State,
            Source = ComponentSource.AddonApi,
        }).ToList();

        if (includeUpgradeTargets)
        {
            foreach (var component in result)
                component.UpgradeTo = await NewestUpgradableAsync(clusterId, component.Name, component.Version, ct).ConfigureAwait(false);
        }

        foreach (var entry in _catalog.Entries.Where(e => e.VersionSource == VersionSource.ImageTag))
        {
            if (result.Any(c => string.Equals(c.Name, entry.Name, StringComparison.OrdinalIgnoreCase)))
                continue; // component management knows it after all: that answer wins
            var fromWorkload = await ReadWorkloadAsync(clusterId, entry, imageReader, ct).ConfigureAwait(false);
            if (fromWorkload is not null) result.Add(fromWorkload);
        }
        return result;
    }

    /// <summary>
    /// The newest version DescribeAddon lists as upgradable and newer than <paramref name="installed"/>; null when there
    /// is none or the call fails (an inventory must not fail because upgrade metadata is unavailable).
    /// </summary>
    public async Task<string?> NewestUpgradableAsync(string clusterId, string name, string? installed, CancellationToken ct)
    {
        try
        {
            var description = await _cs.DescribeAddonAsync(name, clusterId, null, ct).ConfigureAwait(false);
            return NewestUpgradable(description.NewerVersions, installed);
        }
        catch (AlibabaServiceException e)
        {
            _log.Warning($"Could not read the upgradable versions of {name} in {clusterId} (DescribeAddon: {e.Code}, RequestId {e.RequestId}); UpgradeTo is left empty.");
            return null;
        }
    }

    /// <summary>Picks the newest upgradable version that is newer than the installed one (by version order, not list order).</summary>
    public static string? NewestUpgradable(IEnumerable<CsAddonNewerVersion> newer, string? installed)
    {
        string? best = null;
        foreach (var v in newer.Where(v => v.Upgradable))
        {
            if (installed is not null && ComponentVersion.Compare(v.Version, installed) is { IsComparable: true, Order: <= 0 })
                continue;
            if (best is null || ComponentVersion.Compare(v.Version, best) is { IsComparable: true, Order: > 0 })
                best = v.Version;
        }
        return best;
    }

    private async Task<AckComponent?> ReadWorkloadAsync(string clusterId, AckComponentCatalogEntry entry, WorkloadImageReader? reader, CancellationToken ct)
    {
        var workload = entry.WorkloadList.FirstOrDefault();
        if (reader is null)
        {
            _log.Warning($"{entry.Name}: no Kubernetes access for cluster {clusterId}, so its version " +
                         $"({entry.ImageName} image tag of {workload}) is unknown.");
            return Unknown(clusterId, entry, "not checked");
        }

        WorkloadImageResult read;
        try
        {
            read = await reader(entry, ct).ConfigureAwait(false);
        }
        catch (AckException e)
        {
            _log.Warning($"{entry.Name}: could not read {workload} in cluster {clusterId} ({e.ErrorId}: {e.Message}); its version is unknown.");
            return Unknown(clusterId, entry, "not checked");
        }

        if (read.Reading is null)
        {
            _log.Verbose($"{entry.Name}: {workload} does not exist in cluster {clusterId}; not installed.");
            return null;
        }
        if (!read.Reading.HasVersion)
            _log.Warning($"{entry.Name}: {workload} in cluster {clusterId}: {read.Reading.Reason}.");
        return read.Reading.ToComponent(clusterId, entry.Name, read.State);
    }

    private static AckComponent Unknown(string clusterId, AckComponentCatalogEntry entry, string state) => new()
    {
        ClusterId = clusterId,
        Name = entry.Name,
        Version = null,
        State = state,
        Source = ComponentSource.Workload,
    };
}
