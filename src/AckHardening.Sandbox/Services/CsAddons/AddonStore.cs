using System.Text.Json;
using System.Text.Json.Nodes;
using AckHardening.Sandbox.Infrastructure;
using AckHardening.Sandbox.State;

namespace AckHardening.Sandbox.Services.CsAddons;

/// <summary>An addon installed in a cluster; changed by upgrade tasks and ModifyClusterAddon.</summary>
public sealed class InstalledAddon
{
    public required string Name { get; init; }
    public required string Version { get; set; }
    public required string State { get; set; }
    /// <summary>The config as the JSON text GetClusterAddonInstance returns ("" for none).</summary>
    public required string Config { get; set; }
    public TaskErrorDefinition? UpgradeFailure { get; init; }
}

/// <summary>An upgrade task. Its state is derived from simulated time when read (see <see cref="AddonStore.Settle"/>).</summary>
public sealed class AddonTask
{
    public required string TaskId { get; init; }
    public required string ClusterId { get; init; }
    public required DateTimeOffset Created { get; init; }
    public required DateTimeOffset Due { get; init; }
    public required IReadOnlyList<(string Name, string From, string To)> Upgrades { get; init; }
    public string State { get; set; } = "running";
    public DateTimeOffset Updated { get; set; }
    public TaskErrorDefinition? Error { get; set; }
    public string? FailedAddon { get; set; }
}

/// <summary>Component management state of every cluster plus the upgrade tasks created since the scenario loaded.</summary>
public sealed class AddonStore
{
    private readonly Dictionary<string, List<InstalledAddon>> _installed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AddonTask> _tasks = new(StringComparer.Ordinal);

    public AddonStore(AddonsScenarioFile file)
    {
        if (file.UpgradeSeconds < 1) throw new ScenarioException("addons.json: upgradeSeconds must be at least 1.");
        UpgradeDuration = TimeSpan.FromSeconds(file.UpgradeSeconds);
        Definitions = new Dictionary<string, AddonDefinition>(file.Addons, StringComparer.Ordinal);
        foreach (var (name, def) in Definitions)
        {
            if (def.Versions.Count == 0) throw new ScenarioException($"addons.json: addon {name} lists no versions.");
            def.Versions.Sort((a, b) => SandboxVersion.Compare(a.Version, b.Version));
        }
        foreach (var (clusterId, cluster) in file.Clusters)
        {
            var list = new List<InstalledAddon>();
            foreach (var a in cluster.Addons)
            {
                if (string.IsNullOrEmpty(a.Name) || string.IsNullOrEmpty(a.Version))
                    throw new ScenarioException($"addons.json: an addon of cluster {clusterId} lacks name or version.");
                if (list.Any(x => x.Name == a.Name)) throw new ScenarioException($"addons.json: {a.Name} is installed twice in {clusterId}.");
                var config = SandboxJson.AsDocumentString(a.Config);
                if (config.Length > 0 && !IsJsonObject(config))
                    throw new ScenarioException($"addons.json: the config of {a.Name} in {clusterId} is not a JSON object.");
                list.Add(new InstalledAddon { Name = a.Name, Version = a.Version, State = a.State, Config = config, UpgradeFailure = a.UpgradeFailure });
            }
            _installed[clusterId] = list;
        }
    }

    public object Gate { get; } = new();
    public TimeSpan UpgradeDuration { get; }
    public IReadOnlyDictionary<string, AddonDefinition> Definitions { get; }

    /// <summary>The cluster's addons after settling finished tasks (an empty list for a cluster without any).</summary>
    public IReadOnlyList<InstalledAddon> InstalledIn(string clusterId, DateTimeOffset now)
    {
        Settle(now);
        return _installed.TryGetValue(clusterId, out var list) ? list : [];
    }

    public InstalledAddon? Find(string clusterId, string name, DateTimeOffset now) =>
        InstalledIn(clusterId, now).FirstOrDefault(a => a.Name == name);

    public AddonTask? FindTask(string taskId, DateTimeOffset now)
    {
        Settle(now);
        return _tasks.GetValueOrDefault(taskId);
    }

    public AddonTask StartUpgrade(string clusterId, IReadOnlyList<(InstalledAddon Addon, string To)> upgrades, DateTimeOffset now)
    {
        var task = new AddonTask
        {
            TaskId = "T-" + RandomIds.Alphanumeric(18),
            ClusterId = clusterId,
            Created = now,
            Updated = now,
            Due = now + UpgradeDuration,
            Upgrades = upgrades.Select(u => (u.Addon.Name, u.Addon.Version, u.To)).ToList(),
        };
        foreach (var (addon, _) in upgrades) addon.State = "upgrading";
        _tasks[task.TaskId] = task;
        return task;
    }

    /// <summary>
    /// Finishes every running task whose time has come: on success the addons take their new versions; on a
    /// scenario-marked failure nothing changes but the state. Called under <see cref="Gate"/> by every reader.
    /// </summary>
    public void Settle(DateTimeOffset now)
    {
        foreach (var task in _tasks.Values.Where(t => t.State == "running" && t.Due <= now))
        {
            var addons = _installed.TryGetValue(task.ClusterId, out var list) ? list : [];
            var failing = task.Upgrades.Select(u => addons.FirstOrDefault(a => a.Name == u.Name))
                .FirstOrDefault(a => a?.UpgradeFailure is not null);
            task.Updated = task.Due;
            if (failing is not null)
            {
                task.State = "fail";
                task.Error = failing.UpgradeFailure;
                task.FailedAddon = failing.Name;
            }
            else
            {
                task.State = "success";
            }
            foreach (var (name, _, to) in task.Upgrades)
            {
                var addon = addons.FirstOrDefault(a => a.Name == name);
                if (addon is null) continue;
                if (task.State == "success") addon.Version = to;
                addon.State = "active";
            }
        }
    }

    public static bool IsJsonObject(string text)
    {
        try { return JsonNode.Parse(text) is JsonObject; }
        catch (JsonException) { return false; }
    }
}
