using AckHardening.Audit;

namespace AckHardening.Core.Audit.Generation;

/// <summary>
/// What analysis must report for the generated events, counted independently of the analysis code (by role name and
/// action string). Filled while the generator is enumerated; <see cref="Complete"/> says it has finished.
/// </summary>
public sealed class GeneratedExpectation
{
    private readonly ActivitySpec _spec;
    private readonly Dictionary<(string Role, string Action), AckRoleActivity> _activities = new();
    private readonly Dictionary<string, HashSet<DateTime>> _days = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, long> _matched = new(StringComparer.OrdinalIgnoreCase);

    internal GeneratedExpectation(ActivitySpec spec) => _spec = spec;

    public bool Complete { get; internal set; }
    public long TotalEvents { get; private set; }
    public long OtherPrincipalEvents { get; private set; }
    public long NonApiEvents { get; private set; }

    public IReadOnlyDictionary<string, long> MatchedByRole => _matched;
    public IReadOnlyDictionary<string, int> DaysWithDataByRole => _days.ToDictionary(kv => kv.Key, kv => kv.Value.Count, StringComparer.OrdinalIgnoreCase);

    /// <summary>Expected activities (Source File), sorted by role then action.</summary>
    public List<AckRoleActivity> Activities(RamCodeMap? map = null)
    {
        if (!Complete) throw new InvalidOperationException("Enumerate the generator to the end first.");
        map ??= RamCodeMap.Default;
        return _activities.Values
            .Select(a => new AckRoleActivity
            {
                RoleName = a.RoleName, ServiceName = a.ServiceName, EventName = a.EventName,
                Action = map.GetAction(a.ServiceName, a.EventName), Count = a.Count, DeniedCount = a.DeniedCount,
                ErrorCount = a.ErrorCount, FirstSeen = a.FirstSeen, LastSeen = a.LastSeen, Source = ActivitySource.File,
            })
            .OrderBy(a => a.RoleName, StringComparer.OrdinalIgnoreCase).ThenBy(a => a.Action, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    internal void Observe(ActionTrailEvent e)
    {
        TotalEvents++;
        if (e.EventType != "ApiCall") { NonApiEvents++; return; }
        var role = _spec.Roles.FirstOrDefault(r => e.UserName is { } u && u.StartsWith(r.RoleName + ":", StringComparison.Ordinal));
        if (role is null) { OtherPrincipalEvents++; return; }
        // Generated service names map to distinct RAM codes, so (role, service, event) is the action key here.
        var key = (role.RoleName, $"{e.ServiceName}:{e.EventName}");
        if (!_activities.TryGetValue(key, out var a))
            _activities[key] = a = new AckRoleActivity { RoleName = role.RoleName, ServiceName = e.ServiceName!, EventName = e.EventName!, FirstSeen = e.EventTime, LastSeen = e.EventTime };
        var denied = IsDenialCode(e.ErrorCode);
        if (denied) a.DeniedCount++;
        else
        {
            a.Count++;
            if (!string.IsNullOrEmpty(e.ErrorCode)) a.ErrorCount++;
        }
        if (e.EventTime < a.FirstSeen) a.FirstSeen = e.EventTime;
        if (e.EventTime > a.LastSeen) a.LastSeen = e.EventTime;
        _matched[role.RoleName] = _matched.GetValueOrDefault(role.RoleName) + 1;
        if (!_days.TryGetValue(role.RoleName, out var days)) _days[role.RoleName] = days = new HashSet<DateTime>();
        days.Add(e.EventTime!.Value.UtcDateTime.Date);
    }

    // Deliberately a separate spelling of the rule (settled facts §2) so tests cross-check the classifier.
    private static bool IsDenialCode(string? code) =>
        !string.IsNullOrEmpty(code) && new[] { "NoPermission", "Forbidden", "NotAuthorized", "AccessDenied", "ErrorCheckAcl" }
            .Any(m => code.Contains(m, StringComparison.OrdinalIgnoreCase));
}
