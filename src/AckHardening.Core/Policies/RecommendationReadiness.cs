using System.Globalization;
using AckHardening.Audit;

namespace AckHardening.Core.Policies;

/// <summary>The state of one audit trail as another area reports it: only whether it is ready, and why not.</summary>
public sealed record TrailReadiness(string? Name, bool ReadyForAnalysis, IReadOnlyList<string> Reasons);

/// <summary>Where the evidence window of a recommendation was taken from.</summary>
public enum EvidenceWindowSource
{
    /// <summary>Not known: no coverage for the role and no first/last-seen times on its activity.</summary>
    Unknown,
    /// <summary>From the collector's coverage objects (WindowStart/WindowEnd or Days).</summary>
    Coverage,
    /// <summary>From the first and last time the role's actions were seen; understates the collection window.</summary>
    ActivitySpan,
}

/// <summary>What the evidence gate looks at for one role.</summary>
public sealed class RecommendationReadinessInput
{
    public string RoleName { get; init; } = "";
    /// <summary>Every activity record given, whatever its role; the gate keeps the role's own.</summary>
    public IReadOnlyList<AckRoleActivity> Activity { get; init; } = Array.Empty<AckRoleActivity>();
    /// <summary>Coverage objects from the collector; null when none were given (the window is then derived from the activity).</summary>
    public IReadOnlyList<AckActivityCoverage>? Coverage { get; init; }
    /// <summary>Trail states; null when none were given.</summary>
    public IReadOnlyList<TrailReadiness>? Trails { get; init; }
    /// <summary>ACK's procedure asks for at least a week of audit data before removing permissions.</summary>
    public TimeSpan MinimumWindow { get; init; } = TimeSpan.FromDays(7);
}

/// <summary>
/// The evidence gate in front of a recommendation: keeps only the policy's own role's activity, works out how long a
/// window it covers, and lists the problems that make removing permissions unsafe (too short a window, a trail not
/// ready, no activity at all). The caller refuses on <see cref="Problems"/> unless the user forces it.
/// </summary>
public sealed class RecommendationReadiness
{
    public string RoleName { get; private init; } = "";
    /// <summary>The activity records of the role (RoleName compared case-insensitively), in input order.</summary>
    public IReadOnlyList<AckRoleActivity> RoleActivity { get; private init; } = Array.Empty<AckRoleActivity>();
    /// <summary>Records ignored because they belong to other roles: role name ("" when unnamed) → record count.</summary>
    public IReadOnlyDictionary<string, int> IgnoredRoles { get; private init; } = new Dictionary<string, int>();
    public TimeSpan? EvidenceWindow { get; private init; }
    public EvidenceWindowSource WindowSource { get; private init; }
    /// <summary>Reasons the evidence is not enough to remove permissions; empty when it is.</summary>
    public IReadOnlyList<string> Problems { get; private init; } = Array.Empty<string>();
    /// <summary>Things the user should know either way (how the window was derived...).</summary>
    public IReadOnlyList<string> Notes { get; private init; } = Array.Empty<string>();
    public bool IsReady => Problems.Count == 0;

    public static RecommendationReadiness Assess(RecommendationReadinessInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentException.ThrowIfNullOrWhiteSpace(input.RoleName);
        var role = input.RoleName.Trim();
        var problems = new List<string>();
        var notes = new List<string>();

        var mine = new List<AckRoleActivity>();
        var ignored = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var a in input.Activity)
        {
            if (a is null) continue;
            if (string.Equals(a.RoleName?.Trim(), role, StringComparison.OrdinalIgnoreCase)) mine.Add(a);
            else ignored[a.RoleName ?? ""] = ignored.GetValueOrDefault(a.RoleName ?? "") + 1;
        }

        if (mine.Count == 0)
        {
            var others = ignored.Count == 0 ? "no activity record was given at all"
                : $"the {ignored.Values.Sum()} record(s) given are for {string.Join(", ", ignored.Keys.Select(k => k.Length == 0 ? "(no role)" : k))}";
            problems.Add($"There is no activity for role {role} ({others}): every action not protected by KeepAction would be removed on no evidence.");
        }

        var (window, source) = WindowFromCoverage(role, input, problems, notes);
        if (source == EvidenceWindowSource.Unknown && mine.Count > 0)
            (window, source) = WindowFromActivity(role, mine, input.MinimumWindow, problems, notes);

        foreach (var t in input.Trails ?? Array.Empty<TrailReadiness>())
        {
            if (t.ReadyForAnalysis) continue;
            var why = t.Reasons.Where(r => !string.IsNullOrWhiteSpace(r)).ToList();
            problems.Add($"The audit trail{(string.IsNullOrWhiteSpace(t.Name) ? "" : " " + t.Name)} is not ready for analysis" +
                (why.Count > 0 ? ": " + string.Join("; ", why) : " (no reason given)") + ".");
        }

        return new RecommendationReadiness
        {
            RoleName = role,
            RoleActivity = mine,
            IgnoredRoles = ignored,
            EvidenceWindow = window,
            WindowSource = source,
            Problems = problems,
            Notes = notes,
        };
    }

    private static (TimeSpan?, EvidenceWindowSource) WindowFromCoverage(string role, RecommendationReadinessInput input, List<string> problems, List<string> notes)
    {
        if (input.Coverage is null) return (null, EvidenceWindowSource.Unknown);
        var mine = input.Coverage.Where(c => c is not null && string.Equals(c.RoleName?.Trim(), role, StringComparison.OrdinalIgnoreCase)).ToList();
        if (mine.Count == 0)
        {
            notes.Add($"None of the coverage objects is for role {role}; the evidence window is derived from the activity instead.");
            return (null, EvidenceWindowSource.Unknown);
        }

        // Several sources (SLS, LookupEvents, files) may cover the role: the evidence is as good as the best of them.
        // What refuses a recommendation is the issue's rule and ACK's procedure: a window shorter than the minimum.
        // The collector's other doubts (new actions still appearing in the last days...) are passed on as notes, so
        // the same activity gives the same decision with or without -Coverage.
        // Evidence read from a trail that is not ready (write-only, stopped, too young...) cannot prove an action
        // unused, whatever its window: that refuses like an explicit -Trail would.
        foreach (var c in mine.Where(c => c.TrailReady == false))
        {
            var why = c.Reasons.Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r.Trim().TrimEnd('.')).ToList();
            problems.Add($"The {c.Source} evidence for role {role} comes from trail {c.TrailName ?? "(unnamed)"}, which is not ready for analysis" +
                (why.Count > 0 ? ": " + string.Join("; ", why) : "") + ".");
        }

        var longest = mine.Max(Length);
        var longEnough = mine.Where(c => Length(c) >= input.MinimumWindow).ToList();
        if (longEnough.Count > 0)
        {
            foreach (var c in longEnough.Where(c => !c.IsWindowLongEnough))
            {
                var doubts = c.Reasons.Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r.Trim().TrimEnd('.')).ToList();
                if (doubts.Count > 0)
                    notes.Add($"The {c.Source} evidence for role {role} covers {Days(Length(c))} day(s) but the collector has doubts: {string.Join("; ", doubts)}.");
            }
            return (longest, EvidenceWindowSource.Coverage);
        }

        foreach (var c in mine)
        {
            // The collector's reasons are sentences; joined into one they lose their own full stops.
            var why = c.Reasons.Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r.Trim().TrimEnd('.')).ToList();
            why.Insert(0, $"the window is {Days(Length(c))} day(s), less than the minimum of {Days(input.MinimumWindow)}");
            problems.Add($"The {c.Source} evidence for role {role} is not enough: {string.Join("; ", why)}.");
        }
        return (longest, EvidenceWindowSource.Coverage);
    }

    private static (TimeSpan?, EvidenceWindowSource) WindowFromActivity(string role, List<AckRoleActivity> mine, TimeSpan minimum, List<string> problems, List<string> notes)
    {
        var starts = mine.Select(a => a.FirstSeen ?? a.LastSeen).Where(t => t.HasValue).Select(t => t!.Value).ToList();
        var ends = mine.Select(a => a.LastSeen ?? a.FirstSeen).Where(t => t.HasValue).Select(t => t!.Value).ToList();
        if (starts.Count == 0)
        {
            problems.Add($"The evidence window is unknown: no coverage object was given for role {role} and its activity records carry no FirstSeen/LastSeen.");
            return (null, EvidenceWindowSource.Unknown);
        }
        var window = ends.Max() - starts.Min();
        notes.Add($"The evidence window ({Days(window)} day(s)) is derived from when role {role}'s actions were first and last seen, " +
            "which understates the collection window when the role was quiet at either end; give -Coverage for the real window.");
        if (window < minimum)
            problems.Add($"The activity of role {role} spans {Days(window)} day(s), less than the minimum of {Days(minimum)}: rare operations (scale-out, upgrades) may be missing.");
        return (window, EvidenceWindowSource.ActivitySpan);
    }

    private static TimeSpan Length(AckActivityCoverage c) =>
        c.WindowStart is { } s && c.WindowEnd is { } e && e >= s ? e - s : TimeSpan.FromDays(Math.Max(0, c.Days));

    private static string Days(TimeSpan t) => t.TotalDays.ToString("0.#", CultureInfo.InvariantCulture);
}
