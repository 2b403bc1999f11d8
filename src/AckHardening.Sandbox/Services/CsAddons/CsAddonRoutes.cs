using System.Text.Json.Nodes;
using AckHardening.Sandbox.Infrastructure;
using AckHardening.Sandbox.Pipeline;
using AckHardening.Sandbox.Services.Cs;
using AckHardening.Sandbox.State;

namespace AckHardening.Sandbox.Services.CsAddons;

/// <summary>
/// CS component management: ListClusterAddonInstances, GetClusterAddonInstance, DescribeAddon (with
/// newer_versions), UpgradeClusterAddons (starts a task) and ModifyClusterAddon (no response body).
/// The not-found codes for an addon are unverified; they follow CS's ErrorClusterNotFound / ErrorNodePoolNotFound.
/// </summary>
public sealed class CsAddonRoutes : IApiModule
{
    public const string AddonNotFound = "ErrorAddonNotFound";

    public void Register(ApiRegistry r)
    {
        r.Roa(SandboxServices.Cs, "GET", "/clusters/{ClusterId}/addon_instances", "ListClusterAddonInstances", List);
        r.Roa(SandboxServices.Cs, "GET", "/clusters/{ClusterId}/addon_instances/{InstanceName}", "GetClusterAddonInstance", Get);
        r.Roa(SandboxServices.Cs, "GET", "/addons/{AddonName}", "DescribeAddon", DescribeAddon);
        r.Roa(SandboxServices.Cs, "POST", "/clusters/{ClusterId}/components/upgrade", "UpgradeClusterAddons", Upgrade);
        r.Roa(SandboxServices.Cs, "POST", "/clusters/{ClusterId}/components/{ComponentId}/config", "ModifyClusterAddon", Modify);
    }

    internal static AddonStore Store(ApiCall c) =>
        c.State.Extension(s => new AddonStore(s.Scenario.Read<AddonsScenarioFile>("addons.json") ?? new AddonsScenarioFile()));

    private static ValueTask<ApiResult> List(ApiCall c)
    {
        var cluster = ClusterOf(c);
        var store = Store(c);
        lock (store.Gate)
        {
            var items = new JsonArray();
            foreach (var a in store.InstalledIn(cluster.Id, c.Clock.UtcNow))
                items.Add(new JsonObject { ["name"] = a.Name, ["version"] = a.Version, ["state"] = a.State });
            return Ok(new JsonObject { ["addons"] = items });
        }
    }

    private static ValueTask<ApiResult> Get(ApiCall c)
    {
        var cluster = ClusterOf(c);
        var store = Store(c);
        lock (store.Gate)
        {
            var a = Installed(store, cluster.Id, c.RouteValue("InstanceName"), c);
            return Ok(new JsonObject
            {
                ["name"] = a.Name,
                ["version"] = a.Version,
                ["state"] = a.State,
                ["config"] = a.Config,
                ["logging"] = new JsonObject { ["capable"] = false, ["enabled"] = false, ["log_project"] = "", ["logstore"] = "" },
            });
        }
    }

    /// <summary>
    /// The addon's metadata and the versions newer than the one described: the query's version, else the version
    /// installed in the query's cluster, else the newest. A version needing a newer Kubernetes is not upgradable.
    /// </summary>
    private static ValueTask<ApiResult> DescribeAddon(ApiCall c)
    {
        var name = c.RouteValue("AddonName");
        var clusterId = c.Param("cluster_id");
        string? kubernetesVersion;
        if (!string.IsNullOrEmpty(clusterId))
        {
            var cluster = c.State.Clusters.Find(clusterId) ?? throw new ApiException(404, "ErrorClusterNotFound", $"cluster ({clusterId}) not found in our records");
            kubernetesVersion = cluster.Get("current_version");
        }
        else
        {
            string[] five = ["region_id", "cluster_type", "profile", "cluster_spec", "cluster_version"];
            var missing = five.Where(p => string.IsNullOrEmpty(c.Param(p))).ToList();
            if (missing.Count > 0)
                throw new ApiException(400, "InvalidParameter", $"cluster_id or all of {string.Join(", ", five)} are required; missing {string.Join(", ", missing)}.");
            kubernetesVersion = c.Param("cluster_version");
        }

        var store = Store(c);
        lock (store.Gate)
        {
            if (!store.Definitions.TryGetValue(name, out var def))
                throw new ApiException(404, AddonNotFound, $"addon {name} not found");
            var installed = string.IsNullOrEmpty(clusterId) ? null : store.Find(clusterId, name, c.Clock.UtcNow);
            var described = c.Param("version") is { Length: > 0 } v ? v : installed?.Version ?? def.Versions[^1].Version;
            if (c.Param("version") is { Length: > 0 } asked && def.Versions.All(x => x.Version != asked))
                throw new ApiException(404, AddonNotFound, $"addon {name} has no version {asked}");

            var newer = new JsonArray();
            foreach (var ver in def.Versions.Where(x => SandboxVersion.Compare(x.Version, described) > 0))
            {
                var fits = ver.MinimumClusterVersion is null || kubernetesVersion is null
                           || SandboxVersion.Compare(kubernetesVersion, ver.MinimumClusterVersion) >= 0;
                newer.Add(new JsonObject
                {
                    ["version"] = ver.Version,
                    ["upgradable"] = fits,
                    ["minimum_cluster_version"] = ver.MinimumClusterVersion ?? "",
                });
            }
            return Ok(new JsonObject
            {
                ["name"] = name,
                ["version"] = described,
                ["category"] = def.Category,
                ["config_schema"] = def.ConfigSchema is null ? "" : SandboxJson.AsDocumentString(def.ConfigSchema),
                ["install_by_default"] = def.InstallByDefault,
                ["managed"] = def.Managed,
                ["supported_actions"] = new JsonArray("Install", "Upgrade", "Modify", "Uninstall"),
                ["architecture"] = new JsonArray("amd64", "arm64"),
                ["newer_versions"] = newer,
            });
        }
    }

    /// <summary>Body: a JSON array of {component_name, next_version, version?, config?, policy?}; one task for all.</summary>
    private static ValueTask<ApiResult> Upgrade(ApiCall c)
    {
        var cluster = ClusterOf(c);
        if (c.BodyJson() is not JsonArray items || items.Count == 0)
            throw new ApiException(400, "InvalidParameter", "The request body must be a non-empty JSON array of addons to upgrade.");

        var store = Store(c);
        lock (store.Gate)
        {
            var now = c.Clock.UtcNow;
            var plan = new List<(InstalledAddon, string)>();
            foreach (var item in items)
            {
                if (item is not JsonObject o) throw new ApiException(400, "InvalidParameter", "Each item of the body must be an object.");
                var name = Text(o, "component_name") ?? throw new ApiException(400, "InvalidParameter", "component_name is required.");
                var next = Text(o, "next_version") ?? throw new ApiException(400, "InvalidParameter", $"next_version is required for {name}.");
                var addon = Installed(store, cluster.Id, name, c);
                if (Text(o, "version") is { } from && from != addon.Version)
                    throw new ApiException(400, "InvalidParameter", $"{name} is at version {addon.Version}, not {from}.");
                if (addon.State != "active")
                    throw new ApiException(400, "ErrorAddonStateInvalid", $"{name} is {addon.State}; wait until it is active.");
                if (!store.Definitions.TryGetValue(name, out var def) || def.Versions.All(v => v.Version != next))
                    throw new ApiException(400, "InvalidParameter", $"{name} has no version {next}.");
                if (SandboxVersion.Compare(next, addon.Version) <= 0)
                    throw new ApiException(400, "InvalidParameter", $"{next} is not newer than the installed version {addon.Version} of {name}.");
                if (plan.Any(p => p.Item1.Name == name)) throw new ApiException(400, "InvalidParameter", $"{name} is listed twice.");
                plan.Add((addon, next));
            }
            var task = store.StartUpgrade(cluster.Id, plan, now);
            return Ok(new JsonObject { ["cluster_id"] = cluster.Id, ["request_id"] = c.RequestId, ["task_id"] = task.TaskId });
        }
    }

    /// <summary>Body {"config":"&lt;json string&gt;"} replaces the addon's config; CS answers with no body.</summary>
    private static ValueTask<ApiResult> Modify(ApiCall c)
    {
        var cluster = ClusterOf(c);
        var body = c.BodyJson() as JsonObject ?? throw new ApiException(400, "InvalidParameter", "The request body must be a JSON object with a config string.");
        var config = Text(body, "config") ?? throw new ApiException(400, "InvalidParameter", "config is required.");
        if (!AddonStore.IsJsonObject(config)) throw new ApiException(400, "InvalidParameter", "config must be a JSON object serialized as a string.");

        var store = Store(c);
        lock (store.Gate)
        {
            var addon = Installed(store, cluster.Id, c.RouteValue("ComponentId"), c);
            if (addon.State != "active")
                throw new ApiException(400, "ErrorAddonStateInvalid", $"{addon.Name} is {addon.State}; wait until it is active.");
            addon.Config = config;
            return ValueTask.FromResult(ApiResult.WithStatus(200, null));
        }
    }

    private static ClusterRecord ClusterOf(ApiCall c)
    {
        var store = c.State.Clusters;
        lock (store.Gate) return CsClusterRoutes.Find(c);
    }

    private static InstalledAddon Installed(AddonStore store, string clusterId, string name, ApiCall c) =>
        store.Find(clusterId, name, c.Clock.UtcNow)
        ?? throw new ApiException(404, AddonNotFound, $"addon {name} is not installed in cluster {clusterId}");

    private static string? Text(JsonObject o, string name) =>
        o[name] is JsonValue v && v.TryGetValue(out string? s) && s.Length > 0 ? s : null;

    private static ValueTask<ApiResult> Ok(JsonNode body) => ValueTask.FromResult(ApiResult.Ok(body));
}
