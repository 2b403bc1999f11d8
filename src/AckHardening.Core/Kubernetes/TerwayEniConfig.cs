using System.Text.Json;
using AckHardening.Components;

namespace AckHardening.Core.Kubernetes;

/// <summary>What eni_conf says about Terway's credentials. Secret values are never kept, only whether they are set.</summary>
public sealed record TerwayEniConfigInspection(
    bool IsValidJson, string? ParseError, bool HasCredentialPath, string? CredentialPath,
    bool AccessKeyPresent, bool AccessSecretPresent)
{
    /// <summary>A non-empty access_key or access_secret comes first in Terway's credential chain, before the token.</summary>
    public bool AccessKeyOverride => AccessKeyPresent || AccessSecretPresent;

    public bool CredentialPathIsToken => string.Equals(CredentialPath, TerwayEniConfig.TokenCredentialPath, StringComparison.Ordinal);

    public bool Compliant => IsValidJson && CredentialPathIsToken && !AccessKeyOverride;
}

public enum TerwayRepairAction
{
    /// <summary>credential_path already holds the token path.</summary>
    None,
    /// <summary>Inserted on its own member right after min_pool_size, as the procedure says.</summary>
    InsertedAfterMinPoolSize,
    /// <summary>min_pool_size is absent: inserted as the first member.</summary>
    InsertedAtStart,
    /// <summary>credential_path had another value; only that value was replaced.</summary>
    ReplacedValue,
}

/// <summary>
/// The repaired text and the single edit that produced it: <see cref="RemovedLength"/> characters at
/// <see cref="Position"/> were replaced by <see cref="InsertedText"/>; every other character is unchanged.
/// </summary>
public sealed record TerwayEniConfigRepair(string Text, TerwayRepairAction Action, int Position, int RemovedLength, string InsertedText, string Message)
{
    public bool Changed => Action != TerwayRepairAction.None;
}

/// <summary>
/// Terway's kube-system/eni-config: checks that eni_conf points credential_path at the token file ACK keeps
/// for AliyunCSManagedNetworkRole, and adds it by a minimal text edit that keeps the admin's formatting.
/// Keys match case-insensitively and the last duplicate wins, as in the Go decoder Terway uses.
/// </summary>
public static class TerwayEniConfig
{
    public const string ConfigMapNamespace = "kube-system";
    public const string ConfigMapName = "eni-config";
    public const string DataKey = "eni_conf";
    public const string TokenCredentialPath = "/var/addon/token-config";
    private const string CredentialPathKey = "credential_path";
    private const string MinPoolSizeKey = "min_pool_size";
    private const string TokenValueLiteral = "\"" + TokenCredentialPath + "\"";

    public static TerwayEniConfigInspection Inspect(string eniConf)
    {
        ArgumentNullException.ThrowIfNull(eniConf);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(eniConf);
        }
        catch (JsonException ex)
        {
            return new(false, DescribeParseError(ex), false, null, false, false);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return new(false, "eni_conf is not a JSON object", false, null, false, false);

            JsonElement? credential = null, key = null, secret = null;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (Is(property.Name, CredentialPathKey)) credential = property.Value;
                else if (Is(property.Name, "access_key")) key = property.Value;
                else if (Is(property.Name, "access_secret")) secret = property.Value;
            }

            var path = credential is { ValueKind: JsonValueKind.String } c ? c.GetString() : credential?.GetRawText();
            return new(true, null, !string.IsNullOrEmpty(path), string.IsNullOrEmpty(path) ? null : path, IsSet(key), IsSet(secret));
        }
    }

    /// <summary>Sets credential_path to the token path with one minimal edit; a no-op when it already is.</summary>
    /// <exception cref="FormatException">eni_conf is not a valid JSON object.</exception>
    public static TerwayEniConfigRepair Repair(string eniConf)
    {
        var inspection = Inspect(eniConf);
        if (!inspection.IsValidJson)
            throw new FormatException($"eni_conf cannot be repaired: {inspection.ParseError}.");

        var (open, members) = JsonObjectScanner.Scan(eniConf);

        var existing = members.LastOrDefault(m => Is(m.Key, CredentialPathKey));
        if (existing is not null)
        {
            if (inspection.CredentialPathIsToken)
                return new(eniConf, TerwayRepairAction.None, existing.ValueStart, 0, "", "credential_path already points at the token file.");
            var removed = existing.ValueEnd - existing.ValueStart;
            return Edit(eniConf, TerwayRepairAction.ReplacedValue, existing.ValueStart, removed, TokenValueLiteral,
                "Replaced the value of credential_path with the token file path.");
        }

        var anchor = members.LastOrDefault(m => Is(m.Key, MinPoolSizeKey));
        if (anchor is not null)
        {
            var index = IndexOf(members, anchor);
            var member = "\"" + CredentialPathKey + "\"" + ColonOf(eniConf, anchor) + TokenValueLiteral;
            if (anchor.CommaIndex >= 0)
            {
                // Repeat the layout that separates min_pool_size from its successor.
                var gap = eniConf[(anchor.CommaIndex + 1)..members[index + 1].KeyStart];
                return Edit(eniConf, TerwayRepairAction.InsertedAfterMinPoolSize, anchor.CommaIndex + 1, 0, gap + member + ",",
                    "Added credential_path after min_pool_size.");
            }

            // min_pool_size is the last member: give it a comma and repeat the layout before it.
            var before = index == 0 ? eniConf[(open + 1)..anchor.KeyStart] : eniConf[(members[index - 1].CommaIndex + 1)..anchor.KeyStart];
            return Edit(eniConf, TerwayRepairAction.InsertedAfterMinPoolSize, anchor.ValueEnd, 0, "," + before + member,
                "Added credential_path after min_pool_size.");
        }

        if (members.Count == 0)
        {
            var only = "\"" + CredentialPathKey + "\": " + TokenValueLiteral;
            return Edit(eniConf, TerwayRepairAction.InsertedAtStart, open + 1, 0, only, "Added credential_path to the empty eni_conf.");
        }

        var first = members[0];
        var lead = eniConf[(open + 1)..first.KeyStart];
        var firstMember = "\"" + CredentialPathKey + "\"" + ColonOf(eniConf, first) + TokenValueLiteral;
        return Edit(eniConf, TerwayRepairAction.InsertedAtStart, open + 1, 0, lead + firstMember + ",",
            "min_pool_size is absent: added credential_path as the first member.");
    }

    /// <summary>
    /// Builds the status for one cluster from the ConfigMap's data (null when the ConfigMap does not exist) and
    /// the installed Terway variant (the DaemonSet to redeploy after a fix).
    /// </summary>
    public static AckTerwayConfigStatus Evaluate(string? clusterId, string? terwayVariant, IDictionary<string, string>? configMapData)
    {
        var status = new AckTerwayConfigStatus
        {
            ClusterId = clusterId,
            ConfigMap = $"{ConfigMapNamespace}/{ConfigMapName}",
            Mode = terwayVariant,
            Workload = terwayVariant is null ? null : new AckWorkloadReference(ConfigMapNamespace, WorkloadKind.DaemonSet, terwayVariant).ToString(),
        };

        if (configMapData is null)
        {
            status.Message = $"ConfigMap {status.ConfigMap} does not exist.";
            return status;
        }
        if (!configMapData.TryGetValue(DataKey, out var eniConf) || string.IsNullOrWhiteSpace(eniConf))
        {
            status.Message = $"ConfigMap {status.ConfigMap} has no {DataKey} entry.";
            return status;
        }

        var inspection = Inspect(eniConf);
        status.HasCredentialPath = inspection.HasCredentialPath;
        status.CredentialPath = inspection.CredentialPath;
        status.AccessKeyOverride = inspection.AccessKeyOverride;
        status.Compliant = inspection.Compliant;

        var problems = new List<string>();
        if (!inspection.IsValidJson)
            problems.Add($"{DataKey} is not valid JSON ({inspection.ParseError})");
        else if (!inspection.HasCredentialPath)
            problems.Add($"credential_path is missing, so Terway falls back to the worker role; add \"credential_path\": \"{TokenCredentialPath}\" after min_pool_size");
        else if (!inspection.CredentialPathIsToken)
            problems.Add($"credential_path is '{inspection.CredentialPath}' instead of {TokenCredentialPath}");
        if (inspection.AccessKeyOverride)
            problems.Add("a non-empty access_key/access_secret is present and is used before the token; remove it");

        status.Message = problems.Count == 0
            ? "eni_conf uses the token of the managed network role."
            : string.Join("; ", problems) + (terwayVariant is null ? "." : $", then redeploy {status.Workload}.");
        return status;
    }

    private static TerwayEniConfigRepair Edit(string text, TerwayRepairAction action, int position, int removed, string inserted, string message) =>
        new(string.Concat(text.AsSpan(0, position), inserted, text.AsSpan(position + removed)), action, position, removed, inserted, message);

    // The exact characters between a key and its value (": ", ":", " : ", ...), so the new member matches.
    private static string ColonOf(string text, ScannedMember member) => text[member.KeyEnd..member.ValueStart];

    private static int IndexOf(IReadOnlyList<ScannedMember> members, ScannedMember member)
    {
        for (var i = 0; i < members.Count; i++)
        {
            if (ReferenceEquals(members[i], member))
                return i;
        }
        return -1;
    }

    private static bool Is(string key, string expected) => string.Equals(key, expected, StringComparison.OrdinalIgnoreCase);

    private static bool IsSet(JsonElement? value) => value switch
    {
        null => false,
        { ValueKind: JsonValueKind.Null } => false,
        { ValueKind: JsonValueKind.String } s => !string.IsNullOrEmpty(s.GetString()),
        _ => true,
    };

    // Position only: the parser's message could quote part of the document, which may hold a secret.
    private static string DescribeParseError(JsonException ex) =>
        ex.LineNumber is { } line ? $"invalid JSON at line {line + 1}, position {ex.BytePositionInLine + 1}" : "invalid JSON";
}
