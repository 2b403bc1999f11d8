using System.Globalization;
using System.Text.Json;
using AckHardening.Audit;
using AckHardening.Core.Audit;
using AckHardening.Core.Errors;
using AckHardening.Core.Http;
using AckHardening.Core.Tests.Step1;

namespace AckHardening.Core.Tests.AuditCmdlets;

public class LookupEventsQueryTests
{
    private const string Role = "KubernetesWorkerRole-4a9e2f1c-7b3d-4e8a-9c6f-1d2e3f4a5b6c";

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static readonly DateTimeOffset Now = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static object Event(string user, string service, string name, DateTimeOffset time, string errorCode = "", string type = "ApiCall") => new Dictionary<string, object>
    {
        ["eventId"] = Guid.NewGuid().ToString(), ["eventType"] = type, ["eventName"] = name, ["serviceName"] = service,
        ["eventTime"] = time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), ["acsRegion"] = "cn-hangzhou",
        ["errorCode"] = errorCode, ["errorMessage"] = "",
        ["userIdentity"] = new Dictionary<string, object> { ["type"] = "assumed-role", ["userName"] = user, ["principalId"] = "3000:" + user.Split(':').Last() },
    };

    [Fact]
    public async Task Pages_are_followed_by_NextToken_with_otherwise_identical_parameters()
    {
        var start = Now.AddDays(-14);
        var pages = new[]
        {
            new { Events = new[] { Event(Role + ":vm-ram-i-a", "Ecs", "DescribeInstances", start.AddHours(1)), Event("someone-else", "Ecs", "DescribeInstances", start.AddHours(1)) }, NextToken = (string?)"t1" },
            new { Events = new[] { Event(Role + ":vm-ram-i-b", "Ecs", "DescribeInstances", start.AddHours(30)), Event(Role + ":vm-ram-i-b", "Ecs", "CreateNetworkInterface", start.AddHours(31), "Forbidden.RAM") }, NextToken = (string?)"t2" },
            new { Events = new[] { Event(Role + ":vm-ram-i-a", "Sls", "GetLogStore", start.AddDays(10)) }, NextToken = (string?)null },
        };
        var t = new ScriptedTransport().On(ServiceDescriptor.ActionTrail, "LookupEvents", (r, n) =>
            new FakeAnswer(JsonSerializer.Serialize(new { pages[n - 1].Events, pages[n - 1].NextToken, RequestId = "r" + n })));
        var service = new ActivityQueryService(t, options: new ActivityQueryOptions { Clock = new FixedClock(Now) });
        var result = await service.QueryLookupEventsAsync([Role], start, Now, null, "cn-hangzhou", default);

        Assert.Equal(3, t.Count("LookupEvents"));
        Assert.False(t.Requests[0].Query.ContainsKey("NextToken"));
        Assert.Equal("t1", t.Requests[1].Query["NextToken"]);
        Assert.Equal("t2", t.Requests[2].Query["NextToken"]);
        foreach (var r in t.Requests)
        {
            Assert.Equal("2026-02-15T00:00:00Z", r.Query["StartTime"]);
            Assert.Equal("2026-03-01T00:00:00Z", r.Query["EndTime"]);
            Assert.Equal("50", r.Query["MaxResults"]);
            Assert.True(r.Idempotent); // so the transport retries throttling
            Assert.Equal("cn-hangzhou", r.RegionId);
        }

        Assert.Equal(["ecs:CreateNetworkInterface", "ecs:DescribeInstances", "log:GetLogStore"], result.Activities.Select(a => a.Action).Order(StringComparer.Ordinal));
        var describe = result.Activities.Single(a => a.Action == "ecs:DescribeInstances");
        Assert.Equal((2L, ActivitySource.LookupEvents), (describe.Count, describe.Source));
        Assert.Equal(1, result.Activities.Single(a => a.Action == "ecs:CreateNetworkInterface").DeniedCount);
        var coverage = Assert.Single(result.Coverage);
        Assert.Equal(4, coverage.EventsMatched);
        Assert.Equal(1, coverage.EventsDroppedByReason["OtherPrincipal"]);
    }

    [Fact]
    public async Task A_repeated_NextToken_stops_the_walk_instead_of_looping()
    {
        var t = new ScriptedTransport().On(ServiceDescriptor.ActionTrail, "LookupEvents", "{\"Events\":[],\"NextToken\":\"same\"}");
        var service = new ActivityQueryService(t, options: new ActivityQueryOptions { Clock = new FixedClock(Now) });
        var e = await Assert.ThrowsAsync<AckException>(() => service.QueryLookupEventsAsync([Role], Now.AddDays(-1), Now, null, null, default));
        Assert.Equal("AckMalformedResponse", e.ErrorId);
        Assert.Equal(2, t.Count("LookupEvents"));
    }

    [Fact]
    public async Task A_window_older_than_the_90_day_history_is_moved_up_with_a_warning()
    {
        var t = new ScriptedTransport().On(ServiceDescriptor.ActionTrail, "LookupEvents", "{\"Events\":[]}");
        var log = new RecordingLog();
        var service = new ActivityQueryService(t, log, new ActivityQueryOptions { Clock = new FixedClock(Now) });
        var result = await service.QueryLookupEventsAsync([Role], Now.AddDays(-200), Now, null, null, default);
        Assert.Equal("2025-12-01T00:00:00Z", Assert.Single(t.Requests).Query["StartTime"]);
        Assert.Contains(log.Warnings, w => w.Contains("90 days"));
        Assert.Contains(Assert.Single(result.Coverage).Reasons, r => r.Contains("No call"));
    }

    [Fact]
    public async Task An_Events_field_of_the_wrong_shape_is_a_malformed_response()
    {
        var t = new ScriptedTransport().On(ServiceDescriptor.ActionTrail, "LookupEvents", "{\"Events\":{}}");
        var service = new ActivityQueryService(t, options: new ActivityQueryOptions { Clock = new FixedClock(Now) });
        var e = await Assert.ThrowsAsync<AlibabaServiceException>(() => service.QueryLookupEventsAsync([Role], Now.AddDays(-1), Now, null, null, default));
        Assert.Equal("MalformedResponse", e.Code);
    }
}
