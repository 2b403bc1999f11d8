using System.Text.Json;
using System.Text.Json.Nodes;
using AckHardening.Core.Audit.Generation;
using AckHardening.Sandbox.Infrastructure;
using AckHardening.Sandbox.Pipeline;
using AckHardening.Sandbox.Services.Sls;

namespace AckHardening.Sandbox.Services.ActionTrail;

/// <summary>
/// Control endpoints for audit tests: the generator's ground truth, the same events as OSS-style files for -Path
/// tests, and the SLS Incomplete quota.
/// <list type="bullet">
/// <item><c>GET /_sandbox/expected-activity[?role=&lt;RoleName&gt;]</c></item>
/// <item><c>POST /_sandbox/actiontrail/export</c> <c>{"folder":"…","format":"GzipJsonArray|GzipNdjson|JsonArray|Ndjson","ossKeyPrefix":null}</c></item>
/// <item><c>POST /_sandbox/sls/incomplete</c> <c>{"project":"…","logstore":"…","calls":N}</c></item>
/// </list>
/// </summary>
public sealed class ActionTrailControl : IApiModule
{
    public void Register(ApiRegistry r)
    {
        var control = SandboxServices.Control;
        r.Roa(control, "GET", "/_sandbox/expected-activity", "ExpectedActivity", ExpectedActivity, anonymous: true);
        r.Roa(control, "POST", "/_sandbox/actiontrail/export", "ExportActionTrail", Export, anonymous: true);
        r.Roa(control, "POST", "/_sandbox/sls/incomplete", "SetSlsIncomplete", SetIncomplete, anonymous: true);
    }

    /// <summary>Per (role, service, event): successful+failed calls (count), denied, errors, first/last seen; plus the window and totals.</summary>
    private static ValueTask<ApiResult> ExpectedActivity(ApiCall c)
    {
        var events = c.State.ActionTrail().Events;
        if (events.Expected is not { } expected || events.Spec is not { } spec)
            throw new ApiException(404, "NoActivity", "The scenario has no activity spec in actiontrail.json.");
        var role = c.Param("role");
        var list = new JsonArray();
        foreach (var a in expected.Activities().Where(a => role is null || a.RoleName.Equals(role, StringComparison.OrdinalIgnoreCase)))
            list.Add(new JsonObject
            {
                ["roleName"] = a.RoleName, ["serviceName"] = a.ServiceName, ["eventName"] = a.EventName, ["action"] = a.Action,
                ["count"] = a.Count, ["deniedCount"] = a.DeniedCount, ["errorCount"] = a.ErrorCount, ["total"] = a.Count + a.DeniedCount,
                ["firstSeen"] = a.FirstSeen is { } f ? Iso8601.Seconds(f) : null, ["lastSeen"] = a.LastSeen is { } l ? Iso8601.Seconds(l) : null,
            });
        var matched = new JsonObject();
        foreach (var (k, v) in expected.MatchedByRole) matched[k] = v;
        var days = new JsonObject();
        foreach (var (k, v) in expected.DaysWithDataByRole) days[k] = v;
        return Ok(new JsonObject
        {
            ["windowStart"] = Iso8601.Seconds(spec.WindowStart), ["windowEnd"] = Iso8601.Seconds(spec.WindowEnd),
            ["totalEvents"] = expected.TotalEvents, ["otherPrincipalEvents"] = expected.OtherPrincipalEvents, ["nonApiEvents"] = expected.NonApiEvents,
            ["matchedByRole"] = matched, ["daysWithDataByRole"] = days, ["activities"] = list,
        });
    }

    /// <summary>Writes the scenario's events (same spec, same window) under folder/AliyunLogs/Actiontrail/… with the module's writer.</summary>
    private static ValueTask<ApiResult> Export(ApiCall c)
    {
        var body = c.BodyJson() as JsonObject ?? throw Bad("Body must be {\"folder\": \"<absolute path>\"}.");
        var folder = (string?)body["folder"];
        if (string.IsNullOrWhiteSpace(folder) || !Path.IsPathFullyQualified(folder)) throw Bad("folder must be an absolute path.");
        var format = ActivityFileFormat.GzipJsonArray;
        if (body["format"] is JsonValue f && !Enum.TryParse(f.GetValue<string>(), true, out format)) throw Bad("format must be GzipJsonArray, GzipNdjson, JsonArray or Ndjson.");
        var spec = c.State.ActionTrail().Events.Spec ?? throw new ApiException(404, "NoActivity", "The scenario has no activity spec in actiontrail.json.");
        // The writer runs its own generator over a copy of the spec, so the live store is untouched.
        var copy = ActivitySpec.FromJson(spec.ToJson());
        ActivityGenerationResult result;
        try { result = ActivityOssWriter.Write(copy, folder, format, (string?)body["ossKeyPrefix"], c.Aborted); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new ApiException(500, "ExportFailed", e.Message); }
        return Ok(new JsonObject
        {
            ["folder"] = folder, ["files"] = result.Files.Count, ["bytes"] = result.CompressedBytes, ["totalEvents"] = result.Expected.TotalEvents,
            ["windowStart"] = Iso8601.Seconds(copy.WindowStart), ["windowEnd"] = Iso8601.Seconds(copy.WindowEnd),
        });
    }

    private static ValueTask<ApiResult> SetIncomplete(ApiCall c)
    {
        var body = c.BodyJson() as JsonObject ?? throw Bad("Body must be {\"project\":…,\"logstore\":…,\"calls\":N}.");
        var project = (string?)body["project"];
        var logstore = (string?)body["logstore"];
        int calls;
        try { calls = body["calls"]?.GetValue<int>() ?? -1; }
        catch (Exception e) when (e is FormatException or InvalidOperationException) { calls = -1; }
        if (string.IsNullOrEmpty(project) || string.IsNullOrEmpty(logstore) || calls < 0) throw Bad("project, logstore and calls (≥ 0) are required.");
        c.State.Sls().SetIncomplete(project, logstore, calls);
        return Ok(new JsonObject { ["project"] = project, ["logstore"] = logstore, ["calls"] = calls });
    }

    private static ApiException Bad(string message) => new(400, "InvalidRequest", message);
    private static ValueTask<ApiResult> Ok(JsonNode body) => ValueTask.FromResult(ApiResult.Ok(body));
}
