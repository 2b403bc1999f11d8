using System.Globalization;
using System.Text.Json;

namespace AckHardening.Core.Components;

/// <summary>Which credentials the self-managed aliyun-acr-credential-helper ends up using.</summary>
public enum AcrCredentialMode
{
    /// <summary>No tokenMode in the config (the managed edition has none) or the value says managedRole.</summary>
    ManagedRole,
    /// <summary>tokenMode is workerRole, or auto on a cluster created before the cut-over date.</summary>
    WorkerRole,
    /// <summary>tokenMode is auto and the cluster's creation time is not known, or the value is unrecognised.</summary>
    Undetermined,
}

/// <summary>The resolved token mode with the configured value and why it resolved that way.</summary>
public sealed record AcrTokenModeResolution(AcrCredentialMode Mode, string? ConfiguredValue, string Reason)
{
    /// <summary>True when the helper would read the worker role, so tokenMode should be set to managedRole.</summary>
    public bool NeedsManagedRole => Mode == AcrCredentialMode.WorkerRole;
}

/// <summary>
/// The ACR helper's tokenMode rules: auto means workerRole for clusters created before 2023-04-03 and
/// managedRole from then on. The stored config key is taken to be "tokenMode" (the console field name; the
/// exact key in the addon config is unverified, so it is matched case-insensitively and can be overridden).
/// </summary>
public static class AcrTokenMode
{
    public const string DefaultConfigKey = "tokenMode";

    /// <summary>Clusters created on or after this day resolve auto to managedRole (the announcement gives a date, not a time zone).</summary>
    public static readonly DateTimeOffset ManagedRoleCutover = new(2023, 4, 3, 0, 0, 0, TimeSpan.Zero);

    public static AcrTokenModeResolution Resolve(
        IReadOnlyDictionary<string, string?>? addonConfig, DateTimeOffset? clusterCreated, string configKey = DefaultConfigKey)
    {
        var configured = addonConfig?
            .FirstOrDefault(kv => string.Equals(kv.Key, configKey, StringComparison.OrdinalIgnoreCase)).Value?.Trim();

        if (string.IsNullOrEmpty(configured))
            return new(AcrCredentialMode.ManagedRole, null, $"no {configKey} in the component config (the managed edition uses AliyunCSManagedAcrRole)");

        if (configured.Equals("managedRole", StringComparison.OrdinalIgnoreCase))
            return new(AcrCredentialMode.ManagedRole, configured, $"{configKey} is managedRole");

        if (configured.Equals("workerRole", StringComparison.OrdinalIgnoreCase))
            return new(AcrCredentialMode.WorkerRole, configured, $"{configKey} is workerRole");

        if (configured.Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            if (clusterCreated is not { } created)
                return new(AcrCredentialMode.Undetermined, configured, $"{configKey} is auto and the cluster creation time is unknown");
            var day = ManagedRoleCutover.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            return created < ManagedRoleCutover
                ? new(AcrCredentialMode.WorkerRole, configured, $"{configKey} is auto on a cluster created before {day}, which means workerRole")
                : new(AcrCredentialMode.ManagedRole, configured, $"{configKey} is auto on a cluster created on or after {day}, which means managedRole");
        }

        return new(AcrCredentialMode.Undetermined, configured, $"{configKey} has the unrecognised value '{configured}'");
    }

    /// <summary>
    /// Reads the top-level members of an addon config JSON string (GetClusterAddonInstance.config) as text:
    /// strings as they are, other scalars as their JSON text, objects and arrays as raw JSON.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> ParseAddonConfig(string? json)
    {
        var result = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (string.IsNullOrWhiteSpace(json))
            return result;

        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
            throw new FormatException("The addon config is not a JSON object.");

        foreach (var property in document.RootElement.EnumerateObject())
        {
            result[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Null => null,
                _ => property.Value.GetRawText(),
            };
        }
        return result;
    }
}
