using AckHardening.Audit;
using AckHardening.Core.Errors;
using AckHardening.Policy;

namespace AckHardening.Core.Policy;

/// <summary>
/// Computes a least-privilege proposal for one policy from observed usage. It only ever takes permission away:
/// Deny statements, Conditions and Resources are kept as written, actions seen only as refused are reported and
/// never added, KeepAction patterns are never removed, and the result is replayed against every used action the
/// current document allows before it is returned.
/// </summary>
public static class PolicyRecommender
{
    public static AckPolicyRecommendation Recommend(PolicyDocument current, IEnumerable<AckRoleActivity> activity, PolicyRecommendationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(activity);
        options ??= new PolicyRecommendationOptions();
        var records = activity.ToList();
        var usage = RoleActivitySummary.Summarize(records);
        var used = usage.Where(u => u.Used).ToList();

        var decisions = new List<AckPolicyActionDecision>();
        var warnings = new List<string>();
        var removed = new List<string>();
        var proposedStatements = new List<PolicyStatement>();

        for (var i = 0; i < current.Statements.Count; i++)
        {
            var source = current.Statements[i];
            var label = Label(source, i);
            var reasonKeptAsIs = source switch
            {
                { IsDeny: true } => PolicyActionReason.DenyStatement,
                { IsAllow: false } => (PolicyActionReason?)null,
                { NotAction: not null } => PolicyActionReason.NotActionStatement,
                { Condition: not null } when !options.PruneConditionalStatements => PolicyActionReason.Conditional,
                _ => null,
            };

            if (!source.IsAllow && !source.IsDeny)
            {
                warnings.Add($"{label} has Effect \"{source.Effect}\", which is neither Allow nor Deny; it is kept as written.");
                proposedStatements.Add(source.Clone());
                continue;
            }
            if (reasonKeptAsIs is { } keep || source.Action is null)
            {
                foreach (var p in (source.Action ?? new()).Concat(source.NotAction ?? new()))
                    decisions.Add(Decision(p, PolicyActionChange.Keep, reasonKeptAsIs ?? PolicyActionReason.Used, i, usage, "statement kept as written"));
                if (reasonKeptAsIs == PolicyActionReason.NotActionStatement)
                    warnings.Add($"{label} allows everything except its NotAction list; usage cannot enumerate that, so it is kept as written. Consider replacing it by an Action list.");
                else if (reasonKeptAsIs == PolicyActionReason.Conditional)
                    warnings.Add($"{label} has a Condition and is kept as written (use PruneConditionalStatements to prune its unused actions).");
                proposedStatements.Add(source.Clone());
                continue;
            }

            var kept = PruneStatement(source, i, used, usage, options, decisions, removed, warnings);
            if (kept.Count == 0)
            {
                warnings.Add($"{label} is dropped: none of its actions was used.");
                continue;
            }
            var ns = source.Clone();
            ns.Action = kept;
            proposedStatements.Add(ns);
        }

        ReportDeniedOnly(current, usage, decisions, warnings);

        var proposed = current.Clone();
        proposed.Statements.Clear();
        proposed.Statements.AddRange(proposedStatements);
        if (current.StatementWasObject && proposedStatements.Count != 1) proposed.StatementWasObject = false;

        AddEvidenceWarnings(records, used, options, warnings);
        var isEmpty = proposed.Statements.Count == 0;
        if (isEmpty)
            warnings.Add("Every statement was dropped: the policy would grant nothing. Applying it means detaching the policy (DetachWhenEmpty).");
        else if (proposed.Statements.All(s => !s.IsAllow))
            warnings.Add("Only Deny statements remain: the policy would grant nothing.");
        if (!isEmpty && proposed.MinifiedByteLength > PolicyLimits.MaxDocumentBytes)
            warnings.Add($"The proposed document is {proposed.MinifiedByteLength} bytes, above RAM's {PolicyLimits.MaxDocumentBytes}; narrowing wildcards made it larger than the original.");

        // The invariant every proposal must meet: nothing the role used successfully under the current document is refused.
        var replay = PolicyReplay.Check(new[] { proposed }, used, new[] { current });
        if (!replay.IsSafe)
            throw new AckException(PolicyErrorIds.RecommendationUnsafe, AckErrorKind.InvalidOperation,
                "Internal error: the proposal would refuse used actions: " + string.Join(", ", replay.WouldDeny.Select(f => f.Action)), replay.WouldDeny);

        foreach (var d in decisions) { d.ClusterId = options.ClusterId; d.RoleName = options.RoleName; d.PolicyName = options.PolicyName; }
        return new AckPolicyRecommendation
        {
            ClusterId = options.ClusterId,
            RoleName = options.RoleName,
            PolicyName = options.PolicyName,
            CurrentVersion = options.CurrentVersion,
            ActionsBefore = CountAllowActions(current),
            ActionsAfter = CountAllowActions(proposed),
            RemovedActions = removed.ToArray(),
            IsEmpty = isEmpty,
            HasChanges = !PolicyCanonicalJson.AreEquivalent(current, proposed),
            ProposedDocument = proposed,
            CurrentDocument = current,
            Warnings = warnings.ToArray(),
            Decisions = decisions.ToArray(),
        };
    }

    private static List<string> PruneStatement(PolicyStatement source, int index, List<ActionUsage> used, IReadOnlyList<ActionUsage> usage,
        PolicyRecommendationOptions options, List<AckPolicyActionDecision> decisions, List<string> removed, List<string> warnings)
    {
        var kept = new List<string>();
        void Add(string action)
        {
            if (!kept.Contains(action, StringComparer.OrdinalIgnoreCase)) kept.Add(action);
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pattern in source.Action!)
        {
            if (!seen.Add(pattern))
            {
                warnings.Add($"{Label(source, index)} lists \"{pattern}\" more than once; the duplicate is dropped.");
                continue;
            }
            var covered = used.Where(u => WildcardPattern.IsActionMatch(pattern, u.Action)).ToList();
            var wildcard = WildcardPattern.HasWildcard(pattern);
            var rule = options.KeepActions.FirstOrDefault(k => !string.IsNullOrWhiteSpace(k) && WildcardPattern.Overlaps(pattern, k.Trim(), ignoreCase: true));

            if (rule is not null && (covered.Count == 0 || wildcard))
            {
                // A wildcard touching a protected pattern is kept whole: narrowing it could drop what the rule protects.
                Add(pattern);
                decisions.Add(Decision(pattern, PolicyActionChange.Keep, PolicyActionReason.KeptByRule, index, usage, $"KeepAction '{rule}'"));
            }
            else if (covered.Count == 0)
            {
                removed.Add(pattern);
                decisions.Add(Decision(pattern, PolicyActionChange.Remove, PolicyActionReason.Unused, index, usage, null));
            }
            else if (wildcard && options.NarrowWildcard)
            {
                var replacement = covered.Select(u => u.Action).OrderBy(a => a, StringComparer.OrdinalIgnoreCase).ToArray();
                foreach (var a in replacement) Add(a);
                removed.Add(pattern);
                decisions.Add(Decision(pattern, PolicyActionChange.Narrow, PolicyActionReason.Used, index, usage,
                    "narrowed to " + string.Join(", ", replacement), replacement));
            }
            else
            {
                Add(pattern);
                decisions.Add(Decision(pattern, PolicyActionChange.Keep, PolicyActionReason.Used, index, usage, null));
            }
        }
        return kept;
    }

    private static void ReportDeniedOnly(PolicyDocument current, IReadOnlyList<ActionUsage> usage, List<AckPolicyActionDecision> decisions, List<string> warnings)
    {
        var wanted = usage.Where(u => u.DeniedOnly).ToList();
        foreach (var u in wanted)
        {
            var e = PolicyEvaluator.Evaluate(current, u.Action);
            var detail = e.MayBeAllowed
                ? $"refused although {e.Reason.TrimEnd('.')} — another policy denies it, or a resource scope or condition did not match"
                : "not granted by this policy and not added: the recommendation never widens a policy";
            decisions.Add(new AckPolicyActionDecision
            {
                Action = u.Action, Decision = PolicyActionChange.NotAdded, Reason = PolicyActionReason.DeniedButWanted,
                Count = 0, DeniedCount = u.DeniedCount, LastSeen = u.LastSeen, StatementIndex = e.StatementIndex, Detail = detail,
            });
        }
        if (wanted.Count > 0)
            warnings.Add($"{wanted.Count} action(s) were only ever refused and are not granted by the proposal: {string.Join(", ", wanted.Select(w => w.Action))}. Grant them deliberately if the role needs them.");
    }

    private static void AddEvidenceWarnings(List<AckRoleActivity> records, List<ActionUsage> used, PolicyRecommendationOptions options, List<string> warnings)
    {
        var unmapped = records.Where(r => r is not null && string.IsNullOrWhiteSpace(r.Action) && r.Count > 0).ToList();
        if (unmapped.Count > 0)
            warnings.Add($"{unmapped.Count} usage record(s) have no RAM action (e.g. {unmapped[0].ServiceName}/{unmapped[0].EventName}) and were not considered; " +
                "keep the actions they need with KeepAction or fix the event-to-action mapping.");
        if (used.Count == 0)
            warnings.Add("No successful call was observed: every action not protected by a rule would be removed. Check that usage collection works before applying.");
        if (options.EvidenceWindow is not { } window)
            warnings.Add("The evidence window is unknown; rare operations (scale-out, upgrades) may be missing from the usage.");
        else if (window < options.MinimumEvidenceWindow)
            warnings.Add($"The usage covers {window.TotalDays:0.#} day(s), less than the minimum of {options.MinimumEvidenceWindow.TotalDays:0.#}; rare operations may be missing.");
        var roles = records.Select(r => r.RoleName).Where(n => !string.IsNullOrEmpty(n)).Distinct(StringComparer.Ordinal).ToList();
        if (roles.Count > 1)
            warnings.Add($"The usage records name several roles ({string.Join(", ", roles)}); they were merged.");
        else if (roles.Count == 1 && options.RoleName is not null && !string.Equals(roles[0], options.RoleName, StringComparison.Ordinal))
            warnings.Add($"The usage records are for role {roles[0]}, not {options.RoleName}.");
        warnings.AddRange(options.ReadinessWarnings.Where(w => !string.IsNullOrWhiteSpace(w)));
    }

    private static AckPolicyActionDecision Decision(string pattern, PolicyActionChange change, PolicyActionReason reason, int index,
        IReadOnlyList<ActionUsage> usage, string? detail, string[]? replacedBy = null)
    {
        var covered = usage.Where(u => WildcardPattern.IsActionMatch(pattern, u.Action)).ToList();
        return new AckPolicyActionDecision
        {
            Action = pattern,
            Decision = change,
            Reason = reason,
            Count = covered.Sum(u => u.Count),
            DeniedCount = covered.Sum(u => u.DeniedCount),
            LastSeen = covered.Where(u => u.Used).Max(u => u.LastSeen),
            StatementIndex = index,
            Detail = detail,
            ReplacedBy = replacedBy ?? Array.Empty<string>(),
        };
    }

    private static int CountAllowActions(PolicyDocument d) => d.Statements.Where(s => s.IsAllow).Sum(s => s.Action?.Count ?? 0);

    private static string Label(PolicyStatement s, int i) => s.Sid is { } sid ? $"Statement[{i}] ({sid})" : $"Statement[{i}]";
}
