using System.Text;
using System.Text.Json;
using AckHardening.Components;
using AckHardening.Core.Errors;
using AckHardening.Core.KubeAccess;

namespace AckHardening.Core.Components;

/// <summary>What a role's token Secret holds. Credential values are never copied out of the Secret.</summary>
public sealed record AddonTokenReading(ServiceRoleTokenStatus Status, string? SecretName, string? ErrorCode, string? ErrorMessage, DateTimeOffset? Expiration);

/// <summary>
/// Reads the token Secret ACK keeps for a managed role in kube-system (key addon.token.config). Secrets are named
/// addon.&lt;lowercase role name&gt;.token; older components use short names (addon.network.token, addon.csi.token),
/// which are tried too. A token document is {"access.key.id", "access.key.secret", "security.token", "expiration",
/// "keyring"}; when ACK could not assume the role it is {"error":{"roleName","code","message"}} instead.
/// </summary>
public static class AddonTokenInspector
{
    public const string Namespace = "kube-system";
    public const string TokenKey = "addon.token.config";

    private static readonly Dictionary<string, string[]> ShortNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["AliyunCSManagedNetworkRole"] = ["addon.network.token"],
        ["AliyunCSManagedCsiRole"] = ["addon.csi.token"],
    };

    /// <summary>The Secret names to try for a role, the derived name first.</summary>
    public static IReadOnlyList<string> SecretNamesFor(string roleName)
    {
        var names = new List<string> { $"addon.{roleName.ToLowerInvariant()}.token" };
        if (ShortNames.TryGetValue(roleName, out var more)) names.AddRange(more);
        return names;
    }

    public static async Task<AddonTokenReading> InspectAsync(KubernetesGateway gateway, string roleName, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        foreach (var name in SecretNamesFor(roleName))
        {
            k8s.Models.V1Secret secret;
            try
            {
                secret = await gateway.GetSecretAsync(Namespace, name, ct).ConfigureAwait(false);
            }
            catch (AckException e) when (e.ErrorId == KubernetesErrors.NotFound)
            {
                continue;
            }
            var data = secret.Data is not null && secret.Data.TryGetValue(TokenKey, out var bytes) ? bytes : null;
            return Parse(data, $"{Namespace}/{name}", now);
        }
        return new AddonTokenReading(ServiceRoleTokenStatus.Missing, null, null, null, null);
    }

    /// <summary>Classifies the decoded addon.token.config bytes of <paramref name="secretName"/>.</summary>
    public static AddonTokenReading Parse(byte[]? content, string secretName, DateTimeOffset now)
    {
        if (content is null || content.Length == 0)
            return new(ServiceRoleTokenStatus.Unreadable, secretName, null, $"the Secret has no {TokenKey} key", null);
        try
        {
            using var doc = JsonDocument.Parse(content);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return new(ServiceRoleTokenStatus.Unreadable, secretName, null, $"{TokenKey} is not a JSON object", null);
            if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
                return new(ServiceRoleTokenStatus.Error, secretName, Text(error, "code"), Text(error, "message"), null);

            DateTimeOffset? expiration = Text(root, "expiration") is { } exp && DateTimeOffset.TryParse(exp, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AssumeUniversal, out var e) ? e : null;
            if (!root.TryGetProperty("access.key.id", out _) && !root.TryGetProperty("security.token", out _))
                return new(ServiceRoleTokenStatus.Unreadable, secretName, null, $"{TokenKey} holds neither credentials nor an error", expiration);
            return expiration is { } x && x <= now
                ? new(ServiceRoleTokenStatus.Expired, secretName, null, $"the token expired at {x:yyyy-MM-ddTHH:mm:ssZ}", expiration)
                : new(ServiceRoleTokenStatus.Valid, secretName, null, null, expiration);
        }
        catch (JsonException)
        {
            // The parser's message can quote the content, which holds key material: report the fact only.
            return new(ServiceRoleTokenStatus.Unreadable, secretName, null, $"{TokenKey} is not valid JSON", null);
        }
    }

    private static string? Text(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
