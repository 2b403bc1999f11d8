using System.Management.Automation;
using AckHardening.Core.Errors;
using AckHardening.Core.Policy;
using AckHardening.Policy;

namespace AckHardening.PowerShell.Commands;

/// <summary>A policy document taken from whatever the user passed, with what is known about where it came from.</summary>
internal sealed record BoundPolicyDocument(PolicyDocument Document, string Origin, string? ClusterId, string? RoleName, string? PolicyName, PolicyDocument? Baseline);

/// <summary>
/// Turns the inputs the analysis cmdlets accept as a document — JSON text, a PolicyDocument, a policy from
/// Get-AckWorkerRolePolicy, a proposal from Get-AckPolicyRecommendation (live or read back with Import-Clixml),
/// or a backup file — into a parsed document. A document that does not parse is AckPolicyInvalid with the path.
/// </summary>
internal static class PolicyDocumentBinding
{
    public static BoundPolicyDocument Resolve(object? input, string what)
    {
        var value = input is PSObject pso ? pso.BaseObject : input;
        switch (value)
        {
            case null:
                throw Invalid(what, "no document was given");
            case PolicyDocument d:
                return new(d, "document", null, null, null, null);
            case AckPolicyRecommendation r:
                return new(r.ProposedDocument, $"the proposal for policy {r.PolicyName}", r.ClusterId, r.RoleName, r.PolicyName, r.CurrentDocument);
            case AckWorkerRolePolicy p:
                return new(p.Document ?? Parse(p.DocumentJson, $"The document of policy {p.PolicyName}"), $"policy {p.PolicyName}", p.ClusterId, p.RoleName, p.PolicyName, null);
            case string json:
                return new(Parse(json, what), "JSON text", null, null, null, null);
        }

        // Objects read back with Import-Clixml (Deserialized.AckHardening.Policy.*) keep their properties, not their type.
        if (input is PSObject bag)
        {
            string? Text(string name) => bag.Properties[name]?.Value?.ToString();
            if (Text("ProposedDocumentJson") is { } proposed)
            {
                var name = Text("PolicyName");
                return new(Parse(proposed, $"The proposal for policy {name}"), $"the proposal for policy {name}", Text("ClusterId"), Text("RoleName"), name, null);
            }
            if (Text("DocumentJson") is { } current)
            {
                var name = Text("PolicyName");
                return new(Parse(current, $"The document of policy {name}"), $"policy {name}", Text("ClusterId"), Text("RoleName"), name, null);
            }
        }
        throw new AckException("AckInvalidArgument", AckErrorKind.InvalidArgument,
            $"{what} must be JSON text, a PolicyDocument, an AckWorkerRolePolicy or an AckPolicyRecommendation, not {value.GetType().FullName}.", value);
    }

    /// <summary>Reads the default version's document of a backup written by Backup-AckWorkerRolePolicy.</summary>
    public static BoundPolicyDocument FromBackupFile(string path)
    {
        var backup = PolicyBackupStore.Read(path);
        var version = backup.Default
            ?? throw new AckException(PolicyErrorIds.BackupInvalid, AckErrorKind.InvalidData, $"The policy backup '{backup.Path}' names no default version.", backup.Path);
        var document = version.Document ?? Parse(version.DocumentText, $"Version {version.VersionId} in the backup '{backup.Path}'");
        return new(document, $"backup {Path.GetFileName(backup.Path)} ({backup.PolicyName} {version.VersionId})", backup.ClusterId, backup.RoleName, backup.PolicyName, null);
    }

    /// <summary>Parses JSON text; a failure is AckPolicyInvalid naming where the text is wrong.</summary>
    public static PolicyDocument Parse(string? json, string what)
    {
        if (PolicyDocument.TryParse(json ?? "", out var document, out _)) return document!;
        var findings = PolicyValidator.Validate(json ?? "");
        throw new AckException(PolicyErrorIds.Invalid, AckErrorKind.InvalidData,
            $"{what} is not a valid policy document: " + string.Join("; ", findings.Select(f => $"{f.Path}: {f.Message}")), findings)
        {
            RecommendedAction = "Fix the JSON at the place named in the message and try again.",
        };
    }

    /// <summary>Refuses a document RAM would refuse (bad shape, over 6,144 bytes), listing every error with its path.</summary>
    public static void EnsureValid(BoundPolicyDocument bound) =>
        PolicyValidator.EnsureValid(bound.Document, char.ToUpperInvariant(bound.Origin[0]) + bound.Origin[1..]);

    private static AckException Invalid(string what, string why) =>
        new(PolicyErrorIds.Invalid, AckErrorKind.InvalidData, $"{what} is not a valid policy document: {why}.");
}
