using AckHardening.Audit;
using AckHardening.Core.Policies;

namespace AckHardening.Core.Tests.PolicyAnalysis;

public class RecommendationReadinessTests
{
    private const string Role = "KubernetesWorkerRole-4a9e2f1c-7b3d-4e8a-9c6f-1d2e3f4a5b6c";
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static AckRoleActivity Act(string action, string role = Role, int firstDay = 0, int lastDay = 10, long count = 5) => new()
    {
        RoleName = role, Action = action, Count = count, FirstSeen = T0.AddDays(firstDay), LastSeen = T0.AddDays(lastDay),
    };

    private static AckActivityCoverage Cov(double days, bool longEnough, string role = Role, ActivitySource source = ActivitySource.Sls, params string[] reasons) => new()
    {
        RoleName = role, Source = source, WindowStart = T0, WindowEnd = T0.AddDays(days), Days = days, IsWindowLongEnough = longEnough, Reasons = reasons,
    };

    private static RecommendationReadiness Assess(IEnumerable<AckRoleActivity> activity, IEnumerable<AckActivityCoverage>? coverage = null,
        IEnumerable<TrailReadiness>? trails = null, string role = Role) =>
        RecommendationReadiness.Assess(new RecommendationReadinessInput
        {
            RoleName = role, Activity = activity.ToList(), Coverage = coverage?.ToList(), Trails = trails?.ToList(),
        });

    [Fact]
    public void Only_the_role_s_own_activity_counts_case_insensitively()
    {
        var r = Assess(new[] { Act("ecs:A"), Act("ecs:B", Role.ToUpperInvariant()), Act("ecs:C", "AckGpuNodeRole"), Act("ecs:D", "AckGpuNodeRole"), Act("ecs:E", "") },
            new[] { Cov(14, true) });
        Assert.Equal(new[] { "ecs:A", "ecs:B" }, r.RoleActivity.Select(a => a.Action));
        Assert.Equal(2, r.IgnoredRoles["AckGpuNodeRole"]);
        Assert.Equal(1, r.IgnoredRoles[""]);
        Assert.True(r.IsReady);
        Assert.Empty(r.Notes);
        Assert.Equal(EvidenceWindowSource.Coverage, r.WindowSource);
        Assert.Equal(TimeSpan.FromDays(14), r.EvidenceWindow);
    }

    [Fact]
    public void No_activity_for_the_role_is_a_problem_that_names_the_roles_seen()
    {
        var r = Assess(new[] { Act("ecs:C", "AckGpuNodeRole") }, new[] { Cov(30, true) });
        Assert.False(r.IsReady);
        var p = Assert.Single(r.Problems);
        Assert.Contains("no activity for role " + Role, p, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("AckGpuNodeRole", p);

        var none = Assess(Array.Empty<AckRoleActivity>());
        Assert.Contains("no activity record was given at all", Assert.Single(none.Problems));
        Assert.Null(none.EvidenceWindow);
    }

    [Theory]
    [InlineData(6.9, true, false)]     // long enough by the collector's rule, but under our minimum
    [InlineData(14, false, true)]      // long; the collector's doubt (actions not settled) is a note, not a refusal
    [InlineData(7, true, true)]
    [InlineData(90, true, true)]
    public void Coverage_gives_the_window_and_its_verdict(double days, bool longEnough, bool ready)
    {
        var r = Assess(new[] { Act("ecs:A") }, new[] { Cov(days, longEnough, reasons: longEnough ? Array.Empty<string>() : new[] { "3 new actions in the last 2 days" }) });
        Assert.Equal(ready, r.IsReady);
        Assert.Equal(EvidenceWindowSource.Coverage, r.WindowSource);
        Assert.Equal(days, r.EvidenceWindow!.Value.TotalDays, 3);
        if (days < 7) Assert.Contains("less than the minimum of 7", Assert.Single(r.Problems));
        else if (!longEnough)
        {
            Assert.Empty(r.Problems);
            Assert.Contains(r.Notes, n => n.Contains("3 new actions in the last 2 days", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Coverage_from_a_trail_that_is_not_ready_refuses_whatever_its_window()
    {
        var c = Cov(14, false, reasons: new[] { "Trail ack-audit-write: EventRW is Write" });
        c.TrailName = "ack-audit-write";
        c.TrailReady = false;
        var r = Assess(new[] { Act("ecs:A") }, new[] { c });
        Assert.False(r.IsReady);
        Assert.Contains("ack-audit-write, which is not ready", Assert.Single(r.Problems), StringComparison.Ordinal);

        c.TrailReady = true;
        Assert.True(Assess(new[] { Act("ecs:A") }, new[] { c }).IsReady);
    }

    [Fact]
    public void The_best_coverage_source_wins_and_coverage_of_other_roles_is_ignored()
    {
        var r = Assess(new[] { Act("ecs:A") }, new[] { Cov(3, false, source: ActivitySource.LookupEvents), Cov(30, true), Cov(90, true, "AckGpuNodeRole") });
        Assert.True(r.IsReady);
        Assert.Equal(30, r.EvidenceWindow!.Value.TotalDays, 3);
    }

    [Fact]
    public void Coverage_without_start_and_end_uses_its_days()
    {
        var c = new AckActivityCoverage { RoleName = Role, Days = 10, IsWindowLongEnough = true };
        Assert.Equal(10, Assess(new[] { Act("ecs:A") }, new[] { c }).EvidenceWindow!.Value.TotalDays, 3);
    }

    [Fact]
    public void Without_coverage_the_window_is_the_activity_span_and_a_note_says_so()
    {
        var r = Assess(new[] { Act("ecs:A", firstDay: 2, lastDay: 5), Act("ecs:B", firstDay: 4, lastDay: 12), Act("ecs:C", "other", 0, 40) });
        Assert.Equal(EvidenceWindowSource.ActivitySpan, r.WindowSource);
        Assert.Equal(TimeSpan.FromDays(10), r.EvidenceWindow);
        Assert.True(r.IsReady);
        Assert.Contains("derived from when role", Assert.Single(r.Notes));

        var shortSpan = Assess(new[] { Act("ecs:A", firstDay: 0, lastDay: 3) });
        Assert.Contains("spans 3 day(s), less than the minimum of 7", Assert.Single(shortSpan.Problems));
    }

    [Fact]
    public void Coverage_for_other_roles_only_falls_back_to_the_activity_span()
    {
        var r = Assess(new[] { Act("ecs:A", firstDay: 0, lastDay: 8) }, new[] { Cov(30, true, "AckGpuNodeRole") });
        Assert.Equal(EvidenceWindowSource.ActivitySpan, r.WindowSource);
        Assert.True(r.IsReady);
        Assert.Equal(2, r.Notes.Count);
    }

    [Fact]
    public void Activity_without_times_and_no_coverage_leaves_the_window_unknown()
    {
        var r = Assess(new[] { new AckRoleActivity { RoleName = Role, Action = "ecs:A", Count = 1 } });
        Assert.Equal(EvidenceWindowSource.Unknown, r.WindowSource);
        Assert.Contains("evidence window is unknown", Assert.Single(r.Problems));
    }

    [Fact]
    public void A_trail_not_ready_is_a_problem_with_its_reasons()
    {
        var trails = new[]
        {
            new TrailReadiness("ack-trail", false, new[] { "EventRW is Write, reads are not recorded", "" }),
            new TrailReadiness(null, true, Array.Empty<string>()),
            new TrailReadiness(null, false, Array.Empty<string>()),
        };
        var r = Assess(new[] { Act("ecs:A") }, new[] { Cov(30, true) }, trails);
        Assert.Equal(2, r.Problems.Count);
        Assert.Equal("The audit trail ack-trail is not ready for analysis: EventRW is Write, reads are not recorded.", r.Problems[0]);
        Assert.Contains("(no reason given)", r.Problems[1]);
    }

    [Fact]
    public void A_role_name_is_required()
    {
        Assert.Throws<ArgumentException>(() => Assess(new[] { Act("ecs:A") }, role: " "));
    }
}
