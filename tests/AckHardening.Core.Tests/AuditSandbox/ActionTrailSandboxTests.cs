using System.IO.Compression;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AckHardening.Core.Tests.Sandbox;

namespace AckHardening.Core.Tests.AuditSandbox;

/// <summary>ActionTrail 2020-07-06 in the sandbox: trail rules and shapes, LookupEvents paging, and the audit control endpoints.</summary>
public class ActionTrailSandboxTests(SandboxFixture sbx) : IClassFixture<SandboxFixture>
{
    private const string ProjectArn = "acs:log:cn-hangzhou:1234567890123456:project/ack-audit-1234567890123456";

    private Task<HttpResponseMessage> Call(string action, params (string Name, string Value)[] p) =>
        sbx.Rpc("ActionTrail", action, p.Select(x => new KeyValuePair<string, string>(x.Name, x.Value)));

    private async Task<JsonObject> Ok(string action, params (string, string)[] p)
    {
        var r = await Call(action, p);
        var body = await SandboxFixture.Json(r);
        Assert.True(r.IsSuccessStatusCode, body.ToJsonString());
        Assert.False(string.IsNullOrEmpty((string?)body["RequestId"]));
        return body;
    }

    private async Task<string?> Code(string action, params (string, string)[] p) => (string?)(await SandboxFixture.Json(await Call(action, p)))["Code"];

    [Theory]
    [InlineData("short")]                                  // 5 characters
    [InlineData("a23456789012345678901234567890123456x")] // 37 characters
    [InlineData("Ack-audit")]                              // upper case
    [InlineData("1ack-audit")]                             // starts with a digit
    [InlineData("ack.audit")]                              // '.' not allowed
    public async Task CreateTrail_rejects_invalid_names(string name) =>
        Assert.Equal("InvalidTrailNameException", await Code("CreateTrail", ("Name", name), ("SlsProjectArn", ProjectArn)));

    [Fact]
    public async Task CreateTrail_defaults_to_Write_needs_a_target_and_refuses_duplicates()
    {
        Assert.Equal("MissingParameter", await Code("CreateTrail", ("SlsProjectArn", ProjectArn)));
        Assert.Equal("InvalidParameterValue", await Code("CreateTrail", ("Name", "no-target-trail")));
        Assert.Equal("InvalidParameterValue", await Code("CreateTrail", ("Name", "bad-project"), ("SlsProjectArn", "acs:log:cn-hangzhou:1234567890123456:project/missing-project")));
        Assert.Equal("InvalidParameterValue", await Code("CreateTrail", ("Name", "bad-eventrw"), ("SlsProjectArn", ProjectArn), ("EventRW", "Both")));

        var created = await Ok("CreateTrail", ("Name", "new_trail-01"), ("SlsProjectArn", ProjectArn));
        Assert.Equal("Write", (string?)created["EventRW"]);
        Assert.Equal("cn-hangzhou", (string?)created["HomeRegion"]);
        Assert.Equal("All", (string?)created["TrailRegion"]);
        Assert.Equal(ProjectArn, (string?)created["SlsProjectArn"]);
        Assert.Equal("TrailAlreadyExistsException", await Code("CreateTrail", ("Name", "ack-audit"), ("SlsProjectArn", ProjectArn)));

        // New trails are Fresh (not logging); the logstore exists at once but holds nothing until events arrive.
        var status = await Ok("GetTrailStatus", ("Name", "new_trail-01"));
        Assert.False((bool)status["IsLogging"]!);
        var trail = (await Ok("DescribeTrails", ("NameList", "new_trail-01")))["TrailList"]!.AsArray().Single()!;
        Assert.Equal("Fresh", (string?)trail["Status"]);
        var logs = await new SlsTestClient(sbx).Query("* | select count(*) as n", "actiontrail_new_trail-01");
        Assert.Equal(200, logs.Status);
        Assert.Equal("0", (string?)logs.Rows[0]!["n"]);

        await Ok("StartLogging", ("Name", "new_trail-01"));
        status = await Ok("GetTrailStatus", ("Name", "new_trail-01"));
        Assert.True((bool)status["IsLogging"]!);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", (string)status["StartLoggingTime"]!);
        await Ok("StopLogging", ("Name", "new_trail-01"));
        trail = (await Ok("DescribeTrails", ("NameList", "new_trail-01")))["TrailList"]!.AsArray().Single()!;
        Assert.Equal("Disable", (string?)trail["Status"]);
        Assert.NotEqual("", (string?)trail["StopLoggingTime"]);
        Assert.Equal("TrailNotFoundException", await Code("StartLogging", ("Name", "no-such-trail")));
    }

    [Fact]
    public async Task DescribeTrails_and_GetTrailStatus_show_the_scenario_trails()
    {
        var list = (await Ok("DescribeTrails"))["TrailList"]!.AsArray().Select(t => t!.AsObject()).ToDictionary(t => (string)t["Name"]!);
        Assert.Superset(new HashSet<string> { "ack-audit", "ack-audit-write", "ack-audit-3d", "ack-audit-stopped" }, list.Keys.ToHashSet());
        var main = list["ack-audit"];
        Assert.Equal("All", (string?)main["EventRW"]);
        Assert.Equal("Enable", (string?)main["Status"]);
        Assert.Equal(ProjectArn, (string?)main["SlsProjectArn"]);
        Assert.Equal("acs:actiontrail:cn-hangzhou:1234567890123456:trail/ack-audit", (string?)main["TrailArn"]);
        foreach (var key in new[] { "HomeRegion", "TrailRegion", "Region", "SlsWriteRoleArn", "OssBucketName", "IsOrganizationTrail", "CreateTime", "UpdateTime", "StartLoggingTime", "StopLoggingTime" })
            Assert.True(main.ContainsKey(key), key);
        Assert.Equal("Write", (string?)list["ack-audit-write"]["EventRW"]);
        Assert.Equal("Disable", (string?)list["ack-audit-stopped"]["Status"]);

        var start = DateTimeOffset.Parse((string)main["StartLoggingTime"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange((DateTimeOffset.UtcNow - start).TotalDays, 14, 14.05);
        var status = await Ok("GetTrailStatus", ("Name", "ack-audit"));
        Assert.True((bool)status["IsLogging"]!);
        Assert.True((bool)status["SlsLogStoreStatus"]!);
        Assert.NotEqual("", (string?)status["LatestDeliveryTime"]);
        var stopped = await Ok("GetTrailStatus", ("Name", "ack-audit-stopped"));
        Assert.False((bool)stopped["IsLogging"]!);
        Assert.NotEqual("", (string?)stopped["StopLoggingTime"]);
    }

    [Fact]
    public async Task LookupEvents_pages_with_NextToken_and_filters_one_attribute()
    {
        var start = DateTimeOffset.UtcNow.AddDays(-3).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
        var end = DateTimeOffset.UtcNow.AddDays(-2).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
        (string, string)[] query = [("StartTime", start), ("EndTime", end), ("MaxResults", "50"), ("LookupAttribute.1.Key", "EventName"), ("LookupAttribute.1.Value", "DescribeDisks")];
        var ids = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var body = await Ok("LookupEvents", token is null ? query : [.. query, ("NextToken", token)]);
            var events = body["Events"]!.AsArray();
            Assert.InRange(events.Count, 0, 50);
            foreach (var e in events)
            {
                Assert.Equal("DescribeDisks", (string?)e!["eventName"]);
                Assert.NotNull(e["userIdentity"]!["userName"]);
                ids.Add((string)e["eventId"]!);
            }
            token = (string?)body["NextToken"];
            pages++;
        } while (token is not null && pages < 100);
        Assert.True(pages > 1);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        // One day of DescribeDisks: the worker role's 2 nodes × 2 calls per hour, plus a few from the GPU pool and others.
        Assert.InRange(ids.Count, 90, 130);

        Assert.Equal("InvalidParameterValue", await Code("LookupEvents", ("MaxResults", "51")));
        Assert.Equal("InvalidParameterValue", await Code("LookupEvents", [.. query, ("NextToken", "bm90LW91cnM=")]));
        Assert.Equal("InvalidParameterValue", await Code("LookupEvents", ("LookupAttribute.1.Key", "Nope"), ("LookupAttribute.1.Value", "x")));
    }

    [Fact]
    public async Task LookupEvents_user_attribute_matches_the_role_part_of_assumed_role_names()
    {
        var body = await Ok("LookupEvents", ("MaxResults", "20"), ("LookupAttribute.1.Key", "User"), ("LookupAttribute.1.Value", "AckGpuNodeRole"));
        var events = body["Events"]!.AsArray();
        Assert.NotEmpty(events);
        Assert.All(events, e => Assert.StartsWith("AckGpuNodeRole:vm-ram-i-", (string)e!["userIdentity"]!["userName"]!));
        var times = events.Select(e => (string)e!["eventTime"]!).ToList();
        Assert.Equal(times.OrderDescending(StringComparer.Ordinal), times); // BACKWARD: newest first
    }

    [Fact]
    public async Task Export_writes_the_same_events_as_OSS_files()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ack-audit-export-" + Guid.NewGuid().ToString("N"));
        try
        {
            var r = await sbx.Http.PostAsJsonAsync(new Uri(sbx.Base("Control"), "/_sandbox/actiontrail/export"), new { folder });
            var body = JsonNode.Parse(await r.Content.ReadAsStringAsync())!;
            Assert.True(r.IsSuccessStatusCode, body.ToJsonString());
            var expected = JsonNode.Parse(await sbx.Http.GetStringAsync(new Uri(sbx.Base("Control"), "/_sandbox/expected-activity")))!;
            Assert.Equal((long)expected["totalEvents"]!, (long)body["totalEvents"]!);
            var files = Directory.GetFiles(Path.Combine(folder, "AliyunLogs", "Actiontrail", "cn-hangzhou"), "*.json.gz", SearchOption.AllDirectories);
            // One file per generated hour: the default scenario's spec covers 13.9 days, i.e. 333 whole hours.
            Assert.Equal(333, files.Length);

            // The first event in the files is the first event LookupEvents returns going FORWARD over the window.
            using var gz = new GZipStream(File.OpenRead(files.Order(StringComparer.Ordinal).First()), CompressionMode.Decompress);
            var first = JsonNode.Parse(gz)!.AsArray()[0]!;
            var lookup = await Ok("LookupEvents", ("StartTime", (string)expected["windowStart"]!), ("EndTime", (string)expected["windowEnd"]!),
                ("Direction", "FORWARD"), ("MaxResults", "1"));
            Assert.Equal((string?)first["eventId"], (string?)lookup["Events"]![0]!["eventId"]);
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }
}
