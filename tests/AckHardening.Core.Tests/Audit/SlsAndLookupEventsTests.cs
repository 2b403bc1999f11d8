using System.Text.Json;
using AckHardening.Audit;
using AckHardening.Core.Audit;
using AckHardening.Core.Audit.LookupEvents;
using AckHardening.Core.Audit.Sls;
using AckHardening.Core.Errors;
using static AckHardening.Core.Tests.Audit.AuditSamples;

namespace AckHardening.Core.Tests.Audit;

public class SlsAndLookupEventsTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_query_selects_roles_by_prefix_and_groups_with_paging()
    {
        Assert.Equal(
            "event.userIdentity.userName: kubernetesworkerrole-4a9e2f1c-7b3d-4e8a-9c6f-1d2e3f4a5b6c* and event.eventType: ApiCall"
            + " | select lower(split_part(\"event.userIdentity.userName\", ':', 1)) as role, \"event.serviceName\" as service, \"event.eventName\" as event, count(*) as total"
            + ", sum(case when regexp_like(lower(coalesce(\"event.errorCode\", '')), 'nopermission|forbidden|notauthorized|accessdenied|errorcheckacl') then 1 else 0 end) as denied"
            + ", sum(case when coalesce(\"event.errorCode\", '') <> '' then 1 else 0 end) as failed"
            + ", min(__time__) as first_seen, max(__time__) as last_seen from log"
            + " where lower(\"event.userIdentity.userName\") like 'kubernetesworkerrole-4a9e2f1c-7b3d-4e8a-9c6f-1d2e3f4a5b6c:%'"
            + " group by lower(split_part(\"event.userIdentity.userName\", ':', 1)), \"event.serviceName\", \"event.eventName\""
            + " order by total desc, role, service, event limit 0, 10000",
            SlsActivityQuery.Build([Role]));

        var two = SlsActivityQuery.Build([Role, GpuRole], offset: 20000, pageSize: 500);
        Assert.StartsWith("(event.userIdentity.userName: kubernetesworkerrole-4a9e2f1c-7b3d-4e8a-9c6f-1d2e3f4a5b6c* or event.userIdentity.userName: ackgpunoderole*) and event.eventType: ApiCall | select ", two);
        Assert.Contains(" where lower(\"event.userIdentity.userName\") like 'kubernetesworkerrole-4a9e2f1c-7b3d-4e8a-9c6f-1d2e3f4a5b6c:%' or lower(\"event.userIdentity.userName\") like 'ackgpunoderole:%' group by ", two);
        Assert.EndsWith(" limit 20000, 500", two);
        Assert.DoesNotContain("userName\" =", two);
    }

    [Fact]
    public void The_days_query_has_the_same_search_and_filter_and_groups_by_role_and_UTC_day()
    {
        Assert.Equal(
            "event.userIdentity.userName: kubernetesworkerrole-4a9e2f1c-7b3d-4e8a-9c6f-1d2e3f4a5b6c* and event.eventType: ApiCall"
            + " | select lower(split_part(\"event.userIdentity.userName\", ':', 1)) as role, __time__ - __time__ % 86400 as day, count(*) as n from log"
            + " where lower(\"event.userIdentity.userName\") like 'kubernetesworkerrole-4a9e2f1c-7b3d-4e8a-9c6f-1d2e3f4a5b6c:%'"
            + " group by lower(split_part(\"event.userIdentity.userName\", ':', 1)), __time__ - __time__ % 86400"
            + " order by role, day limit 0, 10000",
            SlsActivityQuery.BuildDays([Role]));

        // Search part and WHERE are exactly the activity query's, so both count the same calls.
        static (string Search, string Where) Parts(string q) =>
            (q[..q.IndexOf(" | select ", StringComparison.Ordinal)], q[q.IndexOf(" from log where ", StringComparison.Ordinal)..q.IndexOf(" group by ", StringComparison.Ordinal)]);
        Assert.Equal(Parts(SlsActivityQuery.Build([Role, GpuRole])), Parts(SlsActivityQuery.BuildDays([Role, GpuRole])));
        Assert.EndsWith(" limit 300, 20", SlsActivityQuery.BuildDays([Role], 300, 20));
        Assert.Equal("AckInvalidRoleName", Assert.Throws<AckException>(() => SlsActivityQuery.BuildDays(["x' or 1=1 --"])).ErrorId);
        Assert.Equal("AckTooManyRows", Assert.Throws<AckException>(() => SlsActivityQuery.BuildDays([Role], 995_000, 10_000)).ErrorId);

        var req = SlsActivityQuery.BuildDaysRequest("actiontrail_ack-audit", Start, Start.AddDays(14), [Role]);
        Assert.Equal((1767225600L, 1768435200L, SlsActivityQuery.BuildDays([Role])), (req.From, req.To, req.Query));
        Assert.Equal("AckInvalidWindow", Assert.Throws<AckException>(() => SlsActivityQuery.BuildDaysRequest("actiontrail_t", Start, Start, [Role])).ErrorId);
    }

    [Fact]
    public void Days_pages_give_each_role_its_distinct_UTC_days()
    {
        var roles = new RolePrincipalMatcher([Role, GpuRole, "AckIdleRole"]);
        var complete = new Dictionary<string, string> { ["x-log-progress"] = "Complete" };
        const string page1 = """
            [{"__time__":"1767225600","__source__":"","role":"kubernetesworkerrole-4a9e2f1c-7b3d-4e8a-9c6f-1d2e3f4a5b6c","day":"1767225600","n":"40"},
             {"role":"kubernetesworkerrole-4a9e2f1c-7b3d-4e8a-9c6f-1d2e3f4a5b6c","day":"1767312000","n":"3"},
             {"role":"ackgpunoderole","day":"1767398400","n":"1"},
             {"role":"someoneelse","day":"1767398400","n":"9"}]
            """;
        var p1 = SlsActivityResponse.ParseDays(page1, complete, roles);
        Assert.True(p1.IsComplete);
        Assert.Equal(4, p1.RowCount); // the row count drives paging, even for rows of roles not asked for
        Assert.Equal(3, p1.Rows.Count);
        Assert.Equal(new SlsRoleDayRow(Role, new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero), 3), p1.Rows[1]);
        // A later page repeating a day (it cannot, but a union must not double count) and a new day.
        var p2 = SlsActivityResponse.ParseDays("""[{"role":"kubernetesworkerrole-4a9e2f1c-7b3d-4e8a-9c6f-1d2e3f4a5b6c","day":"1767312000","n":"1"},{"role":"kubernetesworkerrole-4a9e2f1c-7b3d-4e8a-9c6f-1d2e3f4a5b6c","day":"1768348800","n":"2"}]""", complete, roles);

        var collector = new SlsActivityCollector(roles);
        collector.Add(SlsActivityResponse.Parse(Page1, complete, roles));
        collector.AddDays(p1);
        collector.AddDays(p2);
        var coverage = collector.Build(Start, Start.AddDays(14)).Coverage.ToDictionary(c => c.RoleName, c => c.DaysWithData);
        Assert.Equal(3, coverage[Role]);
        Assert.Equal(1, coverage[GpuRole]);
        Assert.Equal(0, coverage["AckIdleRole"]); // the days query ran and found nothing: zero, not unknown

        var incomplete = SlsActivityResponse.ParseDays("[]", new Dictionary<string, string> { ["x-log-progress"] = "Incomplete" }, roles);
        Assert.False(incomplete.IsComplete);
        Assert.Throws<InvalidOperationException>(() => new SlsActivityCollector(roles).AddDays(incomplete));
        Assert.Equal("AckMalformedResponse", Assert.Throws<AckException>(() => SlsActivityResponse.ParseDays("""[{"role":"ackgpunoderole","n":"1"}]""", complete, roles)).ErrorId);
        Assert.Equal("AckMalformedResponse", Assert.Throws<AckException>(() => SlsActivityResponse.ParseDays("""[{"role":"ackgpunoderole","day":"1767225601","n":"1"}]""", complete, roles)).ErrorId);
        Assert.Equal("AckMalformedResponse", Assert.Throws<AckException>(() => SlsActivityResponse.ParseDays("{}", complete, roles)).ErrorId);
    }

    [Fact]
    public void The_query_refuses_bad_roles_and_limits()
    {
        Assert.Equal("AckInvalidRoleName", Assert.Throws<AckException>(() => SlsActivityQuery.Build(["x' or 1=1 --"])).ErrorId);
        Assert.Equal("AckInvalidPageSize", Assert.Throws<AckException>(() => SlsActivityQuery.Build([Role], 0, 10_001)).ErrorId);
        Assert.Equal("AckTooManyRows", Assert.Throws<AckException>(() => SlsActivityQuery.Build([Role], 995_000, 10_000)).ErrorId);
        Assert.Equal(5_000, SlsActivityQuery.PageSizeAt(995_000));
        Assert.Equal("AckInvalidWindow", Assert.Throws<AckException>(() => SlsActivityQuery.BuildRequest("actiontrail_t", Start, Start, [Role])).ErrorId);
    }

    [Fact]
    public void The_request_carries_window_and_query()
    {
        var req = SlsActivityQuery.BuildRequest(SlsActivityQuery.LogstoreForTrail("ack-audit"), Start, Start.AddDays(14), [Role]);
        Assert.Equal("/logstores/actiontrail_ack-audit", req.Path);
        var p = req.ToQueryParameters().ToDictionary(kv => kv.Key, kv => kv.Value);
        Assert.Equal("log", p["type"]);
        Assert.Equal("1767225600", p["from"]);
        Assert.Equal("1768435200", p["to"]);
        Assert.Equal(SlsActivityQuery.Build([Role]), p["query"]);
    }

    [Fact]
    public void Paging_continues_only_after_a_full_page()
    {
        Assert.True(SlsActivityQuery.TryGetNextOffset(0, 100, 100, out var next, out var truncated));
        Assert.Equal((100L, false), (next, truncated));
        Assert.False(SlsActivityQuery.TryGetNextOffset(100, 100, 42, out _, out truncated));
        Assert.False(truncated);
        Assert.False(SlsActivityQuery.TryGetNextOffset(990_000, 10_000, 10_000, out _, out truncated));
        Assert.True(truncated);
    }

    private const string Page1 = """
        [{"__time__":"1767916800","__source__":"","role":"kubernetesworkerrole-4a9e2f1c-7b3d-4e8a-9c6f-1d2e3f4a5b6c","service":"Ecs","event":"DescribeNetworkInterfaces","total":"1200","denied":"0","failed":"3","first_seen":"1767225700","last_seen":"1768435000"},
         {"__time__":"1767916800","__source__":"","role":"kubernetesworkerrole-4a9e2f1c-7b3d-4e8a-9c6f-1d2e3f4a5b6c","service":"Sls","event":"GetProject","total":"10","denied":"2","failed":"2","first_seen":"1767225800","last_seen":"1768000000"},
         {"__time__":"1767916800","__source__":"","role":"ackgpunoderole","service":"Ecs","event":"DescribeInstances","total":"5.0","denied":"null","failed":"0","first_seen":"1768300000","last_seen":"1768400000"}]
        """;

    private const string Page2 = """
        [{"role":"kubernetesworkerrole-4a9e2f1c-7b3d-4e8a-9c6f-1d2e3f4a5b6c","service":"Log","event":"GetProject","total":"4","denied":"1","failed":"1","first_seen":"1767225000","last_seen":"1768100000"}]
        """;

    [Fact]
    public void GetLogs_pages_become_activities_with_source_Sls()
    {
        var roles = new RolePrincipalMatcher([Role, GpuRole]);
        var headers = new Dictionary<string, string> { ["X-Log-Progress"] = "Complete", ["x-log-count"] = "3" };
        var p1 = SlsActivityResponse.Parse(Page1, headers, roles);
        Assert.True(p1.IsComplete);
        Assert.Equal((3L, 3), (p1.Count, p1.RowCount));
        var collector = new SlsActivityCollector(roles);
        collector.Add(p1);
        collector.Add(SlsActivityResponse.Parse(Page2, new Dictionary<string, string> { ["x-log-progress"] = "Complete" }, roles));
        var result = collector.Build(Start, Start.AddDays(14));

        Assert.Equal(new[] { "ecs:DescribeInstances", "ecs:DescribeNetworkInterfaces", "log:GetProject" }, result.Activities.Select(a => a.Action));
        var eni = result.Activities[1];
        Assert.Equal((Role, 1200L, 0L, 3L, ActivitySource.Sls), (eni.RoleName, eni.Count, eni.DeniedCount, eni.ErrorCount, eni.Source));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1767225700), eni.FirstSeen);
        // "Sls" and "Log" rows fold into one log:GetProject action; the busier spelling names it.
        var log = result.Activities[2];
        Assert.Equal(("Sls", 11L, 3L, 0L), (log.ServiceName, log.Count, log.DeniedCount, log.ErrorCount));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1767225000), log.FirstSeen);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1768100000), log.LastSeen);
        var gpu = result.Activities[0];
        Assert.Equal((GpuRole, 5L, 0L), (gpu.RoleName, gpu.Count, gpu.DeniedCount));

        var covWorker = result.Coverage.Single(c => c.RoleName == Role);
        Assert.Equal((1214L, 2, (int?)null, true), (covWorker.EventsMatched, covWorker.DistinctActions, covWorker.DaysWithData, covWorker.IsWindowLongEnough));
        var covGpu = result.Coverage.Single(c => c.RoleName == GpuRole);
        Assert.False(covGpu.IsWindowLongEnough); // first seen 1.5 days before the end
        Assert.Equal(1, covGpu.NewActionsInLastDays);
    }

    [Fact]
    public void Incomplete_and_malformed_GetLogs_responses_are_recognised()
    {
        var roles = new RolePrincipalMatcher([Role]);
        var p = SlsActivityResponse.Parse("[]", new Dictionary<string, string> { ["x-log-progress"] = "InComplete" }, roles);
        Assert.False(p.IsComplete);
        Assert.Throws<InvalidOperationException>(() => new SlsActivityCollector(roles).Add(p));
        var h = new Dictionary<string, string> { ["x-log-progress"] = "Complete" };
        Assert.Equal("AckMalformedResponse", Assert.Throws<AckException>(() => SlsActivityResponse.Parse("{\"progress\":1}", h, roles)).ErrorId);
        Assert.Equal("AckMalformedResponse", Assert.Throws<AckException>(() => SlsActivityResponse.Parse("[{\"role\":\"kubernetesworkerrole-4a9e2f1c-7b3d-4e8a-9c6f-1d2e3f4a5b6c\",\"service\":\"Ecs\"}]", h, roles)).ErrorId);
        Assert.Equal("AckMalformedResponse", Assert.Throws<AckException>(() => SlsActivityResponse.Parse("not json", h, roles)).ErrorId);
    }

    [Fact]
    public void LookupEvents_pages_become_activities_with_source_LookupEvents()
    {
        var body1 = "{\"RequestId\":\"r1\",\"StartTime\":\"2026-01-01T00:00:00Z\",\"EndTime\":\"2026-01-15T00:00:00Z\",\"NextToken\":\"tok-2\",\"Events\":["
                    + Event(time: "2026-01-02T00:00:00Z") + "," + Event(time: "2026-01-03T00:00:00Z", errorCode: "NoPermission") + ","
                    + Event(userName: "alice", type: "ram-user") + "," + Event(eventType: "ConsoleSignin") + "]}";
        var body2 = "{\"RequestId\":\"r2\",\"Events\":[" + Event(service: "Sls", eventName: "GetLogStore", time: "2026-01-04T00:00:00Z") + ", 7]}";
        var p1 = LookupEventsResponse.Parse(body1);
        var p2 = LookupEventsResponse.Parse(JsonDocument.Parse(body2).RootElement);
        Assert.Equal("tok-2", p1.NextToken);
        Assert.Null(p2.NextToken);
        Assert.Equal((4, 1, 1), (p1.Events.Count, p2.Events.Count, p2.MalformedEvents));

        var collector = new LookupEventsActivityCollector(new RolePrincipalMatcher([Role]), Start, Start.AddDays(14));
        collector.Add(p1);
        collector.Add(p2);
        var result = collector.Build();
        Assert.Equal(new[] { "ecs:DescribeInstances", "log:GetLogStore" }, result.Activities.Select(a => a.Action));
        Assert.Equal((1L, 1L, ActivitySource.LookupEvents), (result.Activities[0].Count, result.Activities[0].DeniedCount, result.Activities[0].Source));
        var cov = Assert.Single(result.Coverage);
        Assert.Equal((3L, 3, 2L), (cov.EventsMatched, cov.DaysWithData, cov.EventsDropped));
        Assert.Equal(1, cov.EventsDroppedByReason["OtherPrincipal"]);
        Assert.Equal(1, collector.MalformedEvents);
    }

    [Fact]
    public void LookupEvents_parameters()
    {
        var p = LookupEventsResponse.BuildParameters(Start, Start.AddDays(7), "tok", attributeKey: "EventRW", attributeValue: "Write");
        Assert.Equal(
            new[] { "StartTime=2026-01-01T00:00:00Z", "EndTime=2026-01-08T00:00:00Z", "MaxResults=50", "LookupAttribute.1.Key=EventRW", "LookupAttribute.1.Value=Write", "NextToken=tok" },
            p.Select(kv => kv.Key + "=" + kv.Value));
        Assert.Equal("AckInvalidPageSize", Assert.Throws<AckException>(() => LookupEventsResponse.BuildParameters(Start, Start.AddDays(1), maxResults: 51)).ErrorId);
    }
}
