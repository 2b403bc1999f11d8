using System.Text.RegularExpressions;
using AckHardening.Sandbox.Infrastructure;
using AckHardening.Sandbox.Pipeline;
using AckHardening.Sandbox.State;

namespace AckHardening.Sandbox.Services.Ram;

public sealed class RamRole
{
    public required string Name { get; init; }
    public required string Id { get; init; }
    public required string Arn { get; init; }
    public required string Description { get; set; }
    public required string AssumeRolePolicyDocument { get; set; }
    public required DateTimeOffset CreateDate { get; init; }
    public required DateTimeOffset UpdateDate { get; set; }
    public required int MaxSessionDuration { get; set; }
}

public sealed class RamPolicyVersion
{
    public required string VersionId { get; init; }
    public required string Document { get; init; }
    public required DateTimeOffset CreateDate { get; init; }
    public bool IsDefault { get; set; }
}

public sealed class RamPolicy
{
    public required string Name { get; init; }
    /// <summary>System | Custom.</summary>
    public required string Type { get; init; }
    public required string Description { get; set; }
    public required DateTimeOffset CreateDate { get; init; }
    public required DateTimeOffset UpdateDate { get; set; }
    /// <summary>The highest vN ever issued; new versions continue from it so ids never repeat.</summary>
    public int LastVersionNumber { get; set; }
    public List<RamPolicyVersion> Versions { get; } = new();
    public RamPolicyVersion DefaultVersion => Versions.Single(v => v.IsDefault);
}

public sealed record RamAttachment(string RoleName, string PolicyName, string PolicyType, DateTimeOffset AttachDate);

/// <summary>
/// The RAM state of the scenario account. Readers and writers lock <see cref="Gate"/>; the write primitives
/// here enforce RAM's invariants (5 versions, one default, ids never reused, 6,144-character documents) so the
/// write actions added later stay thin.
/// </summary>
public sealed partial class RamStore
{
    public const int MaxVersions = 5;
    public const int MaxDocumentLength = 6144;

    private readonly Dictionary<string, RamRole> _roles = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<(string Type, string Name), RamPolicy> _policies = new();
    private readonly List<RamAttachment> _attachments = new();

    public RamStore(RamScenarioFile file, DateTimeOffset now)
    {
        AccountUid = file.AccountUid;
        foreach (var r in file.Roles)
        {
            if (!ValidRoleName(r.RoleName)) throw new ScenarioException($"ram.json: invalid role name '{r.RoleName}'.");
            var created = Iso8601.ParseScenario(r.CreateDate, now);
            _roles.Add(r.RoleName, new RamRole
            {
                Name = r.RoleName,
                Id = r.RoleId.Length > 0 ? r.RoleId : RandomIds.Digits(19),
                // RAM reports role ARNs with the name in lower case.
                Arn = $"acs:ram::{AccountUid}:role/{r.RoleName.ToLowerInvariant()}",
                Description = r.Description,
                AssumeRolePolicyDocument = SandboxJson.AsDocumentString(r.AssumeRolePolicyDocument),
                CreateDate = created,
                UpdateDate = Iso8601.ParseScenario(r.UpdateDate, created),
                MaxSessionDuration = r.MaxSessionDuration,
            });
        }
        foreach (var p in file.Policies) _policies.Add(PolicyKey(p.PolicyType, p.PolicyName), LoadPolicy(p, now));
        foreach (var a in file.Attachments)
        {
            if (FindRole(a.RoleName) is null) throw new ScenarioException($"ram.json: attachment names unknown role {a.RoleName}.");
            if (FindPolicy(a.PolicyType, a.PolicyName) is null) throw new ScenarioException($"ram.json: attachment names unknown {a.PolicyType} policy {a.PolicyName}.");
            _attachments.Add(new RamAttachment(a.RoleName, a.PolicyName, NormalizeType(a.PolicyType)!, Iso8601.ParseScenario(a.AttachDate, now)));
        }
    }

    public object Gate { get; } = new();
    public string AccountUid { get; }

    public RamRole? FindRole(string name) => _roles.GetValueOrDefault(name);

    public RamPolicy? FindPolicy(string type, string name) => _policies.GetValueOrDefault(PolicyKey(type, name));

    public IReadOnlyList<(RamAttachment Attachment, RamPolicy Policy)> PoliciesForRole(string roleName) =>
        _attachments.Where(a => string.Equals(a.RoleName, roleName, StringComparison.OrdinalIgnoreCase))
            .Select(a => (a, FindPolicy(a.PolicyType, a.PolicyName)!)).ToList();

    public int AttachmentCount(RamPolicy policy) =>
        _attachments.Count(a => a.PolicyType == policy.Type && string.Equals(a.PolicyName, policy.Name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Adds vN+1 (never a reused id). Throws the RAM errors for a full version list or an oversized document.</summary>
    public RamPolicyVersion AddVersion(RamPolicy policy, string document, bool setAsDefault, DateTimeOffset now)
    {
        CheckDocumentLength(document);
        if (policy.Type != "Custom") throw new ApiException(400, "InvalidParameter.PolicyType", "Only Custom policies have versions you can change.");
        if (policy.Versions.Count >= MaxVersions)
            throw new ApiException(409, "LimitExceeded.Policy.Version", $"Exceeded the maximum number of versions ({MaxVersions}) of the policy.");
        var version = new RamPolicyVersion { VersionId = "v" + ++policy.LastVersionNumber, Document = document, CreateDate = now };
        policy.Versions.Add(version);
        if (setAsDefault) SetDefault(policy, version.VersionId, now);
        policy.UpdateDate = now;
        return version;
    }

    public void SetDefault(RamPolicy policy, string versionId, DateTimeOffset now)
    {
        var target = policy.Versions.FirstOrDefault(v => v.VersionId == versionId) ?? throw VersionNotFound();
        foreach (var v in policy.Versions) v.IsDefault = ReferenceEquals(v, target);
        policy.UpdateDate = now;
    }

    public void RemoveVersion(RamPolicy policy, string versionId)
    {
        var target = policy.Versions.FirstOrDefault(v => v.VersionId == versionId) ?? throw VersionNotFound();
        if (target.IsDefault)
            throw new ApiException(409, "DeleteConflict.Policy.Version.Default", "The default policy version CAN NOT been deleted directly.");
        policy.Versions.Remove(target);
    }

    public static void CheckDocumentLength(string document)
    {
        if (document.Length is 0 or > MaxDocumentLength)
            throw new ApiException(400, "InvalidParameter.PolicyDocument.Length",
                $"The maximum length of the policy document is exceeded. It must not exceed {MaxDocumentLength} characters.");
    }

    public static ApiException VersionNotFound() => new(404, "EntityNotExist.Policy.Version", "The policy version does not exist.");

    /// <summary>"System" or "Custom" in RAM's spelling, or null for anything else (RAM compares case-insensitively; unverified).</summary>
    public static string? NormalizeType(string? type) =>
        string.Equals(type, "System", StringComparison.OrdinalIgnoreCase) ? "System"
        : string.Equals(type, "Custom", StringComparison.OrdinalIgnoreCase) ? "Custom" : null;

    public static bool ValidRoleName(string name) => name.Length is >= 1 and <= 64 && RoleNameChars().IsMatch(name);
    public static bool ValidPolicyName(string name) => name.Length is >= 1 and <= 128 && PolicyNameChars().IsMatch(name);
    public static bool ValidVersionId(string id) => VersionIdFormat().IsMatch(id);

    private static (string, string) PolicyKey(string type, string name) => (NormalizeType(type) ?? type, name.ToLowerInvariant());

    private static RamPolicy LoadPolicy(PolicyDefinition p, DateTimeOffset now)
    {
        var type = NormalizeType(p.PolicyType) ?? throw new ScenarioException($"ram.json: {p.PolicyName}: PolicyType must be System or Custom.");
        if (!ValidPolicyName(p.PolicyName)) throw new ScenarioException($"ram.json: invalid policy name '{p.PolicyName}'.");
        var created = Iso8601.ParseScenario(p.CreateDate, now);
        var policy = new RamPolicy
        {
            Name = p.PolicyName, Type = type, Description = p.Description,
            CreateDate = created, UpdateDate = Iso8601.ParseScenario(p.UpdateDate, created),
        };
        if (p.Versions.Count is 0 or > MaxVersions) throw new ScenarioException($"ram.json: {p.PolicyName} must have 1 to {MaxVersions} versions.");
        if (p.Versions.Count(v => v.IsDefaultVersion) != 1) throw new ScenarioException($"ram.json: {p.PolicyName} must have exactly one default version.");
        foreach (var v in p.Versions)
        {
            if (!ValidVersionId(v.VersionId) || policy.Versions.Any(x => x.VersionId == v.VersionId))
                throw new ScenarioException($"ram.json: {p.PolicyName}: bad or duplicate version id '{v.VersionId}'.");
            var document = SandboxJson.AsDocumentString(v.PolicyDocument);
            if (document.Length is 0 or > MaxDocumentLength)
                throw new ScenarioException($"ram.json: {p.PolicyName} {v.VersionId}: document length {document.Length} is outside 1..{MaxDocumentLength}.");
            policy.Versions.Add(new RamPolicyVersion
            {
                VersionId = v.VersionId, Document = document, IsDefault = v.IsDefaultVersion,
                CreateDate = Iso8601.ParseScenario(v.CreateDate, created),
            });
        }
        var highest = policy.Versions.Max(v => int.Parse(v.VersionId[1..], System.Globalization.CultureInfo.InvariantCulture));
        policy.LastVersionNumber = Math.Max(highest, p.LastVersionNumber ?? 0);
        return policy;
    }

    [GeneratedRegex("^[A-Za-z0-9.-]+$")] private static partial Regex RoleNameChars();
    [GeneratedRegex("^[A-Za-z0-9-]+$")] private static partial Regex PolicyNameChars();
    [GeneratedRegex("^v[1-9][0-9]*$")] private static partial Regex VersionIdFormat();
}
