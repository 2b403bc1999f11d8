using System.Text.Json;
using AckHardening.Core.Errors;

namespace AckHardening.Core.Credentials;

/// <summary>One profile of the aliyun CLI configuration (~/.aliyun/config.json). Secrets are never shown by ToString.</summary>
public sealed record AliyunCliProfile(string Name, string Mode, string? AccessKeyId, string? AccessKeySecret, string? StsToken,
    string? RamRoleArn, string? RamSessionName, int? ExpiredSeconds, string? StsRegion, string? ExternalId, string? RamRoleName, string? RegionId)
{
    public override string ToString() => $"AliyunCliProfile({Name}, {Mode})";
}

/// <summary>Reads the aliyun CLI configuration file: its current profile and the profiles it lists.</summary>
public sealed class AliyunCliConfig
{
    public AliyunCliConfig(string? current, IReadOnlyList<AliyunCliProfile> profiles, string path)
    {
        Current = current;
        Profiles = profiles;
        Path = path;
    }

    public string? Current { get; }
    public IReadOnlyList<AliyunCliProfile> Profiles { get; }
    public string Path { get; }

    /// <summary>~/.aliyun/config.json of the current user.</summary>
    public static string DefaultPath =>
        System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".aliyun", "config.json");

    public static AliyunCliConfig Load(string? path = null)
    {
        path ??= DefaultPath;
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AckException("AckCliConfigUnreadable", AckErrorKind.ReadError, $"Cannot read the aliyun CLI configuration '{path}': {e.Message}", path, e);
        }
        return Parse(text, path);
    }

    public static AliyunCliConfig Parse(string json, string path = "config.json")
    {
        try
        {
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var root = doc.RootElement;
            var profiles = new List<AliyunCliProfile>();
            if (root.TryGetProperty("profiles", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var p in list.EnumerateArray())
                {
                    if (p.ValueKind != JsonValueKind.Object) continue;
                    var name = S(p, "name");
                    if (string.IsNullOrEmpty(name)) continue;
                    profiles.Add(new AliyunCliProfile(name, S(p, "mode") ?? "", S(p, "access_key_id"), S(p, "access_key_secret"), S(p, "sts_token"),
                        S(p, "ram_role_arn"), S(p, "ram_session_name"), I(p, "expired_seconds"), S(p, "sts_region"), S(p, "external_id"),
                        S(p, "ram_role_name"), S(p, "region_id")));
                }
            }
            return new AliyunCliConfig(S(root, "current"), profiles, path);
        }
        catch (JsonException e)
        {
            // The parser's message names a position, never the file's content.
            throw new AckException("AckCliConfigInvalid", AckErrorKind.InvalidData, $"The aliyun CLI configuration '{path}' is not valid JSON: {e.Message}", path, e);
        }
    }

    /// <summary>The named profile, or the current one (else "default") when no name is given.</summary>
    public AliyunCliProfile GetProfile(string? name = null)
    {
        var wanted = string.IsNullOrEmpty(name) ? (string.IsNullOrEmpty(Current) ? "default" : Current) : name;
        return Profiles.FirstOrDefault(p => p.Name == wanted)
            ?? throw new AckException("AckProfileNotFound", AckErrorKind.ObjectNotFound,
                $"The aliyun CLI configuration '{Path}' has no profile '{wanted}'. Profiles: {(Profiles.Count == 0 ? "(none)" : string.Join(", ", Profiles.Select(p => p.Name)))}.", wanted);
    }

    private static string? S(JsonElement e, string n) =>
        e.TryGetProperty(n, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : null;

    private static int? I(JsonElement e, string n) =>
        e.TryGetProperty(n, out var v) ? v.ValueKind switch
        {
            JsonValueKind.Number when v.TryGetInt32(out var i) => i,
            JsonValueKind.String when int.TryParse(v.GetString(), out var j) => j,
            _ => null,
        } : null;
}
