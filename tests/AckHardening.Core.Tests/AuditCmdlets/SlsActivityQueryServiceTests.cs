using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using AckHardening.Audit;
using AckHardening.Core.Audit;
using AckHardening.Core.Errors;
using AckHardening.Core.Http;
using AckHardening.Core.Services.Sls;
using AckHardening.Core.Tests.Step1;

namespace AckHardening.Core.Tests.AuditCmdlets;

public class SlsActivityQueryServiceTests
{
    private const string Role = "KubernetesWorkerRole-4a9e2f1c-7b3d-4e8a-9c6f-1d2e3f4a5b6c";
    private const string Project = "ack-audit-1234567890123456";
    private static readonly SlsActivityTarget Target = new(Project, "cn-hangzhou", "actiontrail_ack-audit");
    private static readonly DateTimeOffset From = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = From.AddDays(14);

    private sealed class DelayRecorder
    {
        public List<TimeSpan> Delays { get; } = new();
        public Task Delay(TimeSpan d, CancellationToken ct) { ct.ThrowIfCancellationRequested(); Delays.Add(d); return Task.CompletedTask; }
    }

    private static ActivityQueryOptions Options(DelayRecorder delays, int pageSize = 10_000) => new()
    {
        SlsPageSize = pageSize,
        Incomplete = SlsIncompleteRetry.Default with { Delay = delays.Delay },
    };

    private static Dictionary<string, object> Row(string service, string evt, long total, long denied = 0, long failed = 0) => new()
    {
        ["__time__"] = "1767225600", ["__source__"] = "",
        ["role"] = Role.ToLowerInvariant(), ["service"] = service, ["event"] = evt,
        ["total"] = total.ToString(CultureInfo.InvariantCulture), ["denied"] = denied.ToString(CultureInfo.InvariantCulture),
        ["failed"] = failed.ToString(CultureInfo.InvariantCulture),
        ["first_seen"] = From.AddHours(1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        ["last_seen"] = To.AddHours(-1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>A row of the days query: the worker role called on the UTC day <paramref name="day"/> days after From.</summary>
    private static Dictionary<string, object> DayRow(int day, long n = 1) => new()
    {
        ["__time__"] = "1767225600", ["__source__"] = "", ["role"] = Role.ToLowerInvariant(),
        ["day"] = From.AddDays(day).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), ["n"] = n.ToString(CultureInfo.InvariantCulture),
    };

    private static readonly IReadOnlyList<Dictionary<string, object>> ThreeDays = [DayRow(0, 5), DayRow(3, 1), DayRow(13, 2)];

    private static bool IsDaysQuery(ApiRequest r) => r.Query["query"].Contains(" as day, count(*) as n ", StringComparison.Ordinal);

    private static readonly Dictionary<string, string> Complete = new() { ["x-log-progress"] = "Complete" };
    private static readonly Dictionary<string, string> Incomplete = new() { ["x-log-progress"] = "Incomplete" };

    /// <summary>Serves <paramref name="rows"/> as Log Service does for an SQL query: only the rows that its "limit offset, n" selects.</summary>
    private static FakeAnswer Page(ApiRequest r, IReadOnlyList<Dictionary<string, object>> rows)
    {
        var m = Regex.Match(r.Query["query"], @"limit (\d+), (\d+)$");
        Assert.True(m.Success, "every page must carry limit offset, n");
        var slice = rows.Skip(int.Parse(m.Groups[1].Value)).Take(int.Parse(m.Groups[2].Value));
        return new FakeAnswer(JsonSerializer.Serialize(slice), Complete);
    }

    [Fact]
    public async Task GetLogs_is_a_signed_SLS_GET_on_the_logstore_with_the_project_in_the_host()
    {
        var t = new ScriptedTransport().On(ServiceDescriptor.Sls, "GetLogs", (r, _) => IsDaysQuery(r) ? Page(r, ThreeDays) : Page(r, [Row("Ecs", "DescribeInstances", 42)]));
        var result = await new ActivityQueryService(t, options: Options(new())).QuerySlsAsync(Target, [Role], From, To, null, default);

        Assert.Equal(2, t.Requests.Count); // the activity query, then the days query
        Assert.False(IsDaysQuery(t.Requests[0]));
        Assert.True(IsDaysQuery(t.Requests[1]));
        foreach (var req in t.Requests)
        {
            Assert.Equal("GET", req.Method);
            Assert.Equal("/logstores/actiontrail_ack-audit", req.Path);
            Assert.Equal(Project, req.SlsProject);
            Assert.Equal("cn-hangzhou", req.RegionId);
            Assert.True(req.Idempotent);
            Assert.Equal("log", req.Query["type"]);
            Assert.Equal(From.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), req.Query["from"]);
            Assert.Equal(To.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), req.Query["to"]);
            Assert.StartsWith("event.userIdentity.userName: kubernetesworkerrole-4a9e2f1c-7b3d-4e8a-9c6f-1d2e3f4a5b6c* and event.eventType: ApiCall | select", req.Query["query"]);
        }

        var a = Assert.Single(result.Activities);
        Assert.Equal((Role, "ecs:DescribeInstances", 42L, ActivitySource.Sls), (a.RoleName, a.Action, a.Count, a.Source));
        var c = Assert.Single(result.Coverage);
        Assert.Equal(42, c.EventsMatched);
        Assert.Equal(14, c.Days);
        Assert.Equal(3, c.DaysWithData);
    }

    [Fact]
    public async Task An_incomplete_answer_is_repeated_identically_with_a_doubling_wait_until_complete()
    {
        var delays = new DelayRecorder();
        var t = new ScriptedTransport().On(ServiceDescriptor.Sls, "GetLogs", (r, n) =>
            IsDaysQuery(r) ? Page(r, ThreeDays)
            : n < 4 ? new FakeAnswer(JsonSerializer.Serialize(new[] { Row("Ecs", "DescribeInstances", n) }), Incomplete) // partial counts
            : Page(r, [Row("Ecs", "DescribeInstances", 100)]));
        var result = await new ActivityQueryService(t, options: Options(delays)).QuerySlsAsync(Target, [Role], From, To, null, default);

        Assert.Equal(5, t.Count("GetLogs")); // 4 tries of the activity query, then the days query
        var activity = t.Requests.Take(4).ToList();
        Assert.All(activity, r => Assert.Equal(activity[0].Query, r.Query)); // identical, offsets included
        Assert.True(IsDaysQuery(t.Requests[4]));
        Assert.Equal([100, 200, 400], delays.Delays.Select(d => d.TotalMilliseconds));
        Assert.Equal(100, Assert.Single(result.Activities).Count); // partial answers were not counted
    }

    [Fact]
    public async Task An_incomplete_days_answer_is_repeated_identically_too_and_only_the_complete_one_counts()
    {
        var delays = new DelayRecorder();
        var daysTries = 0;
        var t = new ScriptedTransport().On(ServiceDescriptor.Sls, "GetLogs", (r, _) =>
        {
            if (!IsDaysQuery(r)) return Page(r, [Row("Ecs", "DescribeInstances", 7)]);
            return ++daysTries < 3
                ? new FakeAnswer(JsonSerializer.Serialize(new[] { DayRow(daysTries) }), Incomplete) // partial: one day only
                : Page(r, ThreeDays);
        });
        var result = await new ActivityQueryService(t, options: Options(delays)).QuerySlsAsync(Target, [Role], From, To, null, default);

        var days = t.Requests.Where(IsDaysQuery).ToList();
        Assert.Equal(3, days.Count);
        Assert.All(days, r => Assert.Equal(days[0].Query, r.Query));
        Assert.Equal([100, 200], delays.Delays.Select(d => d.TotalMilliseconds));
        Assert.Equal(3, Assert.Single(result.Coverage).DaysWithData); // not 3 + the partial days
    }

    [Fact]
    public async Task A_days_query_that_never_completes_fails_the_run_with_AckSlsQueryIncomplete()
    {
        var t = new ScriptedTransport().On(ServiceDescriptor.Sls, "GetLogs", (r, _) =>
            IsDaysQuery(r) ? new FakeAnswer("[]", Incomplete) : Page(r, [Row("Ecs", "DescribeInstances", 7)]));
        var e = await Assert.ThrowsAsync<AckException>(() =>
            new ActivityQueryService(t, options: Options(new())).QuerySlsAsync(Target, [Role], From, To, null, default));
        Assert.Equal("AckSlsQueryIncomplete", e.ErrorId);
        Assert.Equal(SlsIncompleteRetry.Default.MaxAttempts, t.Requests.Count(IsDaysQuery));
    }

    [Fact]
    public async Task A_result_that_never_completes_stops_after_the_bound_with_AckSlsQueryIncomplete()
    {
        var delays = new DelayRecorder();
        var t = new ScriptedTransport().On(ServiceDescriptor.Sls, "GetLogs", (_, _) => new FakeAnswer("[]", new() { ["x-log-progress"] = "InComplete" }));
        var e = await Assert.ThrowsAsync<AckException>(() =>
            new ActivityQueryService(t, options: Options(delays)).QuerySlsAsync(Target, [Role], From, To, null, default));

        Assert.Equal("AckSlsQueryIncomplete", e.ErrorId);
        Assert.Equal(AckErrorKind.OperationTimeout, e.Kind);
        Assert.Equal(SlsIncompleteRetry.Default.MaxAttempts, t.Count("GetLogs"));
        Assert.Equal(SlsIncompleteRetry.Default.MaxAttempts - 1, delays.Delays.Count);
        Assert.Equal(TimeSpan.FromSeconds(10), delays.Delays.Max()); // capped
        Assert.True(delays.Delays.Aggregate(TimeSpan.Zero, (s, d) => s + d) <= SlsIncompleteRetry.Default.MaxTotal);
    }

    [Fact]
    public async Task The_total_time_bound_ends_the_loop_before_the_attempt_bound()
    {
        var delays = new DelayRecorder();
        var t = new ScriptedTransport().On(ServiceDescriptor.Sls, "GetLogs", (_, _) => new FakeAnswer("[]", Incomplete));
        var options = new ActivityQueryOptions { Incomplete = SlsIncompleteRetry.Default with { Delay = delays.Delay, MaxTotal = TimeSpan.FromSeconds(1) } };
        var e = await Assert.ThrowsAsync<AckException>(() => new ActivityQueryService(t, options: options).QuerySlsAsync(Target, [Role], From, To, null, default));
        Assert.Equal("AckSlsQueryIncomplete", e.ErrorId);
        Assert.Equal(4, t.Count("GetLogs")); // waits 100+200+400 ms fit in 1 s, the next 800 ms does not
    }

    [Fact]
    public async Task Cancellation_ends_the_incomplete_loop()
    {
        using var cts = new CancellationTokenSource();
        var t = new ScriptedTransport().On(ServiceDescriptor.Sls, "GetLogs", (_, n) => { if (n == 2) cts.Cancel(); return new FakeAnswer("[]", Incomplete); });
        var options = new ActivityQueryOptions { Incomplete = SlsIncompleteRetry.Default with { Delay = Task.Delay } };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new ActivityQueryService(t, options: options).QuerySlsAsync(Target, [Role], From, To, null, cts.Token));
        Assert.Equal(2, t.Count("GetLogs"));
    }

    [Fact]
    public async Task The_days_query_pages_with_limit_offset_n_like_the_activity_query()
    {
        var dayRows = Enumerable.Range(0, 14).Select(d => DayRow(d)).ToList();
        var t = new ScriptedTransport().On(ServiceDescriptor.Sls, "GetLogs", (r, _) => Page(r, IsDaysQuery(r) ? dayRows : [Row("Ecs", "DescribeInstances", 7)]));
        var result = await new ActivityQueryService(t, options: Options(new(), 5)).QuerySlsAsync(Target, [Role], From, To, null, default);

        var offsets = t.Requests.Where(IsDaysQuery).Select(r => Regex.Match(r.Query["query"], @"limit (\d+), (\d+)$").Groups[1].Value);
        Assert.Equal(["0", "5", "10"], offsets);
        Assert.Equal(14, Assert.Single(result.Coverage).DaysWithData);
    }

    [Theory]
    [InlineData(250, 100, 3)] // 100 + 100 + 50
    [InlineData(200, 100, 3)] // a full last page needs one more (empty) page to prove it was the last
    [InlineData(99, 100, 1)]
    [InlineData(150, 10_000, 1)] // more than Log Service's default 100 rows in one page, thanks to the explicit limit
    public async Task SQL_results_are_paged_with_limit_offset_n_until_a_short_page(int rowCount, int pageSize, int expectedRequests)
    {
        var rows = Enumerable.Range(0, rowCount).Select(i => Row("Ecs", $"Operation{i:D4}", 1000 - i)).ToList();
        var t = new ScriptedTransport().On(ServiceDescriptor.Sls, "GetLogs", (r, _) => Page(r, IsDaysQuery(r) ? ThreeDays : rows));
        var result = await new ActivityQueryService(t, options: Options(new(), pageSize)).QuerySlsAsync(Target, [Role], From, To, null, default);

        Assert.Equal(expectedRequests + 1, t.Count("GetLogs")); // + one days page (3 rows, under every page size here)
        var offsets = t.Requests.Where(r => !IsDaysQuery(r)).Select(r => Regex.Match(r.Query["query"], @"limit (\d+), (\d+)$").Groups[1].Value).ToList();
        Assert.Equal(Enumerable.Range(0, expectedRequests).Select(i => (i * pageSize).ToString(CultureInfo.InvariantCulture)), offsets);
        Assert.Equal(rowCount, result.Activities.Count);
        Assert.Equal(rows.Sum(r => long.Parse((string)r["total"], CultureInfo.InvariantCulture)), result.Activities.Sum(a => a.Count));
    }

    [Theory]
    [InlineData("LogStoreNotExist", HttpStatusCode.NotFound, "AckLogstoreNotFound", AckErrorKind.ObjectNotFound)]
    [InlineData("ProjectNotExist", HttpStatusCode.NotFound, "AckProjectNotFound", AckErrorKind.ObjectNotFound)]
    [InlineData("SignatureNotMatch", HttpStatusCode.Unauthorized, "AckAuthenticationFailed", AckErrorKind.AuthenticationError)]
    [InlineData("Unauthorized", HttpStatusCode.Unauthorized, "AckAuthenticationFailed", AckErrorKind.AuthenticationError)]
    [InlineData("RequestTimeExpired", HttpStatusCode.BadRequest, "AckAuthenticationFailed", AckErrorKind.AuthenticationError)]
    [InlineData("ReadQuotaExceed", HttpStatusCode.Forbidden, "AckThrottled", AckErrorKind.QuotaExceeded)]
    [InlineData("ShardReadQuotaExceed", HttpStatusCode.Forbidden, "AckThrottled", AckErrorKind.QuotaExceeded)]
    [InlineData("ServerBusy", HttpStatusCode.ServiceUnavailable, "AckThrottled", AckErrorKind.QuotaExceeded)]
    [InlineData("IndexConfigNotExist", HttpStatusCode.BadRequest, "AckLogstoreNotIndexed", AckErrorKind.InvalidOperation)]
    [InlineData("InvalidQueryString", HttpStatusCode.BadRequest, "AckInvalidRequest", AckErrorKind.InvalidArgument)]
    [InlineData("InternalServerError", HttpStatusCode.InternalServerError, "AckServiceUnavailable", AckErrorKind.ResourceUnavailable)]
    public async Task Log_Service_errors_become_stable_module_errors(string code, HttpStatusCode status, string errorId, AckErrorKind kind)
    {
        var t = new ScriptedTransport().On(ServiceDescriptor.Sls, "GetLogs", (_, _) => FakeAnswer.Fail(ServiceDescriptor.Sls, "GetLogs", code, status));
        var e = await Assert.ThrowsAsync<AckException>(() =>
            new ActivityQueryService(t, options: Options(new())).QuerySlsAsync(Target, [Role], From, To, null, default));
        Assert.Equal(errorId, e.ErrorId);
        Assert.Equal(kind, e.Kind);
        var inner = Assert.IsType<AlibabaServiceException>(e.InnerException);
        Assert.Equal(code, inner.Code);
        Assert.Equal(1, t.Count("GetLogs")); // errors are not the Incomplete loop's business (the transport retries what can be retried)
    }

    [Fact]
    public async Task A_body_that_is_not_a_row_array_is_malformed()
    {
        var t = new ScriptedTransport().On(ServiceDescriptor.Sls, "GetLogs", (_, _) => new FakeAnswer("{\"progress\":\"Complete\"}", Complete));
        var e = await Assert.ThrowsAsync<AckException>(() =>
            new ActivityQueryService(t, options: Options(new())).QuerySlsAsync(Target, [Role], From, To, null, default));
        Assert.Equal("AckMalformedResponse", e.ErrorId);
    }

    [Theory]
    [InlineData("ACTIONTRAIL_x")]
    [InlineData("ab")]
    [InlineData("a/../b")]
    public async Task Bad_logstore_names_are_refused_before_any_call(string logstore)
    {
        var t = new ScriptedTransport();
        var e = await Assert.ThrowsAsync<AckException>(() =>
            new ActivityQueryService(t).QuerySlsAsync(Target with { Logstore = logstore }, [Role], From, To, null, default));
        Assert.Equal("AckInvalidLogstore", e.ErrorId);
        Assert.Empty(t.Requests);
    }

    [Fact]
    public async Task Progress_is_reported_per_page_and_completed()
    {
        var rows = Enumerable.Range(0, 25).Select(i => Row("Ecs", $"Op{i}", 30 - i)).ToList();
        var t = new ScriptedTransport().On(ServiceDescriptor.Sls, "GetLogs", (r, _) => Page(r, IsDaysQuery(r) ? ThreeDays : rows));
        var log = new RecordingLog();
        await new ActivityQueryService(t, log, Options(new(), 10)).QuerySlsAsync(Target, [Role], From, To, null, default);
        Assert.Equal(5, log.Progress.Count); // 3 activity pages + 1 days page + completion
        Assert.True(log.Progress[^1].Completed);
    }
}
