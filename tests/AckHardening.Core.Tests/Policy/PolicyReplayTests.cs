using AckHardening.Core.Policy;
using AckHardening.Policy;
using static AckHardening.Core.Tests.Policy.PolicyTestData;

namespace AckHardening.Core.Tests.Policy;

public class PolicyReplayTests
{
    private static readonly PolicyDocument Current = Doc("{'Version':'1','Statement':[{'Effect':'Allow','Action':['ecs:*','log:GetProject'],'Resource':'*'}]}");

    [Fact]
    public void Reports_used_actions_the_candidate_would_deny()
    {
        var candidate = Doc("{'Version':'1','Statement':[{'Effect':'Allow','Action':['ecs:DescribeInstances'],'Resource':'*'},{'Effect':'Deny','Action':'log:*','Resource':'*'}]}");
        var activity = new[] { Used("ecs:DescribeInstances", 5), Used("ecs:AttachDisk", 2, day: 7), Used("ecs:attachdisk", 1, day: 3), Used("log:GetProject"), Denied("ecs:CreateDisk") };
        var result = PolicyReplay.Check(candidate, activity);
        Assert.False(result.IsSafe);
        Assert.Equal(3, result.Findings.Count);   // the refused-only action is not replayed
        var attach = Assert.Single(result.WouldDeny, f => f.Action == "ecs:AttachDisk");
        Assert.Equal((PolicyAccessDecision.ImplicitDeny, 3L, T0.AddDays(7)), (attach.Decision, attach.Count, attach.LastSeen));
        var log = Assert.Single(result.WouldDeny, f => f.Action == "log:GetProject");
        Assert.Equal((PolicyAccessDecision.Denied, 1), (log.Decision, log.StatementIndex));
        Assert.True(log.WouldBreak);
    }

    [Fact]
    public void Same_document_is_safe_and_empty_activity_is_safe()
    {
        Assert.True(PolicyReplay.Check(Current, new[] { Used("ecs:A"), Used("log:GetProject") }).IsSafe);
        Assert.True(PolicyReplay.Check(Current, Array.Empty<AckHardening.Audit.AckRoleActivity>()).IsSafe);
    }

    [Fact]
    public void Baseline_skips_actions_granted_elsewhere()
    {
        var candidate = Doc("{'Version':'1','Statement':[{'Effect':'Allow','Action':['ecs:DescribeInstances'],'Resource':'*'}]}");
        var result = PolicyReplay.Check(candidate, new[] { Used("ecs:DescribeInstances"), Used("oss:GetObject") }, baseline: Current);
        Assert.True(result.IsSafe);
        Assert.Equal(new[] { "oss:GetObject" }, result.NotGrantedByBaseline);
        Assert.False(PolicyReplay.Check(candidate, new[] { Used("oss:GetObject") }).IsSafe);
    }

    [Fact]
    public void Conditional_allows_are_listed_but_do_not_break()
    {
        var candidate = Doc("{'Version':'1','Statement':[{'Effect':'Allow','Action':'ecs:*','Resource':'*','Condition':{'Bool':{'acs:SecureTransport':'true'}}}]}");
        var result = PolicyReplay.Check(candidate, new[] { Used("ecs:A") });
        Assert.True(result.IsSafe);
        Assert.Equal("ecs:A", Assert.Single(result.Conditional).Action);
    }
}
