using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AckHardening.Core.Audit;
using AckHardening.Core.Audit.Sls;
using AckHardening.Core.Tests.Sandbox;

namespace AckHardening.Core.Tests.AuditSandbox;

/// <summary>SLS GetLogs over HTTP: signature checks, errors, search and SQL shapes, paging, Incomplete, and ground-truth counts.</summary>
public class SlsGetLogsTests(SandboxFixture sbx) : IClassFixture<SandboxFixture>
{
    private const string Worker = SandboxFixture.ProdWorkerRole;
    private readonly SlsTestClient _sls = new(sbx);

    private async Task<JsonObject> Expected(string role) =>
        JsonNode.Parse(await sbx.Http.GetStringAsync(new Uri(sbx.Base("Control"), "/_sandbox/expected-activity?role=" + role)))!.AsObject();

    [Fact]
    public async Task Signed_request_is_accepted_and_a_wrong_signature_is_SignatureNotMatch()
    {
        var ok = await _sls.QueryComplete("* | select count(*) as n");
        Assert.Equal(200, ok.Status);
        Assert.NotEmpty(ok.Header("x-log-requestid"));

        var bad = await _sls.Get(SlsTestClient.Logstore, [("type", "log"), ("from", "1"), ("to", "2")], TestKey.Admin with { Secret = "wrong" });
        Assert.Equal(401, bad.Status);
        Assert.Equal("SignatureNotMatch", bad.ErrorCode);
        Assert.NotNull(JsonNode.Parse(bad.Body)!["errorMessage"]);
        Assert.DoesNotContain("sbx-Secret", bad.Body);
    }

    [Fact]
    public async Task Unknown_key_missing_authorization_disabled_key_and_foreign_token_are_Unauthorized()
    {
        Assert.Equal("Unauthorized", (await _sls.Get(SlsTestClient.Logstore, [("type", "log")], new TestKey("LTAI5tNoSuchKey000000099", "x"))).ErrorCode);
        Assert.Equal("Unauthorized", (await _sls.Get(SlsTestClient.Logstore, [("type", "log")], sign: false)).ErrorCode);
        Assert.Equal("Unauthorized", (await _sls.Get(SlsTestClient.Logstore, [("type", "log")], TestKey.Disabled)).ErrorCode);
        var withToken = await _sls.Get(SlsTestClient.Logstore, [("type", "log")], TestKey.Admin with { Token = "CAIS-not-ours" });
        Assert.Equal(401, withToken.Status);
        Assert.Equal("Unauthorized", withToken.ErrorCode);
    }

    [Fact]
    public async Task Stale_date_is_RequestTimeExpired()
    {
        var r = await _sls.Get(SlsTestClient.Logstore, [("type", "log"), ("from", "1"), ("to", "2")], date: DateTimeOffset.UtcNow.AddMinutes(-16));
        Assert.Equal(400, r.Status);
        Assert.Equal("RequestTimeExpired", r.ErrorCode);
    }

    [Fact]
    public async Task Tampered_query_after_signing_fails()
    {
        var r = await _sls.Get(SlsTestClient.Logstore, [("type", "log"), ("from", "1"), ("to", "2"), ("query", "*")],
            tamper: m => m.RequestUri = new Uri(m.RequestUri!.ToString().Replace("query=%2A", "query=x")));
        Assert.Equal("SignatureNotMatch", r.ErrorCode);
    }

    [Fact]
    public async Task Unknown_project_and_logstore()
    {
        var project = await _sls.Get(SlsTestClient.Logstore, [("type", "log"), ("from", "1"), ("to", "2")], project: "no-such-project");
        Assert.Equal(404, project.Status);
        Assert.Equal("ProjectNotExist", project.ErrorCode);
        var logstore = await _sls.Query("*", "actiontrail_nope");
        Assert.Equal(404, logstore.Status);
        Assert.Equal("LogStoreNotExist", logstore.ErrorCode);
        Assert.Equal(200, (await _sls.Query("*", "k8s-event")).Status); // a plain, empty logstore
    }

    [Fact]
    public async Task Parameter_errors()
    {
        Assert.Equal("InvalidTimeRange", (await _sls.Get(SlsTestClient.Logstore, [("type", "log"), ("from", "100"), ("to", "100")])).ErrorCode);
        Assert.Equal("InvalidLine", (await _sls.Query("*", SlsTestClient.Logstore, ("line", "101"))).ErrorCode);
        Assert.Equal("InvalidReverse", (await _sls.Query("*", SlsTestClient.Logstore, ("reverse", "yes"))).ErrorCode);
        var sql = await _sls.Query("* | select \"event.nope\" from log");
        Assert.Equal(400, sql.Status);
        Assert.Equal("InvalidQueryString", sql.ErrorCode);
        Assert.Contains("cannot be resolved", (string?)JsonNode.Parse(sql.Body)!["errorMessage"]);
        Assert.Equal("InvalidQueryString", (await _sls.Query("* | select event.eventName from log")).ErrorCode); // dotted names need quotes
        Assert.Equal("InvalidQueryString", (await _sls.Query("* | select \"event.eventName\", count(*) from log")).ErrorCode); // not grouped
        Assert.Equal("InvalidQueryString", (await _sls.Query("* | select count(*) as n limit 10, 10001")).ErrorCode);
        Assert.Equal("InvalidQueryString", (await _sls.Query("* | select count(*) as n limit 1000001")).ErrorCode);
        Assert.Equal("InvalidQueryString", (await _sls.Query("* | select nosuchfn(\"event.eventName\") from log")).ErrorCode);
    }

    [Fact]
    public async Task Search_results_are_string_objects_with_reserved_keys_and_line_offset_paging()
    {
        var role = Worker.ToLowerInvariant();
        var page = await _sls.QueryComplete($"event.userIdentity.userName: {role}* and event.serviceName: Ecs", SlsTestClient.Logstore, ("line", "10"), ("offset", "5"));
        Assert.Equal(200, page.Status);
        Assert.Equal("False", page.Header("x-log-has-sql"));
        Assert.Equal("10", page.Header("x-log-count"));
        var rows = page.Rows;
        Assert.Equal(10, rows.Count);
        foreach (var row in rows.Select(r => r!.AsObject()))
        {
            Assert.All(row, kv => Assert.Equal(System.Text.Json.JsonValueKind.String, kv.Value!.GetValueKind()));
            Assert.StartsWith(Worker + ":vm-ram-i-", (string)row["event.userIdentity.userName"]!);
            Assert.Equal("Ecs", (string)row["event.serviceName"]!);
            Assert.Matches("^[0-9]{10}$", (string)row["__time__"]!);
            Assert.True(row.ContainsKey("__source__"));
            Assert.Equal("Ecs", (string?)JsonNode.Parse((string)row["event"]!)!["serviceName"]);
        }
        var times = rows.Select(r => long.Parse((string)r!["__time__"]!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(times.Order(), times);
        var reversed = (await _sls.QueryComplete($"event.userIdentity.userName: {role}*", SlsTestClient.Logstore, ("line", "3"), ("reverse", "true"))).Rows;
        var desc = reversed.Select(r => long.Parse((string)r!["__time__"]!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(desc.OrderDescending(), desc);
    }

    [Fact]
    public async Task Not_and_field_existence_search()
    {
        var all = await _sls.QueryComplete("* | select count(*) as n");
        var failed = await _sls.QueryComplete("event.errorCode: * | select count(*) as n");
        var ok = await _sls.QueryComplete("* not event.errorCode: * | select count(*) as n");
        long N(SlsTestClient.Response r) => long.Parse((string)r.Rows[0]!["n"]!, CultureInfo.InvariantCulture);
        Assert.Equal(12 + 5 + 4, N(failed));
        Assert.Equal(N(all), N(failed) + N(ok));
    }

    [Fact]
    public async Task Sql_without_limit_stops_at_100_rows_and_limit_offset_pages()
    {
        const string query = "* | select \"event.eventId\" as id, __time__ as t from log order by t, id";
        var capped = await _sls.QueryComplete(query);
        Assert.Equal(100, capped.Rows.Count);
        Assert.Equal("True", capped.Header("x-log-has-sql"));
        var big = await _sls.QueryComplete(query + " limit 250");
        Assert.Equal(250, big.Rows.Count);
        var second = await _sls.QueryComplete(query + " limit 100, 100");
        Assert.Equal(big.Rows.Skip(100).Take(100).Select(r => (string)r!["id"]!), second.Rows.Select(r => (string)r!["id"]!));
    }

    [Fact]
    public async Task First_identical_call_is_Incomplete_with_partial_rows_then_Complete()
    {
        const string query = "* | select count(*) as n, 'incomplete-test' as tag";
        var first = await _sls.Query(query);
        Assert.Equal("Incomplete", first.Header("x-log-progress"));
        var second = await _sls.Query(query);
        Assert.Equal("Complete", second.Header("x-log-progress"));
        var partial = long.Parse((string)first.Rows[0]!["n"]!, CultureInfo.InvariantCulture);
        var full = long.Parse((string)second.Rows[0]!["n"]!, CultureInfo.InvariantCulture);
        Assert.True(partial < full, $"partial {partial} should be below {full}");
        Assert.Equal(full.ToString(CultureInfo.InvariantCulture), second.Header("x-log-processed-rows"));

        // The quota is per logstore and settable at run time.
        var set = await sbx.Http.PostAsJsonAsync(new Uri(sbx.Base("Control"), "/_sandbox/sls/incomplete"),
            new { project = SlsTestClient.Project, logstore = "actiontrail_ack-audit-3d", calls = 2 });
        set.EnsureSuccessStatusCode();
        var progress = new List<string>();
        for (var i = 0; i < 3; i++) progress.Add((await _sls.Query("* | select count(*) as n", "actiontrail_ack-audit-3d")).Header("x-log-progress"));
        Assert.Equal(["Incomplete", "Incomplete", "Complete"], progress);
    }

    [Fact]
    public async Task Module_worker_role_query_counts_equal_the_generator_ground_truth()
    {
        var expected = await Expected(Worker);
        var query = SlsActivityQuery.Build([Worker], 0, 10_000);
        var r = await _sls.QueryComplete(query);
        Assert.Equal(200, r.Status);
        var rows = r.Rows.Select(x => x!.AsObject()).ToList();
        var activities = expected["activities"]!.AsArray().Select(a => a!.AsObject()).ToList();
        Assert.Equal(activities.Count, rows.Count);
        foreach (var a in activities)
        {
            var row = Assert.Single(rows, x => (string)x["service"]! == (string)a["serviceName"]! && (string)x["event"]! == (string)a["eventName"]!);
            Assert.Equal(Worker.ToLowerInvariant(), (string)row["role"]!);
            Assert.Equal((long)a["total"]!, long.Parse((string)row["total"]!, CultureInfo.InvariantCulture));
            Assert.Equal((long)a["deniedCount"]!, long.Parse((string)row["denied"]!, CultureInfo.InvariantCulture));
            Assert.Equal((long)a["deniedCount"]! + (long)a["errorCount"]!, long.Parse((string)row["failed"]!, CultureInfo.InvariantCulture));
            Assert.Equal(DateTimeOffset.Parse((string)a["firstSeen"]!, CultureInfo.InvariantCulture).ToUnixTimeSeconds(), long.Parse((string)row["first_seen"]!, CultureInfo.InvariantCulture));
            Assert.Equal(DateTimeOffset.Parse((string)a["lastSeen"]!, CultureInfo.InvariantCulture).ToUnixTimeSeconds(), long.Parse((string)row["last_seen"]!, CultureInfo.InvariantCulture));
        }
        var totals = rows.Select(x => long.Parse((string)x["total"]!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(totals.OrderDescending(), totals);

        // Both roles in one query; the look-alike principals of the generator must not leak in.
        var both = await _sls.QueryComplete(SlsActivityQuery.Build([Worker, "AckGpuNodeRole"], 0, 10_000));
        var byRole = both.Rows.GroupBy(x => (string)x!["role"]!).ToDictionary(g => g.Key, g => g.Sum(x => long.Parse((string)x!["total"]!, CultureInfo.InvariantCulture)));
        var matched = expected["matchedByRole"]!.AsObject();
        Assert.Equal((long)matched[Worker]!, byRole[Worker.ToLowerInvariant()]);
        Assert.Equal((long)matched["AckGpuNodeRole"]!, byRole["ackgpunoderole"]);
    }

    [Fact]
    public async Task Module_days_query_counts_the_ground_truth_days_with_data_per_role()
    {
        var expected = await Expected(Worker);
        var roles = new RolePrincipalMatcher([Worker, "AckGpuNodeRole"]);
        var r = await _sls.QueryComplete(SlsActivityQuery.BuildDays(roles.RoleNames, 0, 10_000));
        Assert.Equal(200, r.Status);
        var page = SlsActivityResponse.ParseDays(r.Body, new Dictionary<string, string> { ["x-log-progress"] = "Complete" }, roles);
        Assert.Equal(page.RowCount, page.Rows.Count); // no look-alike principal leaks in
        Assert.All(page.Rows, x => Assert.Equal(TimeSpan.Zero, x.Day.TimeOfDay)); // day starts at UTC midnight

        var days = expected["daysWithDataByRole"]!.AsObject();
        var matched = expected["matchedByRole"]!.AsObject();
        foreach (var role in roles.RoleNames)
        {
            var mine = page.Rows.Where(x => x.RoleName == role).ToList();
            Assert.Equal((int)days[role]!, mine.Select(x => x.Day).Distinct().Count());
            Assert.Equal((long)matched[role]!, mine.Sum(x => x.Count)); // the same calls as the activity query
        }
    }

    [Fact]
    public async Task Module_query_pages_with_limit_offset()
    {
        var full = (await _sls.QueryComplete(SlsActivityQuery.Build([Worker], 0, 10_000))).Rows;
        var first = (await _sls.QueryComplete(SlsActivityQuery.Build([Worker], 0, 7))).Rows;
        var second = (await _sls.QueryComplete(SlsActivityQuery.Build([Worker], 7, 7))).Rows;
        Assert.Equal(7, first.Count);
        Assert.Equal(full.Take(14).Select(r => r!.ToJsonString()), first.Concat(second).Select(r => r!.ToJsonString()));
    }

    [Fact]
    public async Task Trail_logstores_follow_logging_period_and_EventRW()
    {
        async Task<long> Count(string logstore, string search = "*") =>
            long.Parse((string)(await _sls.QueryComplete(search + " | select count(*) as n", logstore)).Rows[0]!["n"]!, CultureInfo.InvariantCulture);
        var all = await Count("actiontrail_ack-audit");
        var expected = await Expected(Worker);
        Assert.Equal((long)expected["totalEvents"]!, all);
        Assert.Equal(await Count("actiontrail_ack-audit", "event.eventRW: Write"), await Count("actiontrail_ack-audit-write"));
        var threeDays = await Count("actiontrail_ack-audit-3d");
        var stopped = await Count("actiontrail_ack-audit-stopped");
        Assert.InRange(threeDays, all / 7, all / 3);
        Assert.InRange(stopped, all / 6, all / 2);
    }
}
