using System.Text.Json.Nodes;
using AckHardening.Sandbox.Infrastructure;
using AckHardening.Sandbox.Pipeline;
using AckHardening.Sandbox.Services.Sls;

namespace AckHardening.Sandbox.Services.ActionTrail;

/// <summary>ActionTrail 2020-07-06 trail management: CreateTrail, DeleteTrail, StartLogging, StopLogging, DescribeTrails, GetTrailStatus.</summary>
public sealed class ActionTrailTrailActions : IApiModule
{
    public void Register(ApiRegistry r)
    {
        var s = SandboxServices.ActionTrail;
        r.Rpc(s, "CreateTrail", CreateTrail, isWrite: true);
        r.Rpc(s, "DeleteTrail", DeleteTrail, isWrite: true);
        r.Rpc(s, "StartLogging", c => SetLogging(c, true), isWrite: true);
        r.Rpc(s, "StopLogging", c => SetLogging(c, false), isWrite: true);
        r.Rpc(s, "DescribeTrails", DescribeTrails);
        r.Rpc(s, "GetTrailStatus", GetTrailStatus);
    }

    private static ValueTask<ApiResult> CreateTrail(ApiCall c)
    {
        var store = c.State.ActionTrail();
        var name = Required(c, "Name");
        if (!ActionTrailStore.ValidName(name)) throw ActionTrailErrors.InvalidName(name);
        var eventRW = c.Param("EventRW") is { Length: > 0 } rw
            ? ActionTrailStore.NormalizeEventRW(rw) ?? throw ActionTrailErrors.Invalid("EventRW", "Valid values: All, Read, Write.")
            : "Write"; // the API reference's default (the Terraform docs say All; the API wins)
        var slsArn = c.Param("SlsProjectArn") is { Length: > 0 } a ? a : null;
        var ossBucket = c.Param("OssBucketName") is { Length: > 0 } b ? b : null;
        if (slsArn is null && ossBucket is null) throw ActionTrailErrors.Invalid("SlsProjectArn", "Specify at least one of OssBucketName and SlsProjectArn.");
        if (slsArn is not null) CheckSlsTarget(c, store, slsArn);
        var writeRole = c.Param("SlsWriteRoleArn") is { Length: > 0 } w ? w : null;
        if (writeRole is not null) CheckRoleArn(store, "SlsWriteRoleArn", writeRole);
        if (ossBucket is not null && (ossBucket.Length is < 3 or > 63)) throw ActionTrailErrors.Invalid("OssBucketName", "The name must be 3 to 63 characters.");
        var prefix = c.Param("OssKeyPrefix") is { Length: > 0 } k ? k : null;
        if (prefix is not null && prefix.Length is < 6 or > 32) throw ActionTrailErrors.Invalid("OssKeyPrefix", "The prefix must be 6 to 32 characters.");
        var isOrg = c.Param("IsOrganizationTrail") is { } org && bool.TryParse(org, out var v) && v;
        if (isOrg) throw ActionTrailErrors.Invalid("IsOrganizationTrail", "The sandbox account is not a resource directory management account.");

        var now = c.Clock.UtcNow;
        var trail = new Trail
        {
            Name = name, HomeRegion = store.Region, TrailRegion = c.Param("TrailRegion") is { Length: > 0 } tr ? tr : "All", EventRW = eventRW,
            SlsProjectArn = slsArn, SlsWriteRoleArn = writeRole ?? (slsArn is null ? null : $"acs:ram::{store.AccountUid}:role/aliyunserviceroleforactiontrail"),
            OssBucketName = ossBucket, OssKeyPrefix = prefix, OssWriteRoleArn = c.Param("OssWriteRoleArn"),
            AccountUid = store.AccountUid, CreateTime = now, UpdateTime = now,
        };
        lock (store.Gate) store.Add(trail); // new trails are not logging until StartLogging
        return Ok(new JsonObject
        {
            ["HomeRegion"] = trail.HomeRegion, ["Name"] = trail.Name, ["EventRW"] = trail.EventRW, ["TrailRegion"] = trail.TrailRegion,
            ["SlsProjectArn"] = trail.SlsProjectArn ?? "", ["SlsWriteRoleArn"] = trail.SlsWriteRoleArn ?? "", ["OssBucketName"] = trail.OssBucketName ?? "",
            ["OssKeyPrefix"] = trail.OssKeyPrefix ?? "", ["OssWriteRoleArn"] = trail.OssWriteRoleArn ?? "",
        });
    }

    /// <summary>The project must exist in the caller's account (ActionTrail creates only the logstore).</summary>
    private static void CheckSlsTarget(ApiCall c, ActionTrailStore store, string arn)
    {
        if (Trail.ParseProjectArn(arn) is not { } target)
            throw ActionTrailErrors.Invalid("SlsProjectArn", "Expected acs:log:<region>:<accountId>:project/<project>.");
        if (target.Uid != store.AccountUid) throw ActionTrailErrors.Invalid("SlsProjectArn", $"The project must belong to account {store.AccountUid}.");
        var project = c.State.Sls().FindProject(target.Project);
        if (project is null || project.Region != target.Region || project.OwnerUid != target.Uid)
            throw ActionTrailErrors.Invalid("SlsProjectArn", $"The Log Service project {target.Project} does not exist in {target.Region}.");
    }

    private static void CheckRoleArn(ActionTrailStore store, string parameter, string arn)
    {
        var prefix = $"acs:ram::{store.AccountUid}:role/";
        if (!arn.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || arn.Length == prefix.Length)
            throw ActionTrailErrors.Invalid(parameter, $"Expected {prefix}<roleName>.");
    }

    private static ValueTask<ApiResult> DeleteTrail(ApiCall c)
    {
        var store = c.State.ActionTrail();
        var name = Required(c, "Name");
        lock (store.Gate)
        {
            if (store.Find(name) is null) throw ActionTrailErrors.NotFound(name);
            store.Remove(name);
        }
        return Ok(new JsonObject());
    }

    private static ValueTask<ApiResult> SetLogging(ApiCall c, bool start)
    {
        var store = c.State.ActionTrail();
        var name = Required(c, "Name");
        var now = c.Clock.UtcNow;
        lock (store.Gate)
        {
            var trail = store.Find(name) ?? throw ActionTrailErrors.NotFound(name);
            // Both are idempotent: starting a logging trail or stopping a stopped one changes nothing.
            if (start && !trail.IsLogging) trail.LoggingPeriods.Add((now, null));
            else if (!start && trail.IsLogging) trail.LoggingPeriods[^1] = (trail.LoggingPeriods[^1].Start, now);
            trail.UpdateTime = now;
        }
        return Ok(new JsonObject());
    }

    private static ValueTask<ApiResult> DescribeTrails(ApiCall c)
    {
        var store = c.State.ActionTrail();
        var names = c.Param("NameList") is { Length: > 0 } list ? list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal) : null;
        var array = new JsonArray();
        lock (store.Gate)
            foreach (var t in store.All.Where(t => names is null || names.Contains(t.Name)))
                array.Add(new JsonObject
                {
                    ["Name"] = t.Name, ["HomeRegion"] = t.HomeRegion, ["TrailRegion"] = t.TrailRegion, ["Region"] = t.HomeRegion,
                    ["EventRW"] = t.EventRW, ["Status"] = t.Status,
                    ["SlsProjectArn"] = t.SlsProjectArn ?? "", ["SlsWriteRoleArn"] = t.SlsWriteRoleArn ?? "",
                    ["OssBucketName"] = t.OssBucketName ?? "", ["OssKeyPrefix"] = t.OssKeyPrefix ?? "", ["OssWriteRoleArn"] = t.OssWriteRoleArn ?? "",
                    ["OssBucketLocation"] = t.OssBucketName is null ? "" : "oss-" + t.HomeRegion,
                    ["IsOrganizationTrail"] = t.IsOrganizationTrail, ["OrganizationId"] = "", ["TrailArn"] = t.Arn,
                    ["CreateTime"] = Iso8601.Seconds(t.CreateTime), ["UpdateTime"] = Iso8601.Seconds(t.UpdateTime),
                    ["StartLoggingTime"] = Time(t.StartLoggingTime), ["StopLoggingTime"] = Time(t.StopLoggingTime),
                });
        return Ok(new JsonObject { ["TrailList"] = array });
    }

    private static ValueTask<ApiResult> GetTrailStatus(ApiCall c)
    {
        var store = c.State.ActionTrail();
        var name = Required(c, "Name");
        Trail trail;
        lock (store.Gate) trail = store.Find(name) ?? throw ActionTrailErrors.NotFound(name);
        var events = store.Events.Events;
        DateTimeOffset? latest;
        lock (store.Gate)
            latest = events.LastOrDefault(e => e.Time <= c.Clock.UtcNow && trail.Delivers(e.Time, e.Field("eventRW"), e.Field("acsRegion")))?.Time;
        var sls = trail.SlsTarget is { } target && c.State.Sls().FindProject(target.Project) is not null;
        return Ok(new JsonObject
        {
            ["IsLogging"] = trail.IsLogging,
            ["LatestDeliveryError"] = "",
            ["LatestDeliveryLogServiceError"] = "",
            ["LatestDeliveryLogServiceTime"] = trail.SlsProjectArn is null ? "" : Time(latest),
            ["LatestDeliveryTime"] = Time(latest),
            ["OssBucketStatus"] = trail.OssBucketName is not null,
            ["SlsLogStoreStatus"] = sls,
            ["StartLoggingTime"] = Time(trail.StartLoggingTime),
            ["StopLoggingTime"] = Time(trail.StopLoggingTime),
        });
    }

    private static string Required(ApiCall c, string name) => c.Param(name) is { Length: > 0 } v ? v : throw ActionTrailErrors.Missing(name);

    private static string Time(DateTimeOffset? t) => t is { } v ? Iso8601.Seconds(v) : "";

    private static ValueTask<ApiResult> Ok(JsonObject body) => ValueTask.FromResult(ApiResult.Ok(body));
}
