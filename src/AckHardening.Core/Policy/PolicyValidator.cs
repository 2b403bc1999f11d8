using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AckHardening.Core.Errors;
using AckHardening.Policy;

namespace AckHardening.Core.Policy;

/// <summary>
/// Checks a document against RAM's policy language and limits before any call, so that a bad document is refused
/// here with a path to the problem instead of a bare MalformedPolicyDocument from the service.
/// </summary>
public static partial class PolicyValidator
{
    // <ram-code>:<action-name>; both parts may carry wildcards. RAM codes are like "ecs", "log", "cr", "alikafka".
    [GeneratedRegex(@"^[A-Za-z0-9*?\-]+:[A-Za-z0-9*?_.\-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex ActionFormat();

    private static readonly HashSet<string> KnownStatementFields = new(StringComparer.Ordinal) { "Sid" };

    /// <summary>Parses and validates; a parse failure becomes a single Error finding at "$".</summary>
    public static IReadOnlyList<AckPolicyValidationFinding> Validate(string json)
    {
        if (!PolicyDocument.TryParse(json, out var doc, out var error))
            return new[] { Error("Malformed", "$", error!) };
        return Validate(doc!);
    }

    public static IReadOnlyList<AckPolicyValidationFinding> Validate(PolicyDocument document)
    {
        var findings = new List<AckPolicyValidationFinding>();

        if (document.Version is null)
            findings.Add(Error("VersionMissing", "Version", "Version is missing; RAM requires \"Version\": \"1\"."));
        else if (document.VersionWasNonString || document.Version != PolicyLimits.PolicyLanguageVersion)
            findings.Add(Error("VersionInvalid", "Version", $"Version is {(document.VersionWasNonString ? document.Version : "\"" + document.Version + "\"")}; the only valid value is the string \"1\"."));

        foreach (var name in document.ExtraFields.Keys)
            findings.Add(Warning("UnknownField", name, $"Top-level field '{name}' is not part of the RAM policy language; it is kept as written."));

        if (document.Statements.Count == 0)
            findings.Add(Error("StatementMissing", "Statement", "The document has no statement."));

        for (var i = 0; i < document.Statements.Count; i++)
        {
            var path = document.StatementWasObject && document.Statements.Count == 1 ? "Statement" : $"Statement[{i}]";
            ValidateStatement(document.Statements[i], path, findings);
        }

        var bytes = document.MinifiedByteLength;
        if (bytes > PolicyLimits.MaxDocumentBytes)
            findings.Add(Error("DocumentTooLarge", "$", $"The minified document is {bytes} bytes (UTF-8); RAM accepts at most {PolicyLimits.MaxDocumentBytes}."));

        return findings;
    }

    private static void ValidateStatement(PolicyStatement s, string path, List<AckPolicyValidationFinding> findings)
    {
        if (s.Effect is null)
            findings.Add(Error("EffectMissing", path + ".Effect", "Effect is missing; use \"Allow\" or \"Deny\"."));
        else if (!s.IsAllow && !s.IsDeny)
            findings.Add(Error("EffectInvalid", path + ".Effect", $"Effect \"{s.Effect}\" is not \"Allow\" or \"Deny\"."));
        else if (s.Effect is not ("Allow" or "Deny"))
            findings.Add(Warning("EffectCase", path + ".Effect", $"Effect \"{s.Effect}\" is not spelled \"Allow\" or \"Deny\"."));

        if (s.Action is not null && s.NotAction is not null)
            findings.Add(Error("ActionAndNotAction", path, "A statement must have Action or NotAction, not both."));
        else if (s.Action is null && s.NotAction is null)
            findings.Add(Error("ActionMissing", path, "A statement must have Action or NotAction."));
        CheckActions(s.Action, s.ActionWasString, path + ".Action", findings);
        CheckActions(s.NotAction, s.NotActionWasString, path + ".NotAction", findings);

        if (s.Resource is not null && s.NotResource is not null)
            findings.Add(Error("ResourceAndNotResource", path, "A statement must have Resource or NotResource, not both."));
        else if (s.Resource is null && s.NotResource is null)
            findings.Add(Error("ResourceMissing", path, "Resource is missing; use \"*\" or resource ARNs (acs:<service>:<region>:<account>:<relative-id>)."));
        CheckResources(s.Resource, s.ResourceWasString, path + ".Resource", findings);
        CheckResources(s.NotResource, s.NotResourceWasString, path + ".NotResource", findings);
        if (s.NotResource is not null)
            findings.Add(Warning("NotResource", path + ".NotResource", "NotResource is not documented for RAM identity policies; prefer Resource."));

        if (s.Condition is not null) CheckCondition(s.Condition, path + ".Condition", findings);

        foreach (var name in s.ExtraFields.Keys)
        {
            if (name == "Principal")
                findings.Add(Warning("Principal", path + ".Principal", "Principal belongs in trust or resource policies, not in a policy attached to a role."));
            else if (!KnownStatementFields.Contains(name))
                findings.Add(Warning("UnknownField", path + "." + name, $"Statement field '{name}' is not part of the RAM policy language; it is kept as written."));
        }
    }

    private static void CheckActions(List<string>? actions, bool wasString, string path, List<AckPolicyValidationFinding> findings)
    {
        if (actions is null) return;
        if (actions.Count == 0) { findings.Add(Error("ActionEmpty", path, "The action list is empty.")); return; }
        for (var i = 0; i < actions.Count; i++)
        {
            var a = actions[i];
            var itemPath = wasString ? path : $"{path}[{i}]";
            if (a == "*") continue;
            if (!ActionFormat().IsMatch(a))
                findings.Add(Error("ActionFormat", itemPath, $"\"{a}\" is not an action of the form <ram-code>:<action-name> (wildcards * and ? allowed), e.g. \"ecs:DescribeInstances\"."));
        }
        var dupes = actions.GroupBy(a => a, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        foreach (var d in dupes)
            findings.Add(Warning("ActionDuplicate", path, $"\"{d}\" is listed more than once (action names are case-insensitive)."));
    }

    private static void CheckResources(List<string>? resources, bool wasString, string path, List<AckPolicyValidationFinding> findings)
    {
        if (resources is null) return;
        if (resources.Count == 0) { findings.Add(Error("ResourceEmpty", path, "The resource list is empty.")); return; }
        for (var i = 0; i < resources.Count; i++)
        {
            var r = resources[i];
            var itemPath = wasString ? path : $"{path}[{i}]";
            if (r == "*") continue;
            if (!r.StartsWith("acs:", StringComparison.Ordinal) || r.Count(c => c == ':') < 4)
                findings.Add(Error("ResourceFormat", itemPath, $"\"{r}\" is not \"*\" or a resource ARN of the form acs:<service>:<region>:<account>:<relative-id>."));
        }
    }

    private static void CheckCondition(JsonNode condition, string path, List<AckPolicyValidationFinding> findings)
    {
        if (condition is not JsonObject ops)
        {
            findings.Add(Error("ConditionFormat", path, "Condition must be an object: { \"<Operator>\": { \"<Key>\": <value or values> } }."));
            return;
        }
        foreach (var (op, keys) in ops)
        {
            if (keys is not JsonObject keyObj || keyObj.Count == 0)
                findings.Add(Error("ConditionFormat", $"{path}.{op}", $"Condition operator '{op}' must map condition keys to values."));
        }
    }

    /// <summary>Throws <see cref="AckException"/> (AckPolicyInvalid) listing every Error finding; warnings pass.</summary>
    public static void EnsureValid(PolicyDocument document, string? what = null)
    {
        var errors = Validate(document).Where(f => f.Severity == PolicyFindingSeverity.Error).ToList();
        if (errors.Count == 0) return;
        var subject = what ?? "The policy document";
        throw new AckException(PolicyErrorIds.Invalid, AckErrorKind.InvalidData,
            $"{subject} is not valid: " + string.Join("; ", errors.Select(e => $"{e.Path}: {e.Message}")), errors)
        {
            RecommendedAction = "Fix the elements named in the message and try again.",
        };
    }

    private static AckPolicyValidationFinding Error(string code, string path, string message) =>
        new() { Severity = PolicyFindingSeverity.Error, Code = code, Path = path, Message = message };

    private static AckPolicyValidationFinding Warning(string code, string path, string message) =>
        new() { Severity = PolicyFindingSeverity.Warning, Code = code, Path = path, Message = message };
}
