using AckHardening.Policy;

namespace AckHardening.Core.Policy;

/// <summary>The outcome of evaluating one request; indexes name the deciding statement (-1 when none).</summary>
public sealed record PolicyEvaluation(PolicyAccessDecision Decision, int StatementIndex, int DocumentIndex, string Reason)
{
    /// <summary>Allowed, possibly subject to a condition: the policy does not definitely refuse.</summary>
    public bool MayBeAllowed => Decision is PolicyAccessDecision.Allowed or PolicyAccessDecision.AllowedWithCondition;
}

/// <summary>
/// Offline evaluation of RAM identity policies: explicit Deny wins over Allow, anything not allowed is implicitly
/// denied, wildcards * and ? match actions case-insensitively. A Condition cannot be decided without the request's
/// context, and a scoped Resource cannot be decided when the request names no resource: such statements make the
/// answer AllowedWithCondition instead of pretending either way.
/// </summary>
public static class PolicyEvaluator
{
    private enum Match { No, Maybe, Yes }

    public static PolicyEvaluation Evaluate(PolicyDocument document, string action, string? resource = null) =>
        Evaluate(new[] { document }, action, resource);

    /// <summary>Evaluates the union of several documents (all policies attached to a role).</summary>
    public static PolicyEvaluation Evaluate(IReadOnlyList<PolicyDocument> documents, string action, string? resource = null)
    {
        ArgumentNullException.ThrowIfNull(documents);
        if (string.IsNullOrWhiteSpace(action)) throw new ArgumentException("An action is required.", nameof(action));

        (int Doc, int St)? allowYes = null, allowMaybe = null, denyMaybe = null;
        string? allowMaybeWhy = null, denyMaybeWhy = null;
        for (var d = 0; d < documents.Count; d++)
        {
            var statements = documents[d].Statements;
            for (var i = 0; i < statements.Count; i++)
            {
                var s = statements[i];
                if (!s.IsAllow && !s.IsDeny) continue;
                var m = MatchStatement(s, action, resource, out var why);
                if (m == Match.No) continue;
                if (s.IsDeny)
                {
                    if (m == Match.Yes)
                        return new(PolicyAccessDecision.Denied, i, d, $"Explicitly denied by {Name(documents, d, i)}.");
                    if (denyMaybe is null) { denyMaybe = (d, i); denyMaybeWhy = why; }
                }
                else if (m == Match.Yes) allowYes ??= (d, i);
                else if (allowMaybe is null) { allowMaybe = (d, i); allowMaybeWhy = why; }
            }
        }

        if (allowYes is { } y)
        {
            if (denyMaybe is { } dm)
                return new(PolicyAccessDecision.AllowedWithCondition, y.St, y.Doc,
                    $"Allowed by {Name(documents, y.Doc, y.St)}, but the Deny in {Name(documents, dm.Doc, dm.St)} may apply ({denyMaybeWhy}).");
            return new(PolicyAccessDecision.Allowed, y.St, y.Doc, $"Allowed by {Name(documents, y.Doc, y.St)}.");
        }
        if (allowMaybe is { } am)
            return new(PolicyAccessDecision.AllowedWithCondition, am.St, am.Doc, $"Allowed by {Name(documents, am.Doc, am.St)} only if {allowMaybeWhy}.");
        return new(PolicyAccessDecision.ImplicitDeny, -1, -1, "No statement allows the action.");
    }

    /// <summary>Does the statement's Action/NotAction cover the action (ignoring resource and condition)?</summary>
    public static bool CoversAction(PolicyStatement s, string action)
    {
        if (s.Action is not null) return s.Action.Any(p => WildcardPattern.IsActionMatch(p, action));
        if (s.NotAction is not null) return !s.NotAction.Any(p => WildcardPattern.IsActionMatch(p, action));
        return false;
    }

    private static Match MatchStatement(PolicyStatement s, string action, string? resource, out string? why)
    {
        why = null;
        if (!CoversAction(s, action)) return Match.No;

        var result = Match.Yes;
        if (resource is not null)
        {
            if (s.Resource is not null && !s.Resource.Any(p => WildcardPattern.IsMatch(p, resource, ignoreCase: false))) return Match.No;
            if (s.NotResource is not null && s.NotResource.Any(p => WildcardPattern.IsMatch(p, resource, ignoreCase: false))) return Match.No;
        }
        else
        {
            var scoped = s.Resource is not null ? !s.Resource.Contains("*") : s.NotResource is { Count: > 0 };
            if (scoped) { result = Match.Maybe; why = "the request is on a resource the statement names"; }
        }
        if (s.Condition is not null)
        {
            result = Match.Maybe;
            why = why is null ? "its Condition holds" : why + " and its Condition holds";
        }
        return result;
    }

    private static string Name(IReadOnlyList<PolicyDocument> docs, int d, int i) =>
        docs.Count > 1 ? $"document {d} Statement[{i}]" : $"Statement[{i}]";
}
