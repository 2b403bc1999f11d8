using System.Text;
using AckHardening.Audit;
using AckHardening.Core.Audit;
using AckHardening.Core.Audit.Generation;
using static AckHardening.Core.Tests.Audit.AuditSamples;

namespace AckHardening.Core.Tests.Audit;

public sealed class ActivityScanTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("ackaudit");
    public void Dispose() => _dir.Delete(true);

    internal static ActivitySpec Spec(int seed, double days = 9) => new()
    {
        Seed = seed,
        Days = days,
        Roles =
        [
            new ActivityRoleSpec
            {
                RoleName = Role, Instances = 3,
                Components = [new() { Name = "eni" }, new() { Name = "disk" }, new() { Name = "image" }, new() { Name = "log" }, new() { Name = "monitoring", RateMultiplier = 0.2 }],
            },
            new ActivityRoleSpec { RoleName = GpuRole, Instances = 1, Components = [new() { Name = "node" }, new() { Name = "disk", StartDay = 8.5 }] },
        ],
        FailedCalls =
        [
            new FailedCallSpec { RoleName = Role, ServiceName = "Ecs", EventName = "CreateNetworkInterface", ErrorCode = "Forbidden.RAM", Count = 17 },
            new FailedCallSpec { RoleName = Role, ServiceName = "Ecs", EventName = "ModifyInstanceAttribute", ErrorCode = "NoPermission", Count = 5 },
            new FailedCallSpec { RoleName = GpuRole, ServiceName = "Ecs", EventName = "DescribeInstances", ErrorCode = "Throttling.User", Count = 9 },
        ],
        OtherPrincipalEvents = 400,
        NonApiEvents = 60,
    };

    private static void AssertSameActivities(IReadOnlyList<AckRoleActivity> expected, IReadOnlyList<AckRoleActivity> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var (e, a) = (expected[i], actual[i]);
            Assert.Equal((e.RoleName, e.Action, e.ServiceName, e.EventName), (a.RoleName, a.Action, a.ServiceName, a.EventName));
            Assert.Equal((e.Count, e.DeniedCount, e.ErrorCount), (a.Count, a.DeniedCount, a.ErrorCount));
            Assert.Equal((e.FirstSeen, e.LastSeen, e.Source), (a.FirstSeen, a.LastSeen, a.Source));
        }
    }

    [Theory]
    [InlineData(1, ActivityFileFormat.GzipJsonArray)]
    [InlineData(7, ActivityFileFormat.GzipNdjson)]
    [InlineData(42, ActivityFileFormat.JsonArray)]
    [InlineData(1234, ActivityFileFormat.Ndjson)]
    public async Task Scan_counts_equal_the_generators_expected_counts(int seed, ActivityFileFormat format)
    {
        var gen = ActivityOssWriter.Write(Spec(seed), _dir.FullName, format, ossKeyPrefix: "trail-logs");
        Assert.All(gen.Files, f => Assert.Contains(Path.Combine("trail-logs", "AliyunLogs", "Actiontrail", "cn-hangzhou", "2026", "01"), f));
        var progress = new List<ActivityScanProgress>();
        var result = await ActivityFileScanner.ScanAsync([_dir.FullName], new ActivityScanOptions { RoleNames = [Role, GpuRole], MaxDegreeOfParallelism = 2 },
            new SyncProgress(progress));

        var expected = gen.Expected.Activities();
        AssertSameActivities(expected, result.Activities);
        Assert.Contains(result.Activities, a => a.Action == "log:GetProject" && a.ServiceName == "Sls");
        Assert.Contains(result.Activities, a => a.Action == "cr:GetAuthorizationToken");
        var denied = Assert.Single(result.Activities, a => a.RoleName == Role && a.Action == "ecs:CreateNetworkInterface");
        Assert.Equal(17, denied.DeniedCount);
        var deniedOnly = Assert.Single(result.Activities, a => a.Action == "ecs:ModifyInstanceAttribute");
        Assert.Equal((0L, 5L), (deniedOnly.Count, deniedOnly.DeniedCount));
        Assert.Equal(9, result.Activities.Single(a => a.RoleName == GpuRole && a.Action == "ecs:DescribeInstances").ErrorCount);

        Assert.Equal(gen.Expected.TotalEvents, result.EventsRead);
        Assert.Equal(400, result.DroppedByReason["OtherPrincipal"]);
        Assert.Equal(60, result.DroppedByReason["NotApiCall"]);
        Assert.Equal(0, result.DroppedByReason["MissingFields"]);
        Assert.Equal(gen.Files.Count, result.FilesRead);
        Assert.Empty(result.Problems);
        Assert.Equal(gen.Files.Count, progress.Count);
        Assert.Equal(gen.Expected.TotalEvents, progress.Max(p => p.EventsRead));

        var cov = result.Coverage.Single(c => c.RoleName == Role);
        Assert.Equal(gen.Expected.MatchedByRole[Role], cov.EventsMatched);
        Assert.Equal(gen.Expected.DaysWithDataByRole[Role], cov.DaysWithData);
        Assert.Equal(expected.Count(a => a.RoleName == Role), cov.DistinctActions);
        Assert.Equal(460, cov.EventsDropped);
    }

    [Fact]
    public async Task Coverage_flags_a_late_new_action_and_a_short_window()
    {
        ActivityOssWriter.Write(Spec(3), _dir.FullName);
        var result = await ActivityFileScanner.ScanAsync([_dir.FullName], new ActivityScanOptions { RoleNames = [Role, GpuRole] });
        var worker = result.Coverage.Single(c => c.RoleName == Role);
        var gpu = result.Coverage.Single(c => c.RoleName == GpuRole);
        // 9 days, all components from the start (failed calls are spread at random, so they may be late).
        Assert.True(worker.Days > 8.9 && worker.Days <= 9);
        Assert.Equal(ActivitySource.File, worker.Source);
        // The GPU role's disk component starts at day 8.5 of 9: new actions in the last 2 days.
        Assert.False(gpu.IsWindowLongEnough);
        // DescribeDisks, AttachDisk, DetachDisk; CreateDisk (0.05/h for 12 h) never reaches one call.
        Assert.Equal(3, gpu.NewActionsInLastDays);
        Assert.Equal(new DateTimeOffset(2026, 1, 9, 0, 0, 0, TimeSpan.Zero), gpu.LastNewActionDay);
        Assert.Contains("not settled", gpu.ReasonText);

        var shortScan = await ActivityFileScanner.ScanAsync([_dir.FullName], new ActivityScanOptions
        {
            RoleNames = [Role],
            WindowStart = new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero),
            WindowEnd = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero),
        });
        var c = Assert.Single(shortScan.Coverage);
        Assert.Equal(3, c.Days);
        Assert.False(c.IsWindowLongEnough);
        Assert.Contains("at least 7", c.ReasonText);
        Assert.True(c.EventsDroppedByReason["OutsideWindow"] > 0);
        Assert.All(shortScan.Activities, a => Assert.True(a.FirstSeen >= c.WindowStart && a.LastSeen < c.WindowEnd));
    }

    [Fact]
    public void Coverage_rules_accept_a_long_settled_window()
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var acts = new[] { new AckRoleActivity { Action = "ecs:A", FirstSeen = start.AddDays(1) }, new AckRoleActivity { Action = "ecs:B", FirstSeen = start.AddDays(11.9) } };
        var ok = ActivityCoverageRules.Default.Evaluate(Role, ActivitySource.Sls, start, start.AddDays(14), acts, 10, null, new Dictionary<string, long>());
        Assert.True(ok.IsWindowLongEnough);
        Assert.Empty(ok.Reasons);
        Assert.Equal(0, ok.NewActionsInLastDays);
        Assert.Equal(start.AddDays(11), ok.LastNewActionDay);
        var late = ActivityCoverageRules.Default.Evaluate(Role, ActivitySource.Sls, start, start.AddDays(13.8), acts, 10, null, new Dictionary<string, long>());
        Assert.False(late.IsWindowLongEnough);
        Assert.Equal(1, late.NewActionsInLastDays);
        var none = ActivityCoverageRules.Default.Evaluate(Role, ActivitySource.Sls, start, start.AddDays(30), [], 0, null, new Dictionary<string, long>());
        Assert.False(none.IsWindowLongEnough);
    }

    [Fact]
    public async Task Results_are_the_same_at_one_and_several_degrees()
    {
        ActivityOssWriter.Write(Spec(11, days: 4), _dir.FullName, ActivityFileFormat.GzipNdjson);
        File.WriteAllText(Path.Combine(_dir.FullName, "broken.json"), Event(eventName: "Extra") + "\n{oops\n");
        var one = await ActivityFileScanner.ScanAsync([_dir.FullName], new ActivityScanOptions { RoleNames = [Role, GpuRole], MaxDegreeOfParallelism = 1 });
        var many = await ActivityFileScanner.ScanAsync([_dir.FullName], new ActivityScanOptions { RoleNames = [Role, GpuRole], MaxDegreeOfParallelism = 5 });
        AssertSameActivities(one.Activities, many.Activities);
        Assert.Equal(one.EventsRead, many.EventsRead);
        Assert.Equal(one.DroppedByReason, many.DroppedByReason);
        Assert.Equal(one.Coverage.Select(c => (c.EventsMatched, c.DaysWithData, c.LastNewActionDay)), many.Coverage.Select(c => (c.EventsMatched, c.DaysWithData, c.LastNewActionDay)));
        var problem = Assert.Single(many.Problems);
        Assert.EndsWith("broken.json", problem.Path);
        Assert.Equal(1, problem.MalformedRecords);
        Assert.Contains(many.Activities, a => a.Action == "ecs:Extra");
    }

    [Fact]
    public async Task Non_api_and_foreign_events_are_dropped_with_reasons_and_service_falls_back_to_AcsProduct()
    {
        var lines = new[]
        {
            Event(eventType: "ConsoleSignin", eventName: "ConsoleSignin"),
            Event(userName: "alice", type: "ram-user"),
            Event(time: "not a time"),
            Event().Replace("\"serviceName\":\"Ecs\",", ""),
            Event(service: "Sls", eventName: "GetProject").Replace("\"serviceName\":\"Sls\",", ""),
        };
        File.WriteAllText(Path.Combine(_dir.FullName, "e.ndjson"), string.Join("\n", lines));
        var r = await ActivityFileScanner.ScanAsync([Path.Combine(_dir.FullName, "e.ndjson")], new ActivityScanOptions { RoleNames = [Role] });
        Assert.Equal(1, r.DroppedByReason["NotApiCall"]);
        Assert.Equal(1, r.DroppedByReason["OtherPrincipal"]);
        Assert.Equal(1, r.DroppedByReason["MissingFields"]);
        Assert.Equal(new[] { "ecs:DescribeInstances", "log:GetProject" }, r.Activities.Select(a => a.Action));
    }

    [Fact]
    public async Task Cancellation_stops_the_scan()
    {
        ActivityOssWriter.Write(Spec(5, days: 2), _dir.FullName);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ActivityFileScanner.ScanAsync([_dir.FullName], new ActivityScanOptions { RoleNames = [Role] }, null, cts.Token));
    }

    [Fact]
    public void Generation_is_deterministic_per_seed()
    {
        static string Dump(int seed) => string.Join("\n", new ActivityEventGenerator(Spec(seed, 1)).GenerateHours().SelectMany(h => h)
            .Select(e => $"{e.EventTime:o}|{e.UserName}|{e.ServiceName}|{e.EventName}|{e.ErrorCode}|{e.EventId}"));
        Assert.Equal(Dump(9), Dump(9));
        Assert.NotEqual(Dump(9), Dump(10));
        var spec = Spec(9);
        Assert.Equal(spec.ToJson(), ActivitySpec.FromJson(spec.ToJson()).ToJson());
    }

    private sealed class SyncProgress(List<ActivityScanProgress> into) : IProgress<ActivityScanProgress>
    {
        public void Report(ActivityScanProgress value) { lock (into) into.Add(value); }
    }
}
