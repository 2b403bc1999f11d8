using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AckHardening.Sandbox.Infrastructure;
using AckHardening.Sandbox.Pipeline;

namespace AckHardening.Sandbox.Services.ActionTrail;

/// <summary>
/// LookupEvents (2020-07-06): the account's last 90 days of events, no trail needed. StartTime/EndTime (default the
/// last 7 days), one LookupAttribute.N condition, MaxResults ≤ 50, Direction BACKWARD (newest first, default) or
/// FORWARD, and NextToken paging that only continues a query with identical parameters.
/// </summary>
public sealed class LookupEventsAction : IApiModule
{
    public const int MaxResults = 50;
    public const int DefaultResults = 20;
    public static readonly TimeSpan History = TimeSpan.FromDays(90);
    private static readonly string[] Keys = ["ServiceName", "EventName", "User", "EventId", "ResourceType", "ResourceName", "EventRW", "EventAccessKeyId"];

    public void Register(ApiRegistry r) => r.Rpc(SandboxServices.ActionTrail, "LookupEvents", LookupEvents);

    private static ValueTask<ApiResult> LookupEvents(ApiCall c)
    {
        var now = c.Clock.UtcNow;
        var end = Time(c, "EndTime") ?? now;
        var start = Time(c, "StartTime") ?? end.AddDays(-7);
        if (end <= start) throw ActionTrailErrors.Invalid("EndTime", "EndTime must be later than StartTime.");
        var oldest = now - History;
        if (start < oldest) start = oldest; // history beyond 90 days is gone

        var max = DefaultResults;
        if (c.Param("MaxResults") is { Length: > 0 } m
            && (!int.TryParse(m, NumberStyles.None, CultureInfo.InvariantCulture, out max) || max > MaxResults))
            throw ActionTrailErrors.Invalid("MaxResults", $"MaxResults must be an integer from 0 to {MaxResults}.");
        if (max == 0) max = DefaultResults;
        var forward = c.Param("Direction") switch
        {
            null or "" or "BACKWARD" => false,
            "FORWARD" => true,
            var d => throw ActionTrailErrors.Invalid("Direction", $"'{d}' is not BACKWARD or FORWARD."),
        };
        var filter = Attribute(c);

        var fingerprint = Fingerprint(c);
        var offset = 0;
        if (c.Param("NextToken") is { Length: > 0 } token) offset = ReadToken(token, fingerprint);

        var store = c.State.ActionTrail();
        var events = store.Events.Events.Where(e => e.Time >= start && e.Time < end && e.Time <= now && (filter is null || filter(e)));
        var page = (forward ? events : events.Reverse()).Skip(offset).Take(max + 1).ToList();
        var array = new JsonArray();
        foreach (var e in page.Take(max)) array.Add(JsonNode.Parse(e.Json));
        var body = new JsonObject
        {
            ["Events"] = array,
            ["StartTime"] = Iso8601.Seconds(start),
            ["EndTime"] = Iso8601.Seconds(end),
        };
        if (page.Count > max) body["NextToken"] = WriteToken(offset + max, fingerprint);
        return ValueTask.FromResult(ApiResult.Ok(body));
    }

    private static DateTimeOffset? Time(ApiCall c, string name)
    {
        var text = c.Param(name);
        if (string.IsNullOrEmpty(text)) return null;
        return Iso8601.TryParseSeconds(text, out var t) ? t : throw ActionTrailErrors.Invalid(name, "Use UTC yyyy-MM-ddTHH:mm:ssZ.");
    }

    /// <summary>One LookupAttribute.N condition (the API takes a single one). User matches the whole userName or, for assumed roles, the role part before ':'.</summary>
    private static Func<StoredEvent, bool>? Attribute(ApiCall c)
    {
        var keys = c.Parameters.Keys.Where(k => k.StartsWith("LookupAttribute.", StringComparison.Ordinal) && k.EndsWith(".Key", StringComparison.Ordinal)).ToList();
        if (keys.Count == 0) return null;
        if (keys.Count > 1) throw ActionTrailErrors.Invalid("LookupAttribute", "Only one lookup attribute is supported per query.");
        var key = c.Parameters[keys[0]];
        var value = c.Param(keys[0][..^".Key".Length] + ".Value") ?? "";
        if (!Keys.Contains(key, StringComparer.Ordinal)) throw ActionTrailErrors.Invalid(keys[0], $"Valid keys: {string.Join(", ", Keys)}.");
        return key switch
        {
            "ServiceName" => e => string.Equals(e.Field("serviceName"), value, StringComparison.OrdinalIgnoreCase),
            "EventName" => e => e.Field("eventName") == value,
            "EventId" => e => e.Field("eventId") == value,
            "EventRW" => e => string.Equals(e.Field("eventRW"), value, StringComparison.OrdinalIgnoreCase),
            "EventAccessKeyId" => e => e.Field("userIdentity.accessKeyId") == value,
            "User" => e => e.Field("userIdentity.userName") is { } u && (u == value || u.StartsWith(value + ":", StringComparison.Ordinal)),
            _ => e => false, // the generated events reference no resources
        };
    }

    /// <summary>A token names the position and the query it belongs to, so it cannot be replayed with other parameters.</summary>
    private static string Fingerprint(ApiCall c)
    {
        var relevant = c.Parameters.Where(p => p.Key is "StartTime" or "EndTime" or "MaxResults" or "Direction" || p.Key.StartsWith("LookupAttribute.", StringComparison.Ordinal))
            .OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("&", relevant))))[..16];
    }

    private static string WriteToken(int offset, string fingerprint) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(offset.ToString(CultureInfo.InvariantCulture) + ":" + fingerprint));

    private static int ReadToken(string token, string fingerprint)
    {
        try
        {
            var parts = Encoding.ASCII.GetString(Convert.FromBase64String(token)).Split(':');
            if (parts.Length == 2 && parts[1] == fingerprint && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
                return offset;
        }
        catch (FormatException) { }
        throw ActionTrailErrors.Invalid("NextToken", "The token does not belong to this query; repeat the same parameters.");
    }
}
