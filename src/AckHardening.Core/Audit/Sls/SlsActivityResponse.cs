using System.Globalization;
using System.Text.Json;
using AckHardening.Audit;
using AckHardening.Core.Errors;

namespace AckHardening.Core.Audit.Sls;

/// <summary>One parsed GetLogs page of the <see cref="SlsActivityQuery"/> query.</summary>
public sealed class SlsActivityPage
{
    /// <summary>False when <c>x-log-progress</c> is Incomplete: re-issue the identical request (rows may be partial).</summary>
    public required bool IsComplete { get; init; }
    /// <summary>x-log-count when present.</summary>
    public long? Count { get; init; }
    /// <summary>Rows in the body (the figure to compare with the page size for paging).</summary>
    public required int RowCount { get; init; }
    public required IReadOnlyList<SlsActivityRow> Rows { get; init; }
}

/// <summary>One parsed GetLogs page of the days query (<see cref="SlsActivityQuery.BuildDays"/>).</summary>
public sealed class SlsDaysPage
{
    /// <summary>False when <c>x-log-progress</c> is Incomplete: re-issue the identical request (rows may be partial).</summary>
    public required bool IsComplete { get; init; }
    /// <summary>Rows in the body (the figure to compare with the page size for paging).</summary>
    public required int RowCount { get; init; }
    public required IReadOnlyList<SlsRoleDayRow> Rows { get; init; }
}

/// <summary>One role's calls on one UTC day (<paramref name="Day"/> is that day's midnight).</summary>
public sealed record SlsRoleDayRow(string RoleName, DateTimeOffset Day, long Count);

/// <summary>One grouped row: calls of one role to one (serviceName, eventName).</summary>
public sealed record SlsActivityRow(string RoleName, string ServiceName, string EventName, long Total, long Denied, long Failed,
    DateTimeOffset FirstSeen, DateTimeOffset LastSeen);

/// <summary>
/// Reads GetLogs responses: the body is a JSON array of objects whose values are strings (extra keys such as
/// <c>__time__</c>/<c>__source__</c> are ignored), the progress and count come in headers.
/// </summary>
public static class SlsActivityResponse
{
    public static SlsActivityPage Parse(string body, IReadOnlyDictionary<string, string> headers, RolePrincipalMatcher roles)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(body); }
        catch (JsonException e) { throw Malformed($"the GetLogs body is not JSON: {e.Message}", e); }
        using (doc) return Parse(doc.RootElement, headers, roles);
    }

    public static SlsActivityPage Parse(JsonElement body, IReadOnlyDictionary<string, string> headers, RolePrincipalMatcher roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        if (body.ValueKind != JsonValueKind.Array) throw Malformed($"the GetLogs body must be a JSON array, not {body.ValueKind}.");
        var complete = IsComplete(headers);
        long? count = long.TryParse(Header(headers, "x-log-count"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var c) ? c : null;
        var rows = new List<SlsActivityRow>();
        var n = 0;
        foreach (var item in body.EnumerateArray())
        {
            n++;
            if (item.ValueKind != JsonValueKind.Object) throw Malformed($"row {n} is not an object.");
            var roleKey = Text(item, "role", n);
            var index = roles.IndexOf(roleKey);
            if (index < 0) continue; // a role the query did not ask for (cannot happen with our WHERE clause)
            rows.Add(new SlsActivityRow(roles.RoleNames[index], Text(item, "service", n), Text(item, "event", n),
                Number(item, "total", n), Number(item, "denied", n), Number(item, "failed", n),
                DateTimeOffset.FromUnixTimeSeconds(Number(item, "first_seen", n)), DateTimeOffset.FromUnixTimeSeconds(Number(item, "last_seen", n))));
        }
        return new SlsActivityPage { IsComplete = complete, Count = count, RowCount = n, Rows = rows };
    }

    public static SlsDaysPage ParseDays(string body, IReadOnlyDictionary<string, string> headers, RolePrincipalMatcher roles)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(body); }
        catch (JsonException e) { throw Malformed($"the GetLogs body is not JSON: {e.Message}", e); }
        using (doc) return ParseDays(doc.RootElement, headers, roles);
    }

    public static SlsDaysPage ParseDays(JsonElement body, IReadOnlyDictionary<string, string> headers, RolePrincipalMatcher roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        if (body.ValueKind != JsonValueKind.Array) throw Malformed($"the GetLogs body must be a JSON array, not {body.ValueKind}.");
        var rows = new List<SlsRoleDayRow>();
        var n = 0;
        foreach (var item in body.EnumerateArray())
        {
            n++;
            if (item.ValueKind != JsonValueKind.Object) throw Malformed($"row {n} is not an object.");
            var index = roles.IndexOf(Text(item, "role", n));
            if (index < 0) continue;
            var day = Number(item, "day", n);
            if (day % SlsActivityQuery.SecondsPerDay != 0) throw Malformed($"row {n} has day {day}, which is not the start of a UTC day.");
            rows.Add(new SlsRoleDayRow(roles.RoleNames[index], DateTimeOffset.FromUnixTimeSeconds(day), Number(item, "n", n)));
        }
        return new SlsDaysPage { IsComplete = IsComplete(headers), RowCount = n, Rows = rows };
    }

    private static bool IsComplete(IReadOnlyDictionary<string, string> headers) =>
        Header(headers, "x-log-progress") is not { } progress || progress.Equals("Complete", StringComparison.OrdinalIgnoreCase);

    private static string? Header(IReadOnlyDictionary<string, string> headers, string name)
    {
        if (headers is null) return null;
        if (headers.TryGetValue(name, out var v)) return v;
        foreach (var kv in headers) if (kv.Key.Equals(name, StringComparison.OrdinalIgnoreCase)) return kv.Value;
        return null;
    }

    private static string Text(JsonElement row, string name, int n) =>
        row.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : throw Malformed($"row {n} has no '{name}' column.");

    private static long Number(JsonElement row, string name, int n)
    {
        if (row.TryGetProperty(name, out var v))
        {
            if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var i)) return i;
            // SLS gives every value as a string; aggregates may come as "42" or "42.0".
            if (v.ValueKind == JsonValueKind.String && double.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
                && d >= 0 && d == Math.Floor(d) && d < 9e15)
                return (long)d;
            if (v.ValueKind is JsonValueKind.Null || v.ValueKind == JsonValueKind.String && v.GetString() is "null" or "")
                return 0; // sum() over no row
        }
        throw Malformed($"row {n} has no numeric '{name}' column.");
    }

    private static AckException Malformed(string message, Exception? inner = null) =>
        new("AckMalformedResponse", AckErrorKind.InvalidData, "Unexpected SLS GetLogs response: " + message, null, inner);
}

/// <summary>Folds GetLogs pages into activities (Source = Sls) and per-role coverage.</summary>
public sealed class SlsActivityCollector(RolePrincipalMatcher roles, RamCodeMap? ramCodes = null)
{
    private readonly RamCodeMap _map = ramCodes ?? RamCodeMap.Default;
    private readonly List<SlsActivityRow> _rows = new();
    private Dictionary<string, HashSet<DateTimeOffset>>? _days;

    public void Add(SlsActivityPage page)
    {
        if (!page.IsComplete) throw new InvalidOperationException("Only complete pages can be added; re-issue the request until x-log-progress is Complete.");
        _rows.AddRange(page.Rows);
    }

    /// <summary>Adds a page of the days query; once any is added, coverage carries DaysWithData (0 for a role without rows).</summary>
    public void AddDays(SlsDaysPage page)
    {
        if (!page.IsComplete) throw new InvalidOperationException("Only complete pages can be added; re-issue the request until x-log-progress is Complete.");
        _days ??= new Dictionary<string, HashSet<DateTimeOffset>>(StringComparer.Ordinal);
        foreach (var row in page.Rows)
        {
            if (row.Count <= 0) continue;
            if (!_days.TryGetValue(row.RoleName, out var set)) _days[row.RoleName] = set = new HashSet<DateTimeOffset>();
            set.Add(row.Day);
        }
    }

    public ActivityAnalysis Build(DateTimeOffset windowStart, DateTimeOffset windowEnd, ActivityCoverageRules? rules = null, string? clusterId = null)
    {
        rules ??= ActivityCoverageRules.Default;
        var activities = _rows
            .GroupBy(r => (r.RoleName, Action: _map.GetAction(r.ServiceName, r.EventName).ToLowerInvariant()))
            .Select(g =>
            {
                var main = g.OrderByDescending(r => r.Total).ThenBy(r => r.ServiceName, StringComparer.Ordinal).First();
                var denied = g.Sum(r => r.Denied);
                return new AckRoleActivity
                {
                    ClusterId = clusterId, RoleName = g.Key.RoleName, ServiceName = main.ServiceName, EventName = main.EventName,
                    Action = _map.GetAction(main.ServiceName, main.EventName),
                    Count = g.Sum(r => r.Total) - denied, DeniedCount = denied, ErrorCount = g.Sum(r => r.Failed) - denied,
                    FirstSeen = g.Min(r => r.FirstSeen), LastSeen = g.Max(r => r.LastSeen), Source = ActivitySource.Sls,
                };
            })
            .ToList();
        activities.Sort(ActivityOrder.Compare);
        var noDrops = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        var coverage = roles.RoleNames.Select(role =>
        {
            var mine = activities.Where(a => a.RoleName == role).ToList();
            var matched = _rows.Where(r => r.RoleName == role).Sum(r => r.Total);
            // The activity rows do not tell on which days calls happened; the days query does, when it was run.
            int? days = _days is null ? null : _days.TryGetValue(role, out var set) ? set.Count : 0;
            return rules.Evaluate(role, ActivitySource.Sls, windowStart, windowEnd, mine, matched, days, noDrops, clusterId);
        }).ToList();
        return new ActivityAnalysis { Activities = activities, Coverage = coverage };
    }
}
