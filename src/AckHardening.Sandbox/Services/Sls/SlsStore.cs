using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using AckHardening.Sandbox.Services.ActionTrail;
using AckHardening.Sandbox.Services.Sls.Query;
using AckHardening.Sandbox.State;

namespace AckHardening.Sandbox.Services.Sls;

public sealed record SlsProject(string Name, string Region, string OwnerUid, string Description, IReadOnlyList<string> Logstores);

/// <summary>What a logstore holds: its rows in time order, the keys SQL may name, and the shared search index.</summary>
public sealed record SlsLogstoreView(string Project, string Name, IReadOnlyList<SlsLogRow> Rows, IReadOnlySet<string> Columns, SearchIndex Index);

/// <summary>
/// Log Service projects of the scenario. A trail delivering to a project gives it the logstore actiontrail_&lt;trail&gt;,
/// holding the account's events the trail delivered (its logging periods, EventRW and regions).
/// </summary>
public sealed partial class SlsStore
{
    private static readonly IReadOnlySet<string> PlainColumns = new HashSet<string> { SlsLogRow.TimeField, SlsLogRow.SourceField, "__topic__" };
    private readonly Dictionary<string, SlsProject> _projects = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Project, string Logstore), int> _incomplete = new();
    private readonly ConcurrentDictionary<string, int> _callCounts = new(StringComparer.Ordinal);
    private readonly SandboxState _state;

    public SlsStore(SandboxState state)
    {
        _state = state;
        var file = state.Scenario.Read<SlsScenarioFile>("sls.json") ?? new SlsScenarioFile();
        var owner = state.Accounts.PrimaryAccount?.Uid ?? "";
        foreach (var p in file.Projects)
        {
            if (!ValidProjectName(p.Name)) throw new ScenarioException($"sls.json: invalid project name '{p.Name}' (3-63 of a-z, 0-9, '-', starting and ending with a letter or digit).");
            if (!_projects.TryAdd(p.Name, new SlsProject(p.Name, p.Region, p.OwnerUid ?? owner, p.Description, p.Logstores.ToList())))
                throw new ScenarioException($"sls.json: duplicate project '{p.Name}'.");
        }
        foreach (var r in file.Incomplete)
        {
            if (r.Calls < 0) throw new ScenarioException("sls.json: incomplete.calls must be 0 or more.");
            _incomplete[(r.Project, r.Logstore)] = r.Calls;
        }
    }

    public SlsProject? FindProject(string name) => _projects.GetValueOrDefault(name);

    /// <summary>The logstore, or null when the project has no such logstore.</summary>
    public SlsLogstoreView? FindLogstore(SlsProject project, string logstore)
    {
        var trails = _state.ActionTrail();
        Trail? trail;
        lock (trails.Gate)
            trail = trails.DeliveringTo(project.Name).FirstOrDefault(t => t.Logstore == logstore);
        if (trail is not null)
        {
            var events = trails.Events;
            List<SlsLogRow> rows;
            lock (trails.Gate)
                rows = events.Events.Where(e => trail.Delivers(e.Time, e.Field("eventRW"), e.Field("acsRegion"))).Select(e => e.Row).ToList();
            return new SlsLogstoreView(project.Name, logstore, rows, events.Columns, events.SearchIndex);
        }
        return project.Logstores.Contains(logstore, StringComparer.Ordinal)
            ? new SlsLogstoreView(project.Name, logstore, [], PlainColumns, new SearchIndex())
            : null;
    }

    /// <summary>Sets how many identical calls to a logstore answer Incomplete first (scenario or control API).</summary>
    public void SetIncomplete(string project, string logstore, int calls) => _incomplete[(project, logstore)] = calls;

    /// <summary>Counts this call among identical ones and says whether it is still within the logstore's Incomplete quota.</summary>
    public bool NextCallIncomplete(string project, string logstore, string requestKey)
    {
        var quota = _incomplete.GetValueOrDefault((project, logstore));
        if (quota <= 0) return false;
        var n = _callCounts.AddOrUpdate(project + "\n" + logstore + "\n" + requestKey, 1, (_, c) => c + 1);
        return n <= quota;
    }

    public static bool ValidProjectName(string name) => name.Length is >= 3 and <= 63 && ProjectFormat().IsMatch(name);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*[a-z0-9]$")] private static partial Regex ProjectFormat();
}

public static class SlsStateExtensions
{
    public static SlsStore Sls(this SandboxState state) => state.Extension(s => new SlsStore(s));
}
