using AckHardening.Core.Errors;
using AckHardening.Core.Policy;
using AckHardening.Policy;
using static AckHardening.Core.Tests.Policy.PolicyTestData;

namespace AckHardening.Core.Tests.Policy;

public class PolicyApplyPlannerTests
{
    internal static readonly PolicyDocument Broad = Doc("{'Version':'1','Statement':[{'Effect':'Allow','Action':['ecs:*','log:*'],'Resource':'*'}]}");
    internal static readonly PolicyDocument Narrow = Doc("{'Version':'1','Statement':[{'Effect':'Allow','Action':['ecs:DescribeInstances'],'Resource':'*'}]}");

    /// <summary>Versions v1..vN, default as given, each with its own document (the default holds <paramref name="defaultDoc"/>).</summary>
    internal static PolicyState State(int versions, int defaultNumber, PolicyDocument? defaultDoc = null, bool attached = true, string type = "Custom", Func<int, DateTimeOffset?>? created = null) => new()
    {
        PolicyName = "p", PolicyType = type, RoleName = "r", IsAttached = attached,
        Versions = Enumerable.Range(1, versions).Select(n => PolicyVersionSnapshot.From($"v{n}", n == defaultNumber,
            n == defaultNumber ? defaultDoc ?? Broad : Doc("{'Version':'1','Statement':[{'Effect':'Allow','Action':'old:V" + n + "','Resource':'*'}]}"),
            created is null ? T0.AddDays(n) : created(n))).ToList(),
    };

    private static string[] All(int n) => Enumerable.Range(1, n).Select(i => $"v{i}").ToArray();

    private static (PolicyOperation, string?)[] Ops(AckPolicyChangePlan plan) => plan.Steps.Select(s => (s.Operation, s.VersionId)).ToArray();

    [Fact]
    public void Below_the_limit_creates_a_default_version()
    {
        var plan = PolicyApplyPlanner.Plan(State(2, 2), Narrow, All(2), new PolicyApplyOptions { ClusterId = "c1" });
        var step = Assert.Single(plan.Steps);
        Assert.Equal((PolicyOperation.CreatePolicyVersion, true, 1), (step.Operation, step.SetAsDefault, step.Order));
        Assert.Equal(Narrow.ToJson(), step.PolicyDocument);
        Assert.Contains("make it the default", step.Description);
        Assert.Equal(("c1", "r", "v2", PolicyChangePlanKind.Apply), (plan.ClusterId, plan.RoleName, plan.CurrentDefaultVersion, plan.Kind));
        Assert.Contains(plan.Differences, d => d.Change == PolicyChangeKind.Removed && d.Action == "log:*");
        Assert.Equal(Narrow.ToJson(), plan.TargetDocument!.ToJson());
    }

    [Fact]
    public void At_five_versions_deletes_the_oldest_backed_up_non_default_first()
    {
        var plan = PolicyApplyPlanner.Plan(State(5, 1), Narrow, All(5));
        Assert.Equal(new[] { (PolicyOperation.DeletePolicyVersion, (string?)"v2"), (PolicyOperation.CreatePolicyVersion, null) }, Ops(plan));
        Assert.Equal(new[] { 1, 2 }, plan.Steps.Select(s => s.Order));
        Assert.Contains("in the backup", plan.Steps[0].Description);
        Assert.Equal("Apply to policy p: DeletePolicyVersion v2, CreatePolicyVersion (default)", plan.Summary);
    }

    [Fact]
    public void Oldest_is_by_create_date_then_version_number()
    {
        var plan = PolicyApplyPlanner.Plan(State(5, 5, created: n => n == 4 ? T0.AddDays(-10) : T0), Narrow, All(5));
        Assert.Equal("v4", plan.Steps[0].VersionId);
        var sameDates = PolicyApplyPlanner.Plan(State(5, 1, created: _ => null), Narrow, All(5));
        Assert.Equal("v2", sameDates.Steps[0].VersionId);
    }

    [Fact]
    public void At_five_versions_only_backed_up_versions_are_deleted()
    {
        var plan = PolicyApplyPlanner.Plan(State(5, 5), Narrow, new[] { "v5", "v3", "v4" });
        Assert.Equal("v3", plan.Steps[0].VersionId);

        var e = Assert.Throws<AckException>(() => PolicyApplyPlanner.Plan(State(5, 5), Narrow, new[] { "v5" }));
        Assert.Equal(("AckPolicyVersionLimit", AckErrorKind.LimitsExceeded), (e.ErrorId, e.Kind));
        Assert.Contains("v1, v2, v3, v4", e.Message);
        Assert.NotNull(e.RecommendedAction);
    }

    [Fact]
    public void The_default_version_must_be_in_the_backup()
    {
        var e = Assert.Throws<AckException>(() => PolicyApplyPlanner.Plan(State(2, 2), Narrow, new[] { "v1" }));
        Assert.Equal("AckPolicyNotBackedUp", e.ErrorId);
    }

    [Theory]
    [InlineData("{'Version':'1','Statement':[{'Effect':'Allow','Action':['ecs:*','log:*'],'Resource':'*'}]}")]
    [InlineData("{'Statement':[{'Resource':['*'],'Action':['LOG:*','ecs:*','ecs:*'],'Effect':'Allow'}],'Version':'1'}")]
    public void Equal_document_is_a_no_op(string json)
    {
        var plan = PolicyApplyPlanner.Plan(State(5, 3), Doc(json), new[] { "v3" });
        Assert.True(plan.IsNoOp);
        Assert.Equal(0, plan.StepCount);
        Assert.Contains("already equals", plan.Summary);
    }

    [Fact]
    public void Equivalent_statement_order_is_a_no_op()
    {
        var two = Doc("{'Version':'1','Statement':[{'Effect':'Allow','Action':'a:1','Resource':'*'},{'Effect':'Deny','Action':'b:1','Resource':'*'}]}");
        var swapped = Doc("{'Version':'1','Statement':[{'Effect':'Deny','Action':'b:1','Resource':'*'},{'Effect':'Allow','Action':'a:1','Resource':'*'}]}");
        Assert.True(PolicyApplyPlanner.Plan(State(1, 1, two), swapped, All(1)).IsNoOp);
    }

    [Fact]
    public void An_existing_identical_version_is_made_default_instead_of_creating_one()
    {
        var state = State(5, 5);
        var plan = PolicyApplyPlanner.Plan(state, state.Versions[1].Document!, new[] { "v5" });
        Assert.Equal(new[] { (PolicyOperation.SetDefaultPolicyVersion, (string?)"v2") }, Ops(plan));
    }

    [Fact]
    public void Empty_proposal_detaches_only_with_the_flag()
    {
        var empty = Doc("{'Version':'1','Statement':[]}");
        var e = Assert.Throws<AckException>(() => PolicyApplyPlanner.Plan(State(2, 2), empty, All(2)));
        Assert.Equal("AckPolicyEmptyProposal", e.ErrorId);
        Assert.Contains("DetachWhenEmpty", e.RecommendedAction);

        var plan = PolicyApplyPlanner.Plan(State(2, 2), empty, All(2), new PolicyApplyOptions { DetachWhenEmpty = true });
        var step = Assert.Single(plan.Steps);
        Assert.Equal((PolicyOperation.DetachPolicyFromRole, "r", "p"), (step.Operation, step.RoleName, step.PolicyName));
        Assert.Null(plan.TargetDocument);

        Assert.True(PolicyApplyPlanner.Plan(State(2, 2, attached: false), empty, All(2), new PolicyApplyOptions { DetachWhenEmpty = true }).IsNoOp);
    }

    [Fact]
    public void Invalid_target_and_system_policies_are_refused()
    {
        var invalid = Doc("{'Version':'1','Statement':[{'Effect':'Allow','Action':'nocolon','Resource':'*'}]}");
        var e = Assert.Throws<AckException>(() => PolicyApplyPlanner.Plan(State(2, 2), invalid, All(2)));
        Assert.Equal("AckPolicyInvalid", e.ErrorId);
        Assert.Contains("Statement[0].Action", e.Message);
        Assert.Equal("AckPolicyNotCustom", Assert.Throws<AckException>(() => PolicyApplyPlanner.Plan(State(1, 1, type: "System"), Narrow, All(1))).ErrorId);
    }

    [Fact]
    public void Detached_policy_gets_a_warning()
    {
        var plan = PolicyApplyPlanner.Plan(State(1, 1, attached: false), Narrow, All(1));
        Assert.Contains(plan.Warnings, w => w.Contains("not attached"));
    }
}

public class PolicyRestorePlannerTests
{
    private static readonly PolicyDocument Broad = PolicyApplyPlannerTests.Broad;
    private static readonly PolicyDocument Narrow = PolicyApplyPlannerTests.Narrow;

    private static PolicyBackup BackupOf(PolicyState state, PolicyDocument? planned = null) =>
        PolicyBackup.FromState(state, T0.AddDays(30), "c1", "0.1.0", planned);

    /// <summary>After applying <paramref name="applied"/> as v3 on top of a 2-version policy.</summary>
    private static PolicyState AfterApply(PolicyState before, PolicyDocument applied, bool attached = true) => new()
    {
        PolicyName = before.PolicyName, RoleName = before.RoleName, IsAttached = attached,
        Versions = before.Versions.Select(v => new PolicyVersionSnapshot { VersionId = v.VersionId, IsDefault = false, CreateDate = v.CreateDate, DocumentText = v.DocumentText })
            .Append(PolicyVersionSnapshot.From("v3", true, applied, T0.AddDays(31))).ToList(),
    };

    [Fact]
    public void Switches_back_to_the_backed_up_version_when_it_still_exists()
    {
        var before = PolicyApplyPlannerTests.State(2, 2);
        var plan = PolicyRestorePlanner.Plan(BackupOf(before, Narrow), AfterApply(before, Narrow));
        var step = Assert.Single(plan.Steps);
        Assert.Equal((PolicyOperation.SetDefaultPolicyVersion, "v2"), (step.Operation, step.VersionId));
        Assert.Equal(PolicyChangePlanKind.Restore, plan.Kind);
        Assert.Empty(plan.Warnings);
        Assert.Equal(Broad.ToJson(), plan.TargetDocument!.ToJson());
    }

    [Fact]
    public void Creates_the_version_again_when_it_was_deleted_and_reattaches()
    {
        var before = PolicyApplyPlannerTests.State(2, 2);
        var after = AfterApply(before, Narrow, attached: false);
        var pruned = new PolicyState { PolicyName = "p", RoleName = "r", IsAttached = false, Versions = after.Versions.Where(v => v.VersionId != "v2").ToList() };
        var plan = PolicyRestorePlanner.Plan(BackupOf(before), pruned, new PolicyRestoreOptions { ExpectedCurrentDocument = Narrow });
        Assert.Equal(new[] { PolicyOperation.CreatePolicyVersion, PolicyOperation.AttachPolicyToRole }, plan.Steps.Select(s => s.Operation));
        Assert.Equal(Broad.ToJson(), PolicyDocument.Parse(plan.Steps[0].PolicyDocument!).ToJson());
        Assert.Equal("r", plan.Steps[1].RoleName);
    }

    [Fact]
    public void Restoring_at_five_versions_frees_a_backed_up_slot()
    {
        var before = PolicyApplyPlannerTests.State(4, 4);
        var after = new PolicyState
        {
            PolicyName = "p", RoleName = "r",
            Versions = before.Versions.Where(v => v.VersionId != "v4").Select(v => v)
                .Append(PolicyVersionSnapshot.From("v5", true, Narrow, T0.AddDays(40)))
                .Append(PolicyVersionSnapshot.From("v6", false, Narrow, T0.AddDays(41))).ToList(),
        };
        var plan = PolicyRestorePlanner.Plan(BackupOf(before, Narrow), after);
        Assert.Equal(new[] { (PolicyOperation.DeletePolicyVersion, (string?)"v1"), (PolicyOperation.CreatePolicyVersion, null) }, plan.Steps.Select(s => (s.Operation, s.VersionId)));
    }

    [Fact]
    public void Someone_elses_change_is_refused_unless_forced()
    {
        var before = PolicyApplyPlannerTests.State(2, 2);
        var foreign = Doc("{'Version':'1','Statement':[{'Effect':'Allow','Action':['ecs:*','oss:*'],'Resource':'*'}]}");
        var e = Assert.Throws<AckException>(() => PolicyRestorePlanner.Plan(BackupOf(before, Narrow), AfterApply(before, foreign)));
        Assert.Equal(("AckPolicyChangedSinceBackup", AckErrorKind.InvalidOperation), (e.ErrorId, e.Kind));
        Assert.Contains("=> Action oss:*", e.Message);
        Assert.Contains("<= Action log:*", e.Message);
        Assert.IsType<AckPolicyDifference[]>(e.Target);

        var forced = PolicyRestorePlanner.Plan(BackupOf(before, Narrow), AfterApply(before, foreign), new PolicyRestoreOptions { Force = true });
        Assert.Equal(PolicyOperation.SetDefaultPolicyVersion, Assert.Single(forced.Steps).Operation);
        Assert.Contains(forced.Warnings, w => w.Contains("changed since the backup"));
    }

    [Fact]
    public void Without_a_record_of_what_was_applied_any_change_needs_force()
    {
        var before = PolicyApplyPlannerTests.State(2, 2);
        var e = Assert.Throws<AckException>(() => PolicyRestorePlanner.Plan(BackupOf(before), AfterApply(before, Narrow)));
        Assert.Contains("does not record what was applied", e.Message);
        Assert.Single(PolicyRestorePlanner.Plan(BackupOf(before), AfterApply(before, Narrow), new PolicyRestoreOptions { ExpectedCurrentDocument = Narrow }).Steps);
    }

    [Fact]
    public void Nothing_to_do_when_the_policy_already_matches()
    {
        var before = PolicyApplyPlannerTests.State(2, 2);
        var plan = PolicyRestorePlanner.Plan(BackupOf(before), before);
        Assert.True(plan.IsNoOp);
        Assert.Contains("nothing to restore", plan.Summary);

        var detached = new PolicyState { PolicyName = "p", RoleName = "r", IsAttached = false, Versions = before.Versions };
        Assert.Equal(PolicyOperation.AttachPolicyToRole, Assert.Single(PolicyRestorePlanner.Plan(BackupOf(before), detached).Steps).Operation);
    }

    [Fact]
    public void Backup_of_another_policy_is_refused()
    {
        var before = PolicyApplyPlannerTests.State(2, 2);
        var other = new PolicyState { PolicyName = "q", RoleName = "r", Versions = before.Versions };
        Assert.Equal("AckPolicyBackupMismatch", Assert.Throws<AckException>(() => PolicyRestorePlanner.Plan(BackupOf(before), other)).ErrorId);
    }

    [Fact]
    public void A_backup_read_from_disk_plans_the_same()
    {
        var dir = Directory.CreateTempSubdirectory("ackpolicy-");
        try
        {
            var before = PolicyApplyPlannerTests.State(2, 2);
            var info = new PolicyBackupStore().Write(BackupOf(before, Narrow), dir.FullName);
            var plan = PolicyRestorePlanner.Plan(PolicyBackupStore.Read(info.Path), AfterApply(before, Narrow));
            Assert.Equal((PolicyOperation.SetDefaultPolicyVersion, "v2"), (plan.Steps[0].Operation, plan.Steps[0].VersionId));
            Assert.Equal("c1", plan.ClusterId);
        }
        finally { dir.Delete(true); }
    }
}
