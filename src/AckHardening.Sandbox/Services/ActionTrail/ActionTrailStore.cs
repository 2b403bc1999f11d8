using System.Text.RegularExpressions;
using AckHardening.Core.Audit.Generation;
using AckHardening.Sandbox.Pipeline;
using AckHardening.Sandbox.State;

namespace AckHardening.Sandbox.Services.ActionTrail;

/// <summary>
/// The scenario account's trails and event history. Trails change under <see cref="Gate"/>; the events are generated
/// on first use (a few thousand for the default 14-day spec) and never change until the next reset.
/// </summary>
public sealed partial class ActionTrailStore
{
    private readonly Dictionary<string, Trail> _trails = new(StringComparer.Ordinal);
    private readonly Lazy<ActivityEvents> _events;

    public ActionTrailStore(SandboxState state)
    {
        var file = state.Scenario.Read<ActionTrailScenarioFile>("actiontrail.json") ?? new ActionTrailScenarioFile();
        AccountUid = state.Accounts.PrimaryAccount?.Uid ?? "";
        Region = state.Accounts.PrimaryAccount?.RegionId ?? "cn-hangzhou";
        Anchor = ScenarioTime.Anchor(state.LoadedAt);
        foreach (var t in file.Trails) AddScenarioTrail(t);
        var spec = LoadSpec(file.Activity);
        _events = new Lazy<ActivityEvents>(() => spec is null ? ActivityEvents.Empty : ActivityEvents.Generate(spec));
    }

    public object Gate { get; } = new();
    public string AccountUid { get; }
    public string Region { get; }
    /// <summary>Load time rounded down to the hour; relative scenario times count from here.</summary>
    public DateTimeOffset Anchor { get; }
    public ActivityEvents Events => _events.Value;

    public Trail? Find(string name) => _trails.GetValueOrDefault(name);

    public IReadOnlyList<Trail> All => _trails.Values.OrderBy(t => t.Name, StringComparer.Ordinal).ToList();

    public void Add(Trail trail)
    {
        if (!_trails.TryAdd(trail.Name, trail))
            throw new ApiException(400, "TrailAlreadyExistsException", $"account name({trail.Name}) and region({trail.HomeRegion}) is already exist");
    }

    public void Remove(string name) => _trails.Remove(name);

    /// <summary>The trails delivering to an SLS project (each owns the logstore actiontrail_&lt;name&gt;).</summary>
    public IReadOnlyList<Trail> DeliveringTo(string project) =>
        _trails.Values.Where(t => t.SlsTarget is { } target && target.Project == project).ToList();

    /// <summary>CreateTrail's Name rule: 6–36 characters, a lowercase letter first, then lowercase letters, digits, '-' and '_'.</summary>
    public static bool ValidName(string name) => name.Length is >= 6 and <= 36 && NameFormat().IsMatch(name);

    private void AddScenarioTrail(TrailDefinition d)
    {
        if (!ValidName(d.Name)) throw new ScenarioException($"actiontrail.json: invalid trail name '{d.Name}'.");
        var eventRW = NormalizeEventRW(d.EventRW) ?? throw new ScenarioException($"actiontrail.json: {d.Name}: EventRW must be All, Read or Write.");
        if (d.SlsProjectArn is not null && Trail.ParseProjectArn(d.SlsProjectArn) is null)
            throw new ScenarioException($"actiontrail.json: {d.Name}: SlsProjectArn must be acs:log:<region>:<uid>:project/<name>.");
        var created = ScenarioTime.Parse(d.CreateTime, Anchor, "createTime") ?? Anchor.AddDays(-30);
        var trail = new Trail
        {
            Name = d.Name, HomeRegion = d.HomeRegion ?? Region, TrailRegion = d.TrailRegion, EventRW = eventRW,
            SlsProjectArn = d.SlsProjectArn, SlsWriteRoleArn = d.SlsWriteRoleArn, OssBucketName = d.OssBucketName,
            OssKeyPrefix = d.OssKeyPrefix, OssWriteRoleArn = d.OssWriteRoleArn, IsOrganizationTrail = d.IsOrganizationTrail,
            AccountUid = AccountUid, CreateTime = created, UpdateTime = created,
        };
        if (ScenarioTime.Parse(d.StartLoggingTime, Anchor, "startLoggingTime") is { } start)
            trail.LoggingPeriods.Add((start, ScenarioTime.Parse(d.StopLoggingTime, Anchor, "stopLoggingTime")));
        else if (d.StopLoggingTime is not null) throw new ScenarioException($"actiontrail.json: {d.Name}: stopLoggingTime needs startLoggingTime.");
        if (!_trails.TryAdd(trail.Name, trail)) throw new ScenarioException($"actiontrail.json: duplicate trail '{d.Name}'.");
    }

    private ActivitySpec? LoadSpec(ActivityDefinition? activity)
    {
        if (activity?.Spec is null) return null;
        ActivitySpec spec;
        try { spec = ActivitySpec.FromJson(activity.Spec.ToJsonString()); }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException)
        {
            throw new ScenarioException("actiontrail.json: activity.spec: " + e.Message, e);
        }
        if (spec.Hours is <= 0 or > 24 * 90) throw new ScenarioException("actiontrail.json: activity.spec.days must cover 1 hour to 90 days.");
        var end = ScenarioTime.Parse(activity.WindowEnd, Anchor, "activity.windowEnd") ?? Anchor;
        spec.WindowStart = end.AddHours(-spec.Hours);
        if (spec.AccountId.Length == 0) spec.AccountId = AccountUid;
        return spec;
    }

    public static string? NormalizeEventRW(string? value) => value?.ToLowerInvariant() switch
    {
        "all" => "All", "read" => "Read", "write" => "Write", _ => null,
    };

    [GeneratedRegex("^[a-z][a-z0-9_-]*$")] private static partial Regex NameFormat();
}

public static class ActionTrailStateExtensions
{
    public static ActionTrailStore ActionTrail(this SandboxState state) => state.Extension(s => new ActionTrailStore(s));
}
