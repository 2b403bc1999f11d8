using AckHardening.Components;

namespace AckHardening.Core.Components;

/// <summary>What the compliance evaluator knows about one cluster.</summary>
public sealed class ComplianceInput
{
    public string? ClusterId { get; init; }

    /// <summary>Installed components from component management and from workloads (cluster-autoscaler).</summary>
    public IReadOnlyList<AckComponent> Installed { get; init; } = Array.Empty<AckComponent>();

    /// <summary>
    /// Managed service role name → granted (CheckServiceRole). Null when roles were not checked; a missing key
    /// or a null value means that role's state is unknown.
    /// </summary>
    public IReadOnlyDictionary<string, bool?>? ServiceRoleGrants { get; init; }

    /// <summary>Addon name → top-level config values (see <see cref="AcrTokenMode.ParseAddonConfig"/>).</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string?>>? AddonConfigs { get; init; }

    /// <summary>When the cluster was created; decides what tokenMode auto means.</summary>
    public DateTimeOffset? ClusterCreated { get; init; }

    /// <summary>The addon config key that holds the ACR helper's token mode.</summary>
    public string TokenModeConfigKey { get; init; } = AcrTokenMode.DefaultConfigKey;
}
