using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using AckHardening.Core.Errors;
using AckHardening.Policy;

namespace AckHardening.Core.Policy;

/// <summary>
/// The backup file: an envelope {Format, FormatVersion, Sha256, Content}. Sha256 is taken over the canonical
/// serialization (sorted keys, no whitespace) of Content, so re-indenting the file does not break it but any change
/// to what it says does.
/// </summary>
public static class PolicyBackupFormat
{
    public const string FormatName = "AckHardening.PolicyBackup";
    public const int FormatVersion = 1;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Serialize(PolicyBackup backup, out string sha256)
    {
        CheckShape(backup, "The backup");
        var content = new JsonObject
        {
            ["PolicyName"] = backup.PolicyName,
            ["PolicyType"] = backup.PolicyType,
            ["RoleName"] = backup.RoleName,
            ["ClusterId"] = backup.ClusterId,
            ["AttachedToRole"] = backup.AttachedToRole,
            ["CreatedAt"] = FormatTime(backup.CreatedAt),
            ["ModuleVersion"] = backup.ModuleVersion,
            ["DefaultVersion"] = backup.DefaultVersion,
            ["Versions"] = new JsonArray(backup.Versions.Select(v => (JsonNode)new JsonObject
            {
                ["VersionId"] = v.VersionId,
                ["IsDefault"] = v.IsDefault,
                ["CreateDate"] = v.CreateDate is { } d ? FormatTime(d) : null,
                ["Document"] = TryParseJson(v.DocumentText),
                ["DocumentText"] = v.DocumentText,
            }).ToArray()),
            ["PlannedDocument"] = backup.PlannedDocument?.ToJsonNode(),
        };
        sha256 = Hash(content);
        var envelope = new JsonObject
        {
            ["Format"] = FormatName,
            ["FormatVersion"] = FormatVersion,
            ["Sha256"] = sha256,
            ["Content"] = content,
        };
        return envelope.ToJsonString(Indented);
    }

    /// <summary>Parses and verifies a backup; throws AckPolicyBackupInvalid naming what is wrong.</summary>
    public static PolicyBackup Deserialize(string json, string source)
    {
        JsonNode? root;
        try { root = JsonNode.Parse(json); }
        catch (Exception e) when (e is JsonException or ArgumentException) { throw Invalid(source, $"it is not valid JSON ({e.Message})."); }
        if (root is not JsonObject env) throw Invalid(source, "it is not a JSON object.");
        if (Str(env, "Format") != FormatName) throw Invalid(source, $"Format is not \"{FormatName}\"; this is not a policy backup.");
        if (env["FormatVersion"] is not JsonValue fv || !fv.TryGetValue<int>(out var version) || version != FormatVersion)
            throw Invalid(source, $"FormatVersion is not {FormatVersion}; the file was written by an incompatible module version.");
        if (env["Content"] is not JsonObject content) throw Invalid(source, "Content is missing.");
        var expected = Str(env, "Sha256");
        if (expected is null) throw Invalid(source, "Sha256 is missing.");
        var actual = Hash(content);
        if (!string.Equals(expected, actual, StringComparison.OrdinalIgnoreCase))
            throw new AckException(PolicyErrorIds.BackupInvalid, AckErrorKind.InvalidData,
                $"The policy backup '{source}' was modified after it was written: its content hash is {actual}, the file says {expected}.", source)
            { RecommendedAction = "Use an unmodified backup file; do not edit backups by hand." };

        var versions = new List<PolicyVersionSnapshot>();
        if (content["Versions"] is not JsonArray arr) throw Invalid(source, "Content.Versions is missing.");
        for (var i = 0; i < arr.Count; i++)
        {
            if (arr[i] is not JsonObject v) throw Invalid(source, $"Content.Versions[{i}] is not an object.");
            var id = Str(v, "VersionId") ?? throw Invalid(source, $"Content.Versions[{i}].VersionId is missing.");
            var text = Str(v, "DocumentText") ?? throw Invalid(source, $"Content.Versions[{i}].DocumentText is missing.");
            if (v["IsDefault"] is not JsonValue dv || !dv.TryGetValue<bool>(out var isDefault)) throw Invalid(source, $"Content.Versions[{i}].IsDefault is missing.");
            var parsed = TryParseJson(text);
            if (parsed is not null && PolicyCanonicalJson.Serialize(parsed) != PolicyCanonicalJson.Serialize(v["Document"]))
                throw Invalid(source, $"Content.Versions[{i}]: Document and DocumentText disagree.");
            versions.Add(new PolicyVersionSnapshot { VersionId = id, IsDefault = isDefault, CreateDate = Time(v, "CreateDate", source), DocumentText = text });
        }

        PolicyDocument? planned = null;
        if (content["PlannedDocument"] is JsonObject p)
        {
            try { planned = PolicyDocument.Parse(p.ToJsonString()); }
            catch (PolicyFormatException e) { throw Invalid(source, $"Content.PlannedDocument is not a policy document ({e.Message})."); }
        }

        var backup = new PolicyBackup
        {
            PolicyName = Str(content, "PolicyName") ?? "",
            PolicyType = Str(content, "PolicyType") ?? "",
            RoleName = Str(content, "RoleName"),
            ClusterId = Str(content, "ClusterId"),
            AttachedToRole = content["AttachedToRole"] is JsonValue av && av.TryGetValue<bool>(out var attached) && attached,
            CreatedAt = Time(content, "CreatedAt", source) ?? throw Invalid(source, "Content.CreatedAt is missing."),
            ModuleVersion = Str(content, "ModuleVersion"),
            Versions = versions,
            PlannedDocument = planned,
            Sha256 = actual,
            Path = source,
        };
        CheckShape(backup, $"The policy backup '{source}'");
        if (Str(content, "DefaultVersion") != backup.DefaultVersion)
            throw Invalid(source, $"Content.DefaultVersion ({Str(content, "DefaultVersion")}) is not the version marked IsDefault ({backup.DefaultVersion}).");
        return backup;
    }

    private static void CheckShape(PolicyBackup b, string subject)
    {
        string? problem = null;
        if (string.IsNullOrWhiteSpace(b.PolicyName)) problem = "it has no policy name.";
        else if (string.IsNullOrWhiteSpace(b.PolicyType)) problem = "it has no policy type.";
        else if (b.Versions.Count == 0) problem = "it holds no policy version.";
        else if (b.Versions.Count(v => v.IsDefault) != 1) problem = $"it marks {b.Versions.Count(v => v.IsDefault)} versions as default; exactly one must be.";
        else if (b.Versions.Select(v => v.VersionId).Distinct(StringComparer.OrdinalIgnoreCase).Count() != b.Versions.Count) problem = "it lists a version id twice.";
        else if (b.Versions.FirstOrDefault(v => string.IsNullOrWhiteSpace(v.VersionId)) is not null) problem = "a version has no id.";
        if (problem is not null)
            throw new AckException(PolicyErrorIds.BackupInvalid, AckErrorKind.InvalidData, $"{subject} is not valid: {problem}", b.PolicyName);
    }

    internal static string Hash(JsonObject content) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(PolicyCanonicalJson.Serialize(content)))).ToLowerInvariant();

    private static JsonNode? TryParseJson(string text)
    {
        try { return JsonNode.Parse(text); }
        catch (Exception e) when (e is JsonException or ArgumentException) { return null; }
    }

    private static string FormatTime(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset? Time(JsonObject o, string name, string source)
    {
        var s = Str(o, name);
        if (s is null) return null;
        return DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            ? t : throw Invalid(source, $"{name} \"{s}\" is not a date.");
    }

    private static string? Str(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static AckException Invalid(string source, string problem) =>
        new(PolicyErrorIds.BackupInvalid, AckErrorKind.InvalidData, $"The policy backup '{source}' is not valid: {problem}", source);
}
