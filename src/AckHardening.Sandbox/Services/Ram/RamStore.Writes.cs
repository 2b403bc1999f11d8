using System.Text.Json;
using System.Text.Json.Nodes;
using AckHardening.Sandbox.Pipeline;

namespace AckHardening.Sandbox.Services.Ram;

/// <summary>
/// The write side of the RAM store: creating policies, rotating versions, attaching and detaching. Callers hold
/// <see cref="Gate"/>. Error codes follow the RAM error list; the few the reference marks unverified say so.
/// </summary>
public sealed partial class RamStore
{
    /// <summary>Custom policies a role may have attached (current limits page: 10, adjustable by quota).</summary>
    public const int MaxCustomPoliciesPerRole = 10;
    /// <summary>System policies a role may have attached.</summary>
    public const int MaxSystemPoliciesPerRole = 20;

    public RamPolicy CreatePolicy(string name, string document, string description, DateTimeOffset now)
    {
        CheckDocument(document);
        if (FindPolicy("Custom", name) is not null || FindPolicy("System", name) is not null)
            throw new ApiException(409, "EntityAlreadyExists.Policy", $"The policy already exists: {name}.");
        var policy = new RamPolicy { Name = name, Type = "Custom", Description = description, CreateDate = now, UpdateDate = now, LastVersionNumber = 1 };
        policy.Versions.Add(new RamPolicyVersion { VersionId = "v1", Document = document, CreateDate = now, IsDefault = true });
        _policies.Add(PolicyKey("Custom", name), policy);
        return policy;
    }

    /// <summary>
    /// CreatePolicyVersion. With <paramref name="rotate"/> the oldest non-default version makes room when five exist;
    /// without it a full list is refused with LimitExceeded.Policy.Version.
    /// </summary>
    public RamPolicyVersion CreateVersion(RamPolicy policy, string document, bool setAsDefault, bool rotate, DateTimeOffset now)
    {
        CheckDocument(document);
        if (rotate && policy.Versions.Count >= MaxVersions)
        {
            var oldest = policy.Versions.Where(v => !v.IsDefault)
                .OrderBy(v => v.CreateDate).ThenBy(v => int.Parse(v.VersionId[1..], System.Globalization.CultureInfo.InvariantCulture)).First();
            policy.Versions.Remove(oldest);
        }
        return AddVersion(policy, document, setAsDefault, now);
    }

    public void Attach(RamRole role, RamPolicy policy, DateTimeOffset now)
    {
        if (_attachments.Any(a => SameAttachment(a, role.Name, policy)))
            // Not in the reference's error list for roles (only the User/Group variants); named by analogy (unverified).
            throw new ApiException(409, "EntityAlreadyExists.Role.Policy", $"The policy {policy.Name} is already attached to the role {role.Name}.");
        var sameType = PoliciesForRole(role.Name).Count(p => p.Policy.Type == policy.Type);
        var limit = policy.Type == "Custom" ? MaxCustomPoliciesPerRole : MaxSystemPoliciesPerRole;
        if (sameType >= limit)
            throw new ApiException(409, "LimitExceeded.Role.Policy", $"The role {role.Name} already has {sameType} {policy.Type} policies attached (limit {limit}).");
        _attachments.Add(new RamAttachment(role.Name, policy.Name, policy.Type, now));
    }

    public void Detach(RamRole role, RamPolicy policy)
    {
        var index = _attachments.FindIndex(a => SameAttachment(a, role.Name, policy));
        // Code by analogy with EntityNotExist.Role / EntityNotExist.Policy (unverified).
        if (index < 0) throw new ApiException(404, "EntityNotExist.Role.Policy", $"The policy {policy.Name} is not attached to the role {role.Name}.");
        _attachments.RemoveAt(index);
    }

    /// <summary>The roles a policy is attached to, in attachment order.</summary>
    public IReadOnlyList<(RamAttachment Attachment, RamRole Role)> RolesForPolicy(RamPolicy policy) =>
        _attachments.Where(a => a.PolicyType == policy.Type && string.Equals(a.PolicyName, policy.Name, StringComparison.OrdinalIgnoreCase))
            .Select(a => (a, FindRole(a.RoleName)!)).ToList();

    private static bool SameAttachment(RamAttachment a, string roleName, RamPolicy policy) =>
        string.Equals(a.RoleName, roleName, StringComparison.OrdinalIgnoreCase) && a.PolicyType == policy.Type
        && string.Equals(a.PolicyName, policy.Name, StringComparison.OrdinalIgnoreCase);

    /// <summary>Length (characters, as RAM's message says) and the policy grammar RAM refuses with MalformedPolicyDocument.</summary>
    public static void CheckDocument(string document)
    {
        CheckDocumentLength(document);
        if (DocumentProblem(document) is { } problem) throw new ApiException(400, "MalformedPolicyDocument", "The policy document is malformed: " + problem);
    }

    private static string? DocumentProblem(string document)
    {
        JsonNode? root;
        try { root = JsonNode.Parse(document); }
        catch (JsonException e) { return "it is not valid JSON (" + e.Message + ")."; }
        if (root is not JsonObject doc) return "it is not a JSON object.";
        if (doc["Version"] is not JsonValue version || !version.TryGetValue<string>(out var v) || v != "1") return "Version must be \"1\".";
        var statements = doc["Statement"] switch
        {
            JsonArray a => a.ToList(),
            JsonObject o => new List<JsonNode?> { o },
            _ => null,
        };
        if (statements is null || statements.Count == 0) return "Statement is missing or empty.";
        for (var i = 0; i < statements.Count; i++)
        {
            if (statements[i] is not JsonObject s) return $"Statement[{i}] is not an object.";
            if (s["Effect"] is not JsonValue e || !e.TryGetValue<string>(out var effect)
                || !(effect.Equals("Allow", StringComparison.OrdinalIgnoreCase) || effect.Equals("Deny", StringComparison.OrdinalIgnoreCase)))
                return $"Statement[{i}].Effect must be Allow or Deny.";
            var hasAction = s.ContainsKey("Action");
            if (hasAction == s.ContainsKey("NotAction")) return $"Statement[{i}] must have exactly one of Action and NotAction.";
            if (Strings(s[hasAction ? "Action" : "NotAction"]) is not { Count: > 0 } actions) return $"Statement[{i}] has an empty or non-string action list.";
            if (actions.FirstOrDefault(a => a != "*" && (a.Count(c => c == ':') != 1 || a.StartsWith(':') || a.EndsWith(':'))) is { } bad)
                return $"Statement[{i}]: action \"{bad}\" is not of the form <service>:<action>.";
            if (Strings(s["Resource"]) is not { Count: > 0 }) return $"Statement[{i}].Resource is missing or empty.";
        }
        return null;
    }

    private static List<string>? Strings(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => new List<string> { s },
        JsonArray a when a.All(x => x is JsonValue xv && xv.TryGetValue<string>(out _)) => a.Select(x => x!.GetValue<string>()).ToList(),
        _ => null,
    };
}
