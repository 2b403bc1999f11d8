using System.Text.Json.Nodes;

namespace AckHardening.Sandbox.Services.CsAddons;

/// <summary>
/// addons.json: what CS component management knows. <see cref="Addons"/> is the service's addon catalog (the
/// versions it offers, shared by every cluster); <see cref="Clusters"/> holds what each cluster has installed.
/// Whether a managed service role is granted is not here: it is whether the role exists in ram.json.
/// </summary>
public sealed class AddonsScenarioFile
{
    /// <summary>Simulated seconds an upgrade task runs before it succeeds or fails.</summary>
    public int UpgradeSeconds { get; set; } = 60;

    public Dictionary<string, AddonDefinition> Addons { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, ClusterAddons> Clusters { get; set; } = new(StringComparer.Ordinal);
}

public sealed class AddonDefinition
{
    public string Category { get; set; } = "";
    public bool Managed { get; set; }
    public bool InstallByDefault { get; set; }
    /// <summary>The JSON schema of the addon's config, served as the string DescribeAddon returns.</summary>
    public JsonNode? ConfigSchema { get; set; }
    public List<AddonVersionDefinition> Versions { get; set; } = new();
}

public sealed class AddonVersionDefinition
{
    public string Version { get; set; } = "";
    /// <summary>The oldest Kubernetes version the addon version runs on; newer_versions marks it not upgradable below.</summary>
    public string? MinimumClusterVersion { get; set; }
}

public sealed class ClusterAddons
{
    public List<InstalledAddonDefinition> Addons { get; set; } = new();
}

public sealed class InstalledAddonDefinition
{
    public string Name { get; set; } = "";
    public string Version { get; set; } = "";
    public string State { get; set; } = "active";
    /// <summary>The addon config: an object, or the JSON string GetClusterAddonInstance returns.</summary>
    public JsonNode? Config { get; set; }
    /// <summary>When set, every upgrade task of this addon on this cluster ends in state "fail" with this error.</summary>
    public TaskErrorDefinition? UpgradeFailure { get; set; }
}

public sealed class TaskErrorDefinition
{
    public string Code { get; set; } = "";
    public string Message { get; set; } = "";
}
