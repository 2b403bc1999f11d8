using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AckHardening.Sandbox.Faults;
using AckHardening.Sandbox.Infrastructure;
using AckHardening.Sandbox.Pipeline;
using AckHardening.Sandbox.State;

namespace AckHardening.Sandbox.Control;

/// <summary>
/// The sandbox's own API on the Control port under /_sandbox/: request log, faults, reset, simulated clock.
/// Not authenticated, not logged, never faulted.
/// </summary>
public sealed class ControlApi : IApiModule
{
    private static readonly SandboxService Control = SandboxServices.Control;

    public void Register(ApiRegistry r)
    {
        r.Roa(Control, "GET", "/_sandbox/requests", "ListRequests", ListRequests, anonymous: true);
        r.Roa(Control, "DELETE", "/_sandbox/requests", "ClearRequests", c => { c.State.Log.Clear(); return Done(); }, anonymous: true);
        r.Roa(Control, "GET", "/_sandbox/faults", "ListFaults", ListFaults, anonymous: true);
        r.Roa(Control, "POST", "/_sandbox/faults", "AddFaults", AddFaults, anonymous: true);
        r.Roa(Control, "DELETE", "/_sandbox/faults", "ClearFaults", c => { c.State.Faults.Clear(); return Done(); }, anonymous: true);
        r.Roa(Control, "POST", "/_sandbox/reset", "Reset", Reset, anonymous: true);
        r.Roa(Control, "GET", "/_sandbox/clock", "GetClock", c => Ok(ClockJson(c)), anonymous: true);
        r.Roa(Control, "POST", "/_sandbox/clock", "AdvanceClock", AdvanceClock, anonymous: true);
        // Issued STS credentials, secrets included: the sandbox is a loopback test tool, and tests need the real
        // values to prove that no stream, file or exception of the module ever shows them.
        r.Roa(Control, "GET", "/_sandbox/sts-sessions", "ListStsSessions", ListStsSessions, anonymous: true);
        r.Roa(Control, "GET", "/_sandbox/endpoints", "GetEndpoints", c => Ok(c.Runtime.Endpoints!.ToJson()), anonymous: true);
    }

    /// <summary>Bare JSON array of entries, oldest first; optional filters service, action, since (seq greater than).</summary>
    private static ValueTask<ApiResult> ListRequests(ApiCall c)
    {
        var since = long.TryParse(c.Param("since"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
        var entries = c.State.Log.Snapshot().Where(e => e.Seq > since
            && (c.Param("service") is not { } svc || string.Equals(svc, e.Service, StringComparison.OrdinalIgnoreCase))
            && (c.Param("action") is not { } act || act == e.Action));
        var array = new JsonArray();
        foreach (var e in entries)
            array.Add(new JsonObject
            {
                ["seq"] = e.Seq, ["time"] = e.Time, ["service"] = e.Service, ["action"] = e.Action, ["method"] = e.Method,
                ["path"] = e.Path, ["status"] = e.Status, ["isWrite"] = e.IsWrite, ["code"] = e.Code,
                ["accessKeyId"] = e.AccessKeyId, ["fault"] = e.Fault,
            });
        return Ok(array);
    }

    private static ValueTask<ApiResult> ListStsSessions(ApiCall c)
    {
        var array = new JsonArray();
        foreach (var session in c.State.StsSessions.Snapshot())
            array.Add(new JsonObject
            {
                ["accessKeyId"] = session.AccessKeyId, ["accessKeySecret"] = session.AccessKeySecret,
                ["securityToken"] = session.SecurityToken, ["arn"] = session.Caller.Arn,
                ["expiration"] = session.Expiration.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            });
        return Ok(array);
    }

    private static ValueTask<ApiResult> ListFaults(ApiCall c)
    {
        var array = new JsonArray();
        foreach (var (id, rule) in c.State.Faults.Snapshot()) array.Add(FaultJson(id, rule));
        return Ok(array);
    }

    /// <summary>Body: one rule object or an array of them. Answers 201 with the stored rules and their ids.</summary>
    private static ValueTask<ApiResult> AddFaults(ApiCall c)
    {
        var node = c.BodyJson() ?? throw Bad("A fault rule body is required.");
        var rules = new List<FaultRule>();
        try
        {
            if (node is JsonArray arr) rules.AddRange(arr.Select(n => n.Deserialize<FaultRule>(SandboxJson.Scenario)!));
            else rules.Add(node.Deserialize<FaultRule>(SandboxJson.Scenario)!);
        }
        catch (JsonException e) { throw Bad(e.Message); }

        var result = new JsonArray();
        foreach (var rule in rules)
        {
            if (rule.Service != "*" && SandboxServices.Find(rule.Service) is null) throw Bad($"Unknown service '{rule.Service}'.");
            try { result.Add(FaultJson(c.State.Faults.Add(rule), rule)); }
            catch (ArgumentException e) { throw Bad(e.Message); }
        }
        return ValueTask.FromResult(ApiResult.WithStatus(201, result));
    }

    private static ValueTask<ApiResult> Reset(ApiCall c)
    {
        try { c.Runtime.Reset(); }
        catch (Exception e) when (e is ScenarioException or IOException) { throw new ApiException(500, "ScenarioInvalid", e.Message); }
        return Ok(new JsonObject { ["reset"] = true, ["scenario"] = c.Runtime.ScenarioFolder, ["now"] = Iso8601.Seconds(c.Clock.UtcNow) });
    }

    /// <summary>Body {"advanceSeconds": N} with N ≥ 0; answers the new simulated time.</summary>
    private static ValueTask<ApiResult> AdvanceClock(ApiCall c)
    {
        var node = c.BodyJson();
        if (node?["advanceSeconds"] is not JsonValue v || !v.TryGetValue(out double seconds) || seconds < 0 || double.IsNaN(seconds))
            throw Bad("Body must be {\"advanceSeconds\": <non-negative number>}.");
        c.Clock.Advance(TimeSpan.FromSeconds(seconds));
        return Ok(ClockJson(c));
    }

    private static JsonObject ClockJson(ApiCall c) => new()
    {
        ["now"] = Iso8601.Seconds(c.Clock.UtcNow),
        ["offsetSeconds"] = Math.Round((c.Clock.UtcNow - c.Clock.WallUtcNow).TotalSeconds),
    };

    private static JsonObject FaultJson(int id, FaultRule r) => new()
    {
        ["id"] = id, ["service"] = r.Service, ["action"] = r.Action, ["kind"] = r.Kind.ToLowerInvariant(), ["count"] = r.Count,
        ["status"] = r.Status, ["code"] = r.Code, ["message"] = r.Message, ["delayMs"] = r.DelayMs, ["retryAfterMs"] = r.RetryAfterMs,
    };

    private static ApiException Bad(string message) => new(400, "InvalidRequest", message);
    private static ValueTask<ApiResult> Ok(JsonNode body) => ValueTask.FromResult(ApiResult.Ok(body));
    private static ValueTask<ApiResult> Done() => ValueTask.FromResult(ApiResult.NoContent());
}
