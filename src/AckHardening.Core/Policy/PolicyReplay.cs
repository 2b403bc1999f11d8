using AckHardening.Audit;
using AckHardening.Policy;

namespace AckHardening.Core.Policy;

/// <summary>Result of replaying observed successful calls against a candidate document.</summary>
public sealed class PolicyReplayResult
{
    /// <summary>One finding per replayed action.</summary>
    public IReadOnlyList<AckPolicyAccessFinding> Findings { get; init; } = Array.Empty<AckPolicyAccessFinding>();
    /// <summary>Actions the role used successfully and the candidate would refuse. Empty means safe.</summary>
    public IReadOnlyList<AckPolicyAccessFinding> WouldDeny => Findings.Where(f => f.WouldBreak).ToList();
    /// <summary>Actions the candidate allows only under a condition or resource scope.</summary>
    public IReadOnlyList<AckPolicyAccessFinding> Conditional => Findings.Where(f => f.Decision == PolicyAccessDecision.AllowedWithCondition).ToList();
    /// <summary>With a baseline: used actions the baseline itself did not allow (granted elsewhere), not replayed.</summary>
    public IReadOnlyList<string> NotGrantedByBaseline { get; init; } = Array.Empty<string>();
    public bool IsSafe => !Findings.Any(f => f.WouldBreak);
}

/// <summary>
/// The replay check: every action the role called successfully is evaluated against a candidate; any the candidate
/// would deny is reported. With a baseline (the current documents), only actions the baseline allows are replayed,
/// so that actions granted by other policies on the role are not blamed on this one.
/// </summary>
public static class PolicyReplay
{
    public static PolicyReplayResult Check(PolicyDocument candidate, IEnumerable<AckRoleActivity> activity, PolicyDocument? baseline = null) =>
        Check(new[] { candidate }, activity, baseline is null ? null : new[] { baseline });

    public static PolicyReplayResult Check(IReadOnlyList<PolicyDocument> candidate, IEnumerable<AckRoleActivity> activity, IReadOnlyList<PolicyDocument>? baseline = null) =>
        Check(candidate, RoleActivitySummary.Summarize(activity), baseline);

    public static PolicyReplayResult Check(IReadOnlyList<PolicyDocument> candidate, IReadOnlyList<ActionUsage> usage, IReadOnlyList<PolicyDocument>? baseline = null)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(usage);
        var findings = new List<AckPolicyAccessFinding>();
        var skipped = new List<string>();
        foreach (var u in usage.Where(u => u.Used))
        {
            if (baseline is not null && !PolicyEvaluator.Evaluate(baseline, u.Action).MayBeAllowed)
            {
                skipped.Add(u.Action);
                continue;
            }
            var e = PolicyEvaluator.Evaluate(candidate, u.Action);
            findings.Add(new AckPolicyAccessFinding
            {
                Action = u.Action,
                Decision = e.Decision,
                Count = u.Count,
                LastSeen = u.LastSeen,
                StatementIndex = e.StatementIndex,
                DocumentIndex = e.DocumentIndex,
                Reason = e.Reason,
            });
        }
        return new PolicyReplayResult { Findings = findings, NotGrantedByBaseline = skipped };
    }
}
