using System.Globalization;
using System.Text.Json;
using AckHardening.Audit;
using AckHardening.Core.Errors;

namespace AckHardening.Core.Audit.LookupEvents;

/// <summary>One parsed LookupEvents page.</summary>
public sealed class LookupEventsPage
{
    public required IReadOnlyList<ActionTrailEvent> Events { get; init; }
    /// <summary>Absent on the last page; otherwise repeat the identical request with it.</summary>
    public string? NextToken { get; init; }
    /// <summary>Events that were not objects (skipped).</summary>
    public int MalformedEvents { get; init; }
}

/// <summary>
/// LookupEvents (ActionTrail 2020-07-06, 90 days of history, no trail needed): request parameters and response parsing.
/// </summary>
public static class LookupEventsResponse
{
    public const int MaxResults = 50;

    /// <summary>
    /// Query parameters for one page. Times are UTC <c>yyyy-MM-ddTHH:mm:ssZ</c>; at most one lookup attribute
    /// (Key ∈ ServiceName, EventName, User, EventId, ResourceType, ResourceName, EventRW, EventAccessKeyId).
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> BuildParameters(DateTimeOffset start, DateTimeOffset end, string? nextToken = null,
        int maxResults = MaxResults, string? attributeKey = null, string? attributeValue = null)
    {
        if (end <= start) throw new AckException("AckInvalidWindow", AckErrorKind.InvalidArgument, "The window end must be after its start.");
        if (maxResults is < 1 or > MaxResults) throw new AckException("AckInvalidPageSize", AckErrorKind.InvalidArgument, $"MaxResults must be between 1 and {MaxResults}.");
        var p = new List<KeyValuePair<string, string>>
        {
            new("StartTime", start.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
            new("EndTime", end.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
            new("MaxResults", maxResults.ToString(CultureInfo.InvariantCulture)),
        };
        if (attributeKey is not null)
        {
            p.Add(new("LookupAttribute.1.Key", attributeKey));
            p.Add(new("LookupAttribute.1.Value", attributeValue ?? ""));
        }
        if (!string.IsNullOrEmpty(nextToken)) p.Add(new("NextToken", nextToken));
        return p;
    }

    public static LookupEventsPage Parse(string body)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(body); }
        catch (JsonException e) { throw Malformed($"the body is not JSON: {e.Message}", e); }
        using (doc) return Parse(doc.RootElement);
    }

    public static LookupEventsPage Parse(JsonElement response)
    {
        if (response.ValueKind != JsonValueKind.Object) throw Malformed($"expected an object, got {response.ValueKind}.");
        var events = new List<ActionTrailEvent>();
        var malformed = 0;
        if (response.TryGetProperty("Events", out var list))
        {
            if (list.ValueKind != JsonValueKind.Array) throw Malformed("'Events' is not an array.");
            foreach (var e in list.EnumerateArray())
            {
                if (e.ValueKind == JsonValueKind.Object) events.Add(ActionTrailEvent.FromJson(e));
                else malformed++;
            }
        }
        string? token = response.TryGetProperty("NextToken", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() is { Length: > 0 } s ? s : null;
        return new LookupEventsPage { Events = events, NextToken = token, MalformedEvents = malformed };
    }

    private static AckException Malformed(string message, Exception? inner = null) =>
        new("AckMalformedResponse", AckErrorKind.InvalidData, "Unexpected LookupEvents response: " + message, null, inner);
}

/// <summary>Folds LookupEvents pages into activities (Source = LookupEvents) and coverage, with the file path's rules.</summary>
public sealed class LookupEventsActivityCollector
{
    private readonly ActivityAccumulator _acc;
    private readonly DateTimeOffset _start, _end;

    public LookupEventsActivityCollector(RolePrincipalMatcher roles, DateTimeOffset windowStart, DateTimeOffset windowEnd)
    {
        _start = windowStart;
        _end = windowEnd;
        _acc = new ActivityAccumulator(roles, windowStart, windowEnd);
    }

    public int MalformedEvents { get; private set; }

    public void Add(LookupEventsPage page)
    {
        foreach (var e in page.Events) _acc.Add(e);
        MalformedEvents += page.MalformedEvents;
    }

    public ActivityAnalysis Build(RamCodeMap? ramCodes = null, ActivityCoverageRules? rules = null, string? clusterId = null)
    {
        rules ??= ActivityCoverageRules.Default;
        var activities = _acc.ToActivities(ramCodes ?? RamCodeMap.Default, ActivitySource.LookupEvents, clusterId);
        var dropped = _acc.DroppedByReason();
        var coverage = _acc.Roles.RoleNames.Select((role, i) => rules.Evaluate(role, ActivitySource.LookupEvents, _start, _end,
            activities.Where(a => a.RoleName == role).ToList(), _acc.Matched(i), _acc.DaysWithData(i), dropped, clusterId)).ToList();
        return new ActivityAnalysis { Activities = activities, Coverage = coverage };
    }
}
