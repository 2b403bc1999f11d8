using System.Text.Json;
using System.Text.Json.Nodes;
using AckHardening.Core.Audit;
using AckHardening.Core.Audit.Generation;
using AckHardening.Sandbox.Services.Sls;
using AckHardening.Sandbox.Services.Sls.Query;

namespace AckHardening.Sandbox.Services.ActionTrail;

/// <summary>One event of the account's history: its JSON (as LookupEvents returns it) and its SLS form.</summary>
public sealed class StoredEvent
{
    public required DateTimeOffset Time { get; init; }
    public required string Json { get; init; }
    /// <summary>The log ActionTrail writes to a trail's logstore: __topic__, owner_id, event and the flattened event.* keys.</summary>
    public required SlsLogRow Row { get; init; }

    public string? Field(string name) => Row.Fields.GetValueOrDefault("event." + name);
}

/// <summary>
/// The events of the scenario's <see cref="ActivitySpec"/>, produced once by the module's seeded generator (so
/// files written by <see cref="ActivityOssWriter"/> for the same spec hold identical events), kept in time order.
/// The SLS form is built here by flattening each event's JSON, independently of the module's readers.
/// </summary>
public sealed class ActivityEvents
{
    public const string Topic = "actiontrail_audit_event";
    /// <summary>The indexed keys of an ActionTrail logstore when there is no event to learn them from.</summary>
    private static readonly string[] BaseColumns =
    [
        SlsLogRow.TimeField, SlsLogRow.SourceField, "__topic__", "owner_id", "event", "event.eventName", "event.serviceName", "event.eventType",
        "event.eventRW", "event.eventTime", "event.acsRegion", "event.requestId", "event.eventId", "event.apiVersion", "event.errorCode",
        "event.errorMessage", "event.sourceIpAddress", "event.userAgent", "event.eventSource", "event.userIdentity.type",
        "event.userIdentity.userName", "event.userIdentity.principalId", "event.userIdentity.accessKeyId", "event.userIdentity.accountId",
    ];

    private ActivityEvents(ActivitySpec? spec, List<StoredEvent> events, GeneratedExpectation? expected)
    {
        Spec = spec;
        Events = events;
        Expected = expected;
        var columns = new HashSet<string>(BaseColumns, StringComparer.Ordinal);
        foreach (var e in events) columns.UnionWith(e.Row.Fields.Keys);
        Columns = columns;
    }

    public ActivitySpec? Spec { get; }
    public IReadOnlyList<StoredEvent> Events { get; }
    /// <summary>The generator's own ground truth for <see cref="Spec"/> (complete), or null without a spec.</summary>
    public GeneratedExpectation? Expected { get; }
    /// <summary>Keys SQL may name in an ActionTrail logstore.</summary>
    public IReadOnlySet<string> Columns { get; }
    /// <summary>Token lists for search, shared by every logstore that holds these rows.</summary>
    public SearchIndex SearchIndex { get; } = new();

    public static ActivityEvents Empty { get; } = new(null, [], null);

    public static ActivityEvents Generate(ActivitySpec spec)
    {
        var generator = new ActivityEventGenerator(spec);
        var events = new List<StoredEvent>();
        var buffer = new MemoryStream();
        foreach (var hour in generator.GenerateHours())
            foreach (var e in hour)
            {
                buffer.SetLength(0);
                using (var writer = new Utf8JsonWriter(buffer)) ActionTrailEventJson.Write(writer, e);
                var json = System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
                events.Add(new StoredEvent { Time = e.EventTime!.Value, Json = json, Row = ToLog(json, e.EventTime.Value, spec.AccountId) });
            }
        events.Sort((a, b) => a.Time.CompareTo(b.Time));
        return new ActivityEvents(spec, events, generator.Expected);
    }

    /// <summary>Flattens the event object into event.a.b keys with string values, as the ActionTrail logstore index shows them.</summary>
    private static SlsLogRow ToLog(string json, DateTimeOffset time, string accountId)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["__topic__"] = Topic,
            ["owner_id"] = accountId,
            ["event"] = json,
        };
        Flatten(JsonNode.Parse(json)!, "event", fields);
        return new SlsLogRow(time.ToUnixTimeSeconds(), "actiontrail", fields);
    }

    private static void Flatten(JsonNode node, string prefix, Dictionary<string, string> into)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (k, v) in o) if (v is not null) Flatten(v, prefix + "." + k, into);
                break;
            case JsonArray a:
                into[prefix] = a.ToJsonString();
                break;
            case JsonValue v:
                into[prefix] = v.GetValueKind() switch
                {
                    JsonValueKind.String => v.GetValue<string>(),
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    _ => v.ToJsonString(),
                };
                break;
        }
    }
}
