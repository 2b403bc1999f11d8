using AckHardening.Components;
using AckHardening.Core.Diagnostics;
using AckHardening.Core.Http;
using AckHardening.Core.Services.Cs;

namespace AckHardening.Core.Components;

/// <summary>
/// Gathers what <see cref="ComplianceEvaluator"/> needs for one cluster: the installed components, the grants of the
/// catalog's managed roles, the config of components whose token mode matters, and the cluster's creation time.
/// </summary>
public sealed class ComponentComplianceCollector
{
    private readonly CsClient _clusters;
    private readonly CsAddonClient _addons;
    private readonly ComponentInventory _inventory;
    private readonly ServiceRoleChecker _roles;
    private readonly ComponentCatalog _catalog;
    private readonly IAckLog _log;

    public ComponentComplianceCollector(CsClient clusters, CsAddonClient addons, ServiceRoleChecker roles, ComponentCatalog catalog, IAckLog? log = null)
    {
        _clusters = clusters ?? throw new ArgumentNullException(nameof(clusters));
        _addons = addons ?? throw new ArgumentNullException(nameof(addons));
        _roles = roles ?? throw new ArgumentNullException(nameof(roles));
        _catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
        _log = log ?? NullAckLog.Instance;
        _inventory = new ComponentInventory(addons, catalog, _log);
    }

    /// <summary>One result per catalog component, in catalog order. A missing cluster raises the service's ErrorClusterNotFound.</summary>
    public async Task<IReadOnlyList<AckComponentCompliance>> EvaluateAsync(string clusterId, WorkloadImageReader? imageReader, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterId);
        var detail = await _clusters.DescribeClusterDetailAsync(clusterId, ct).ConfigureAwait(false);
        var installed = await _inventory.ReadAsync(clusterId, imageReader, includeUpgradeTargets: false, ct).ConfigureAwait(false);

        var roleNames = _catalog.Entries.Select(e => e.ServiceRole).Where(r => !string.IsNullOrEmpty(r)).Select(r => r!);
        var grants = await _roles.CheckAsync(roleNames, ct).ConfigureAwait(false);

        var configs = new Dictionary<string, IReadOnlyDictionary<string, string?>>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in _catalog.Entries.Where(e => e.HasRemark(RemarkKind.SetTokenMode)))
        {
            if (!installed.Any(c => c.Source == ComponentSource.AddonApi && string.Equals(c.Name, entry.Name, StringComparison.OrdinalIgnoreCase)))
                continue;
            var config = await ReadConfigAsync(clusterId, entry.Name, ct).ConfigureAwait(false);
            if (config is not null) configs[entry.Name] = config;
        }

        return ComplianceEvaluator.Evaluate(_catalog, new ComplianceInput
        {
            ClusterId = clusterId,
            Installed = installed,
            ServiceRoleGrants = ServiceRoleChecker.ToDictionary(grants),
            AddonConfigs = configs,
            ClusterCreated = detail.Created,
        });
    }

    private async Task<IReadOnlyDictionary<string, string?>?> ReadConfigAsync(string clusterId, string name, CancellationToken ct)
    {
        try
        {
            var instance = await _addons.GetClusterAddonInstanceAsync(clusterId, name, ct).ConfigureAwait(false);
            return AcrTokenMode.ParseAddonConfig(instance.Config);
        }
        catch (AlibabaServiceException e)
        {
            _log.Warning($"Could not read the config of {name} in {clusterId} (GetClusterAddonInstance: {e.Code}, RequestId {e.RequestId}); its token mode is unknown.");
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException)
        {
            _log.Warning($"The config of {name} in {clusterId} is not a JSON object; its token mode is unknown.");
        }
        return null;
    }
}
