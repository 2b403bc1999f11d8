using System.Net;
using System.Text.Json;
using AckHardening.Core.Audit.Trails;
using AckHardening.Core.Errors;
using AckHardening.Core.Http;
using AckHardening.Core.Services.ActionTrail;

namespace AckHardening.Core.Tests.AuditCmdlets;

public class AuditTrailServiceTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private const string ProjectArn = "acs:log:cn-hangzhou:1234567890123456:project/ack-audit-1234567890123456";

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static ActionTrailTrail Trail(string name = "ack-audit", string eventRW = "All", string trailRegion = "All", string? slsArn = ProjectArn,
        string status = "Enable", double startedDaysAgo = 14) =>
        new(name, "cn-hangzhou", trailRegion, eventRW, status, slsArn, null, null, null, false, Now.AddDays(-30), null, Now.AddDays(-startedDaysAgo), null);

    private static ActionTrailStatus Logging(double daysAgo = 14) => new(true, Now.AddDays(-daysAgo), null, null, null, null, null);

    [Fact]
    public void A_logging_all_events_trail_with_SLS_delivery_for_14_days_is_ready()
    {
        var t = TrailReadinessRules.Default.Evaluate(Trail(), Logging(), "cn-hangzhou", Now);
        Assert.True(t.ReadyForAnalysis, t.ReasonText);
        Assert.Empty(t.Reasons);
        Assert.Equal("", t.ReasonText);
        Assert.Equal(("ack-audit-1234567890123456", "cn-hangzhou", "actiontrail_ack-audit"), (t.SlsProject, t.SlsRegion, t.Logstore));
        Assert.Equal(14, t.LoggingDays);
        Assert.Equal("cn-hangzhou", t.CheckedRegion);
    }

    [Fact]
    public void A_write_only_trail_is_not_ready_because_reads_would_look_unused()
    {
        var t = TrailReadinessRules.Default.Evaluate(Trail(eventRW: "Write"), Logging(), null, Now);
        Assert.False(t.ReadyForAnalysis);
        Assert.Contains("EventRW is Write", Assert.Single(t.Reasons));
        Assert.Contains("read permission would look unused", t.ReasonText);
    }

    [Fact]
    public void A_trail_logging_for_3_days_is_not_ready()
    {
        var t = TrailReadinessRules.Default.Evaluate(Trail(startedDaysAgo: 3), Logging(3), null, Now);
        Assert.False(t.ReadyForAnalysis);
        Assert.Equal("The trail has logged for 3 days; at least 7 are needed.", Assert.Single(t.Reasons));
    }

    [Fact]
    public void A_stopped_trail_is_not_ready_and_counts_its_days_up_to_the_stop()
    {
        var status = new ActionTrailStatus(false, Now.AddDays(-20), Now.AddDays(-2), null, null, null, null);
        var t = TrailReadinessRules.Default.Evaluate(Trail(status: "Disable", startedDaysAgo: 20), status, null, Now);
        Assert.False(t.ReadyForAnalysis);
        Assert.False(t.IsLogging);
        Assert.Equal(18, t.LoggingDays);
        Assert.StartsWith("The trail is not logging (Status Disable, stopped ", Assert.Single(t.Reasons));
    }

    [Fact]
    public void A_fresh_trail_gives_both_the_logging_and_the_days_reasons()
    {
        var status = new ActionTrailStatus(false, null, null, null, null, null, null);
        var trail = Trail(status: "Fresh") with { StartLoggingTime = null };
        var t = TrailReadinessRules.Default.Evaluate(trail, status, null, Now);
        Assert.Equal(2, t.Reasons.Count);
        Assert.Equal(0, t.LoggingDays);
    }

    [Theory]
    [InlineData("All", "cn-hangzhou", true)]
    [InlineData("cn-shanghai,cn-hangzhou", "cn-hangzhou", true)]
    [InlineData("cn-shanghai, cn-beijing", "cn-hangzhou", false)]
    [InlineData("", "cn-hangzhou", false)]
    public void The_cluster_region_must_be_covered(string trailRegion, string region, bool covered)
    {
        var t = TrailReadinessRules.Default.Evaluate(Trail(trailRegion: trailRegion), Logging(), region, Now);
        Assert.Equal(covered, t.ReadyForAnalysis);
        if (!covered) Assert.Contains(region, Assert.Single(t.Reasons));
        // Without a region to check, the trail region is not a reason.
        Assert.True(TrailReadinessRules.Default.Evaluate(Trail(trailRegion: trailRegion), Logging(), null, Now).ReadyForAnalysis);
    }

    [Fact]
    public void A_trail_without_SLS_delivery_is_not_ready()
    {
        var t = TrailReadinessRules.Default.Evaluate(Trail(slsArn: null), Logging(), null, Now);
        Assert.False(t.ReadyForAnalysis);
        Assert.Null(t.Logstore);
        Assert.Contains("does not deliver to Log Service", Assert.Single(t.Reasons));
    }

    private static string TrailJson(string name, string eventRW, string status, int daysAgo, string? arn = ProjectArn, string trailRegion = "All") => JsonSerializer.Serialize(new
    {
        Name = name, HomeRegion = "cn-hangzhou", TrailRegion = trailRegion, Region = "cn-hangzhou", EventRW = eventRW, Status = status,
        SlsProjectArn = arn ?? "", SlsWriteRoleArn = "", OssBucketName = "", IsOrganizationTrail = false,
        TrailArn = $"acs:actiontrail:cn-hangzhou:1234567890123456:trail/{name}",
        CreateTime = Now.AddDays(-daysAgo - 1).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
        StartLoggingTime = Now.AddDays(-daysAgo).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
    });

    /// <summary>The sandbox scenario's four trails: ready, write-only, 3 days, stopped.</summary>
    private static ScriptedTransport Scenario(string ackAuditRegion = "All") => new ScriptedTransport()
        .On(ServiceDescriptor.ActionTrail, "DescribeTrails", (_, _) => new FakeAnswer(
            $"{{\"TrailList\":[{TrailJson("ack-audit", "All", "Enable", 14, trailRegion: ackAuditRegion)},{TrailJson("write-only", "Write", "Enable", 30)},"
            + $"{TrailJson("three-days", "All", "Enable", 3)},{TrailJson("stopped-trail", "All", "Disable", 40)}],\"RequestId\":\"r\"}}"))
        .On(ServiceDescriptor.ActionTrail, "GetTrailStatus", (r, _) =>
        {
            var name = r.Query["Name"];
            var days = name switch { "ack-audit" => 14, "write-only" => 30, "three-days" => 3, _ => 40 };
            var logging = name != "stopped-trail";
            return new FakeAnswer(JsonSerializer.Serialize(new
            {
                IsLogging = logging,
                StartLoggingTime = Now.AddDays(-days).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
                StopLoggingTime = logging ? "" : Now.AddDays(-1).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
                RequestId = "s",
            }));
        });

    [Fact]
    public async Task DescribeTrails_and_GetTrailStatus_give_each_trail_its_readiness_and_the_ready_one_is_selected()
    {
        var t = Scenario();
        var service = new AuditTrailService(new ActionTrailClient(t, "cn-hangzhou"), clock: new FixedClock(Now));
        var trails = await service.GetTrailsAsync(null, "cn-hangzhou", default);

        Assert.Equal(["ack-audit", "stopped-trail", "three-days", "write-only"], trails.Select(x => x.Name));
        Assert.Equal([true, false, false, false], trails.Select(x => x.ReadyForAnalysis));
        Assert.Equal(4, t.Count("GetTrailStatus"));
        Assert.All(t.Requests, r => Assert.Equal(("POST", "/", "cn-hangzhou"), (r.Method, r.Path, r.RegionId)));
        Assert.Contains("not logging", trails.Single(x => x.Name == "stopped-trail").ReasonText);
        Assert.Contains("3 days", trails.Single(x => x.Name == "three-days").ReasonText);
        Assert.Contains("EventRW is Write", trails.Single(x => x.Name == "write-only").ReasonText);

        var selected = await service.SelectEvidenceTrailAsync("cn-hangzhou", default);
        Assert.Equal("ack-audit", selected.Name);
    }

    [Fact]
    public async Task Without_a_ready_trail_selection_fails_with_every_trails_reasons()
    {
        var t = Scenario(ackAuditRegion: "cn-shanghai");
        var service = new AuditTrailService(new ActionTrailClient(t), clock: new FixedClock(Now));
        var e = await Assert.ThrowsAsync<AckException>(() => service.SelectEvidenceTrailAsync("cn-hangzhou", default));
        Assert.Equal("AckNoAuditTrail", e.ErrorId);
        Assert.Contains("ack-audit: The trail records cn-shanghai, not the cluster's region cn-hangzhou", e.Message);
        Assert.Contains("write-only: EventRW is Write", e.Message);
        Assert.Contains("LookupEvents", e.RecommendedAction);
    }

    [Fact]
    public async Task Create_then_start_sends_the_documented_parameters_and_reads_the_trail_back()
    {
        var created = false;
        var started = false;
        var t = new ScriptedTransport()
            .On(ServiceDescriptor.ActionTrail, "CreateTrail", (r, _) => { created = true; return new FakeAnswer(JsonSerializer.Serialize(new { Name = r.Query["Name"], HomeRegion = "cn-hangzhou", EventRW = r.Query["EventRW"], RequestId = "c" })); })
            .On(ServiceDescriptor.ActionTrail, "StartLogging", (_, _) => { Assert.True(created); started = true; return new FakeAnswer("{\"RequestId\":\"s\"}"); })
            .On(ServiceDescriptor.ActionTrail, "DescribeTrails", (_, _) => new FakeAnswer($"{{\"TrailList\":[{TrailJson("new-trail", "All", "Enable", 0)}]}}"))
            .On(ServiceDescriptor.ActionTrail, "GetTrailStatus", (_, _) => new FakeAnswer($"{{\"IsLogging\":{(started ? "true" : "false")}}}"));
        var service = new AuditTrailService(new ActionTrailClient(t), clock: new FixedClock(Now));
        var trail = await service.CreateAndStartAsync(new CreateTrailParameters("new-trail", ProjectArn), null, default);

        var create = t.Requests.Single(r => r.Action == "CreateTrail");
        Assert.Equal("new-trail", create.Query["Name"]);
        Assert.Equal(ProjectArn, create.Query["SlsProjectArn"]);
        Assert.Equal("All", create.Query["EventRW"]);
        Assert.Equal("All", create.Query["TrailRegion"]);
        Assert.False(create.Query.ContainsKey("SlsWriteRoleArn")); // ActionTrail's service-linked role is used
        Assert.False(create.Idempotent);
        Assert.Equal("new-trail", t.Requests.Single(r => r.Action == "StartLogging").Query["Name"]);
        Assert.True(trail.IsLogging);
        Assert.False(trail.ReadyForAnalysis); // logging for 0 days
        Assert.Equal("actiontrail_new-trail", trail.Logstore);
    }

    [Fact]
    public async Task A_name_clash_reported_by_CreateTrail_is_AckAuditTrailExists()
    {
        var t = new ScriptedTransport().On(ServiceDescriptor.ActionTrail, "CreateTrail",
            (_, _) => FakeAnswer.Fail(ServiceDescriptor.ActionTrail, "CreateTrail", "TrailAlreadyExists", HttpStatusCode.BadRequest));
        var service = new AuditTrailService(new ActionTrailClient(t));
        var e = await Assert.ThrowsAsync<AckException>(() => service.CreateAndStartAsync(new CreateTrailParameters("new-trail", ProjectArn), null, default));
        Assert.Equal("AckAuditTrailExists", e.ErrorId);
        Assert.Equal(AckErrorKind.ResourceExists, e.Kind);
        Assert.Equal(0, t.Count("StartLogging"));
    }

    [Theory]
    [InlineData("ack-audit", true)]
    [InlineData("a_b-c1", true)]
    [InlineData("abcde", false)] // too short
    [InlineData("Ack-audit", false)] // upper case
    [InlineData("1ack-audit", false)] // starts with a digit
    [InlineData("ack.audit", false)]
    [InlineData("a23456789012345678901234567890123456", true)] // 36
    [InlineData("a234567890123456789012345678901234567", false)] // 37
    public void Trail_names_follow_the_CreateTrail_rule(string name, bool valid)
    {
        if (valid) ActionTrailNames.ValidateTrailName(name);
        else Assert.Equal("AckInvalidTrailName", Assert.Throws<AckException>(() => ActionTrailNames.ValidateTrailName(name)).ErrorId);
    }

    [Fact]
    public void Project_ARNs_are_built_and_read_back()
    {
        var arn = ActionTrailNames.SlsProjectArn("cn-hangzhou", "1234567890123456", "ack-audit-1234567890123456");
        Assert.Equal(ProjectArn, arn);
        Assert.True(ActionTrailNames.TryParseSlsProjectArn(arn, out var region, out var project));
        Assert.Equal(("cn-hangzhou", "ack-audit-1234567890123456"), (region, project));
        Assert.False(ActionTrailNames.TryParseSlsProjectArn("acs:oss:cn-hangzhou:1:bucket/x", out _, out _));
        Assert.Equal("AckInvalidSlsProject", Assert.Throws<AckException>(() => ActionTrailNames.SlsProjectArn("cn-hangzhou", "1", "Bad_Project")).ErrorId);
    }
}
