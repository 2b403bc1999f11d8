using System.Globalization;
using AckHardening.Core.Errors;
using AckHardening.Policy;

namespace AckHardening.Core.Policy;

/// <summary>Shared planning steps: reusing an identical version, freeing a version slot, creating a version.</summary>
internal static class PolicyVersionSlots
{
    /// <summary>An existing version whose document means the same as <paramref name="document"/>, preferring <paramref name="preferredId"/>.</summary>
    public static PolicyVersionSnapshot? FindEquivalent(PolicyState state, PolicyDocument document, string? preferredId = null)
    {
        bool Same(PolicyVersionSnapshot v) => v.Document is { } d && PolicyCanonicalJson.AreEquivalent(d, document);
        return (preferredId is null ? null : state.Versions.FirstOrDefault(v => string.Equals(v.VersionId, preferredId, StringComparison.OrdinalIgnoreCase) && Same(v)))
            ?? state.Versions.FirstOrDefault(Same);
    }

    /// <summary>Steps that make <paramref name="document"/> the default: reuse an identical version, else (free a slot and) create one.</summary>
    public static List<AckPolicyChangeStep> MakeDefault(PolicyState state, PolicyDocument document, ISet<string> backedUp, int maxVersions, string what, string? preferredId = null)
    {
        var steps = new List<AckPolicyChangeStep>();
        if (FindEquivalent(state, document, preferredId) is { } existing)
        {
            if (!existing.IsDefault)
                steps.Add(new AckPolicyChangeStep
                {
                    Operation = PolicyOperation.SetDefaultPolicyVersion, PolicyName = state.PolicyName, PolicyType = state.PolicyType, VersionId = existing.VersionId,
                    Description = $"Make version {existing.VersionId} (which already holds {what}) the default version of policy {state.PolicyName}.",
                });
            return steps;
        }

        if (state.Versions.Count >= maxVersions)
        {
            var victim = state.Versions.Where(v => !v.IsDefault && backedUp.Contains(v.VersionId))
                .OrderBy(v => v.CreateDate ?? DateTimeOffset.MinValue).ThenBy(v => v.VersionNumber).FirstOrDefault();
            if (victim is null)
            {
                var unsaved = state.Versions.Where(v => !v.IsDefault).Select(v => v.VersionId);
                throw new AckException(PolicyErrorIds.VersionLimit, AckErrorKind.LimitsExceeded,
                    $"Policy {state.PolicyName} has {state.Versions.Count} versions (RAM allows {maxVersions}) and none of its non-default versions ({string.Join(", ", unsaved)}) is in the backup, so none can be deleted safely.",
                    state.PolicyName)
                { RecommendedAction = "Take a new backup of the policy (it records every version), then try again." };
            }
            var created = victim.CreateDate is { } c ? ", created " + c.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "";
            steps.Add(new AckPolicyChangeStep
            {
                Operation = PolicyOperation.DeletePolicyVersion, PolicyName = state.PolicyName, PolicyType = state.PolicyType, VersionId = victim.VersionId,
                Description = $"Delete version {victim.VersionId} of policy {state.PolicyName} (the oldest non-default version{created}; it is in the backup) to stay within {maxVersions} versions.",
            });
        }

        var json = document.ToJson();
        steps.Add(new AckPolicyChangeStep
        {
            Operation = PolicyOperation.CreatePolicyVersion, PolicyName = state.PolicyName, PolicyType = state.PolicyType, SetAsDefault = true, PolicyDocument = json,
            Description = $"Create a new version of policy {state.PolicyName} with {what} ({CountActions(document)} action entries, {document.MinifiedByteLength} bytes) and make it the default.",
        });
        return steps;
    }

    public static AckPolicyChangeStep[] Number(IEnumerable<AckPolicyChangeStep> steps) =>
        steps.Select((s, i) => new AckPolicyChangeStep
        {
            Order = i + 1, Operation = s.Operation, PolicyName = s.PolicyName, PolicyType = s.PolicyType, RoleName = s.RoleName, VersionId = s.VersionId,
            SetAsDefault = s.SetAsDefault, PolicyDocument = s.PolicyDocument, Description = s.Description,
        }).ToArray();

    public static string Summarize(string verb, string policyName, AckPolicyChangeStep[] steps, string noOp) =>
        steps.Length == 0 ? noOp
        : $"{verb} policy {policyName}: " + string.Join(", ", steps.Select(s => s.Operation + (s.VersionId is null ? "" : " " + s.VersionId) + (s.SetAsDefault == true ? " (default)" : "")));

    public static void RequireCustom(string policyName, string policyType)
    {
        if (!string.Equals(policyType, "Custom", StringComparison.OrdinalIgnoreCase))
            throw new AckException(PolicyErrorIds.NotCustom, AckErrorKind.InvalidOperation,
                $"Policy {policyName} is a {policyType} policy; only Custom policies have versions that can be changed.", policyName)
            { RecommendedAction = "Replace the system policy by a custom one holding the actions the role needs, then detach the system policy." };
    }

    private static int CountActions(PolicyDocument d) => d.Statements.Sum(s => (s.Action?.Count ?? 0) + (s.NotAction?.Count ?? 0));
}
