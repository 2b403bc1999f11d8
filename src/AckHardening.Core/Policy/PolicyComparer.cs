using AckHardening.Policy;

namespace AckHardening.Core.Policy;

/// <summary>The differences between a reference and a difference document.</summary>
public sealed class PolicyComparison
{
    public IReadOnlyList<AckPolicyDifference> Differences { get; init; } = Array.Empty<AckPolicyDifference>();
    /// <summary>Action patterns granted (Allow, Action lists) by the difference document and not by the reference.</summary>
    public IReadOnlyList<string> ActionsAdded { get; init; } = Array.Empty<string>();
    /// <summary>Action patterns granted by the reference and not by the difference document.</summary>
    public IReadOnlyList<string> ActionsRemoved { get; init; } = Array.Empty<string>();
    /// <summary>Same grants and denies (statement order, layout and action case ignored).</summary>
    public bool AreEquivalent { get; init; }
}

/// <summary>
/// Compares two documents statement by statement. Statements are paired first by Sid, then by what they apply to
/// (Effect, Resource, NotResource, Condition; most shared actions first), then by position (unlabelled statements
/// only); the rest are whole statements added or removed.
/// </summary>
public static class PolicyComparer
{
    private const string Removed = "<=", Added = "=>", Changed = "<>", Equal = "==";

    public static PolicyComparison Compare(PolicyDocument reference, PolicyDocument difference, string? policyName = null) =>
        Compare(reference, difference, policyName, includeEqual: false);

    /// <summary>With <paramref name="includeEqual"/>, paired statements also list the entries both sides share ("==").</summary>
    public static PolicyComparison Compare(PolicyDocument reference, PolicyDocument difference, string? policyName, bool includeEqual)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(difference);
        var diffs = new List<AckPolicyDifference>();

        if (!string.Equals(reference.Version, difference.Version, StringComparison.Ordinal))
            diffs.Add(new AckPolicyDifference { SideIndicator = Changed, Change = PolicyChangeKind.Changed, Element = "Version", ReferenceValue = reference.Version, DifferenceValue = difference.Version });

        foreach (var (r, d) in Pair(reference.Statements, difference.Statements))
        {
            if (r is null) diffs.AddRange(WholeStatement(difference.Statements[d!.Value], d.Value, Added));
            else if (d is null) diffs.AddRange(WholeStatement(reference.Statements[r.Value], r.Value, Removed));
            else diffs.AddRange(CompareStatements(reference.Statements[r.Value], r.Value, difference.Statements[d.Value], d.Value, includeEqual));
        }

        foreach (var d in diffs) d.PolicyName = policyName;
        var before = AllowedPatterns(reference);
        var after = AllowedPatterns(difference);
        return new PolicyComparison
        {
            Differences = diffs,
            ActionsAdded = after.Where(a => !before.Contains(a)).OrderBy(a => a, StringComparer.OrdinalIgnoreCase).ToList(),
            ActionsRemoved = before.Where(a => !after.Contains(a)).OrderBy(a => a, StringComparer.OrdinalIgnoreCase).ToList(),
            AreEquivalent = PolicyCanonicalJson.AreEquivalent(reference, difference),
        };
    }

    // Pairs (reference index, difference index); a null side means the statement exists only on the other side.
    private static List<(int? Ref, int? Diff)> Pair(List<PolicyStatement> a, List<PolicyStatement> b)
    {
        var pairs = new List<(int? Ref, int? Diff)>();
        var freeA = Enumerable.Range(0, a.Count).ToList();
        var freeB = Enumerable.Range(0, b.Count).ToList();

        void Match(Func<int, int, bool> same)
        {
            foreach (var i in freeA.ToList())
            {
                var j = freeB.FirstOrDefault(j => same(i, j), -1);
                if (j < 0) continue;
                pairs.Add((i, j));
                freeA.Remove(i);
                freeB.Remove(j);
            }
        }

        Match((i, j) => a[i].Sid is { } sid && sid == b[j].Sid);
        // Among unlabelled statements of the same scope, the pairs that share the most actions go first: a proposal
        // that drops one statement and keeps the next must not show the kept one as removed and added again.
        var sameScope = (from i in freeA
                         from j in freeB
                         where a[i].Sid is null && b[j].Sid is null && Scope(a[i]) == Scope(b[j]) && ActionKind(a[i]) == ActionKind(b[j])
                         select (i, j, Overlap(a[i], b[j]))).OrderByDescending(p => p.Item3).ThenBy(p => p.i).ThenBy(p => p.j).ToList();
        foreach (var (i, j, _) in sameScope)
        {
            if (!freeA.Contains(i) || !freeB.Contains(j)) continue;
            pairs.Add((i, j));
            freeA.Remove(i);
            freeB.Remove(j);
        }
        Match((i, j) => i == j && a[i].Sid is null && b[j].Sid is null);
        pairs.AddRange(freeA.Select(i => ((int?)i, (int?)null)));
        pairs.AddRange(freeB.Select(j => ((int?)null, (int?)j)));
        return pairs.OrderBy(p => p.Ref ?? int.MaxValue).ThenBy(p => p.Diff ?? int.MaxValue).ToList();
    }

    private static string Scope(PolicyStatement s)
    {
        var probe = new PolicyStatement { Effect = s.Effect?.ToLowerInvariant(), Resource = s.Resource, NotResource = s.NotResource, Condition = s.Condition };
        return PolicyCanonicalJson.StatementKey(probe);
    }

    // Entries of one statement that the other has, or that a wildcard on either side covers (log:* vs log:GetProject).
    private static int Overlap(PolicyStatement r, PolicyStatement d)
    {
        var left = r.Action ?? r.NotAction ?? new();
        var right = d.Action ?? d.NotAction ?? new();
        return left.Count(x => right.Any(y => WildcardPattern.IsActionMatch(x, y) || WildcardPattern.IsActionMatch(y, x)));
    }

    private static string ActionKind(PolicyStatement s) => s.NotAction is not null ? "NotAction" : "Action";

    private static IEnumerable<AckPolicyDifference> WholeStatement(PolicyStatement s, int index, string side)
    {
        var added = side == Added;
        foreach (var (element, values) in new[] { ("Action", s.Action), ("NotAction", s.NotAction) })
        {
            foreach (var v in values ?? new())
                yield return new AckPolicyDifference
                {
                    SideIndicator = side, Change = added ? PolicyChangeKind.Added : PolicyChangeKind.Removed, Element = element, Action = v,
                    Effect = s.Effect, Sid = s.Sid, StatementIndex = added ? -1 : index, DifferenceStatementIndex = added ? index : -1,
                };
        }
        yield return new AckPolicyDifference
        {
            SideIndicator = side, Change = added ? PolicyChangeKind.Added : PolicyChangeKind.Removed, Element = "Statement",
            Effect = s.Effect, Sid = s.Sid, StatementIndex = added ? -1 : index, DifferenceStatementIndex = added ? index : -1,
            ReferenceValue = added ? null : s.ToJsonNode().ToJsonString(), DifferenceValue = added ? s.ToJsonNode().ToJsonString() : null,
        };
    }

    private static IEnumerable<AckPolicyDifference> CompareStatements(PolicyStatement r, int ri, PolicyStatement d, int di, bool includeEqual)
    {
        AckPolicyDifference Make(string side, PolicyChangeKind change, string element, string? value, string? refValue = null, string? diffValue = null) => new()
        {
            SideIndicator = side, Change = change, Element = element, Action = value, Effect = d.Effect ?? r.Effect, Sid = d.Sid ?? r.Sid,
            StatementIndex = ri, DifferenceStatementIndex = di, ReferenceValue = refValue, DifferenceValue = diffValue,
        };

        if (!string.Equals(r.Effect, d.Effect, StringComparison.Ordinal))
            yield return Make(Changed, PolicyChangeKind.Changed, "Effect", null, r.Effect, d.Effect);

        foreach (var (element, left, right, ignoreCase) in new[]
        {
            ("Action", r.Action, d.Action, true), ("NotAction", r.NotAction, d.NotAction, true),
            ("Resource", r.Resource, d.Resource, false), ("NotResource", r.NotResource, d.NotResource, false),
        })
        {
            var cmp = ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
            var l = left ?? new();
            var rr = right ?? new();
            foreach (var v in l.Where(v => !rr.Contains(v, cmp)).Distinct(cmp))
                yield return Make(Removed, PolicyChangeKind.Removed, element, v);
            foreach (var v in rr.Where(v => !l.Contains(v, cmp)).Distinct(cmp))
                yield return Make(Added, PolicyChangeKind.Added, element, v);
            if (includeEqual)
                foreach (var v in l.Where(v => rr.Contains(v, cmp)).Distinct(cmp))
                    yield return Make(Equal, PolicyChangeKind.Unchanged, element, v);
        }

        var rc = r.Condition is null ? null : PolicyCanonicalJson.Serialize(r.Condition);
        var dc = d.Condition is null ? null : PolicyCanonicalJson.Serialize(d.Condition);
        if (rc != dc)
            yield return Make(Changed, PolicyChangeKind.Changed, "Condition", null, rc, dc);
    }

    private static HashSet<string> AllowedPatterns(PolicyDocument d) =>
        new(d.Statements.Where(s => s.IsAllow).SelectMany(s => s.Action ?? new()), StringComparer.OrdinalIgnoreCase);
}
