using AckHardening.Core.Policy;
using AckHardening.Policy;
using static AckHardening.Core.Tests.Policy.PolicyTestData;

namespace AckHardening.Core.Tests.Policy;

public class PolicyComparerTests
{
    [Fact]
    public void Reports_actions_per_statement_and_whole_document()
    {
        var before = PolicyDocument.Parse(BroadWorkerPolicy);
        var after = Doc("{'Version':'1','Statement':[{'Action':['cr:GetAuthorizationToken','cr:PullRepository'],'Resource':['*'],'Effect':'Allow'},{'Action':['ecs:DescribeInstanceAttribute','ecs:DescribeInstances'],'Resource':['*'],'Effect':'Allow'}]}");
        var c = PolicyComparer.Compare(before, after, "p");
        Assert.False(c.AreEquivalent);
        Assert.Equal(new[] { "cr:GetAuthorizationToken", "ecs:DescribeInstances" }, c.ActionsAdded);
        Assert.Contains("vpc:*", c.ActionsRemoved);
        Assert.DoesNotContain("cr:PullRepository", c.ActionsRemoved);

        // Statements are paired by scope (Effect+Resource), first free match: before[0] ↔ after[0].
        var added = c.Differences.Where(d => d.Change == PolicyChangeKind.Added && d.Element == "Action").ToList();
        Assert.All(c.Differences, d => Assert.Equal("p", d.PolicyName));
        Assert.Contains(added, d => d.Action == "ecs:DescribeInstances" && d.SideIndicator == "=>" && d.StatementIndex >= 0 && d.DifferenceStatementIndex >= 0);
        Assert.Contains(c.Differences, d => d.Element == "Statement" && d.Change == PolicyChangeKind.Removed && d.DifferenceStatementIndex == -1);
    }

    [Fact]
    public void Pairs_by_sid_first()
    {
        var a = Doc("{'Version':'1','Statement':[{'Sid':'X','Effect':'Allow','Action':'a:1','Resource':'*'},{'Sid':'Y','Effect':'Allow','Action':'a:2','Resource':'*'}]}");
        var b = Doc("{'Version':'1','Statement':[{'Sid':'Y','Effect':'Allow','Action':['a:2','a:3'],'Resource':'*'},{'Sid':'X','Effect':'Allow','Action':'a:1','Resource':'*'}]}");
        var d = Assert.Single(PolicyComparer.Compare(a, b).Differences);
        Assert.Equal(("a:3", "Y", 1, 0, "=>"), (d.Action, d.Sid, d.StatementIndex, d.DifferenceStatementIndex, d.SideIndicator));
    }

    [Fact]
    public void Resource_condition_and_effect_changes_are_reported()
    {
        var a = Doc("{'Version':'1','Statement':[{'Effect':'Allow','Action':'a:1','Resource':'*'}]}");
        var b = Doc("{'Version':'1','Statement':[{'Effect':'Deny','Action':'a:1','Resource':'acs:ecs:*:*:instance/i-1','Condition':{'Bool':{'k':'v'}}}]}");
        var diffs = PolicyComparer.Compare(a, b).Differences;
        Assert.Contains(diffs, d => d.Element == "Effect" && d.ReferenceValue == "Allow" && d.DifferenceValue == "Deny");
        Assert.Contains(diffs, d => d.Element == "Resource" && d.Action == "*" && d.Change == PolicyChangeKind.Removed);
        Assert.Contains(diffs, d => d.Element == "Resource" && d.Action == "acs:ecs:*:*:instance/i-1" && d.Change == PolicyChangeKind.Added);
        Assert.Contains(diffs, d => d.Element == "Condition" && d.Change == PolicyChangeKind.Changed);
    }

    [Theory]
    [InlineData("{'Version':'1','Statement':[{'Effect':'Allow','Action':['a:1','a:2'],'Resource':'*'},{'Effect':'Deny','Action':'b:1','Resource':'*'}]}",
                "{'Statement':[{'Resource':['*'],'Effect':'Deny','Action':['b:1']},{'Effect':'Allow','Action':['A:2','a:1','a:1'],'Resource':'*'}],'Version':'1'}", true)]
    [InlineData("{'Version':'1','Statement':[{'Sid':'one','Effect':'Allow','Action':'a:1','Resource':'*'}]}",
                "{'Version':'1','Statement':[{'Sid':'two','Effect':'Allow','Action':'a:1','Resource':'*'}]}", true)]
    [InlineData("{'Version':'1','Statement':[{'Effect':'Allow','Action':'a:1','Resource':'*'}]}",
                "{'Version':'1','Statement':[{'Effect':'Allow','Action':'a:1','Resource':'*','Condition':{'Bool':{'k':'v'}}}]}", false)]
    [InlineData("{'Version':'1','Statement':[{'Effect':'Allow','Action':'a:1','Resource':'acs:oss:*:*:A'}]}",
                "{'Version':'1','Statement':[{'Effect':'Allow','Action':'a:1','Resource':'acs:oss:*:*:a'}]}", false)]
    [InlineData("{'Version':'1','Statement':[{'Effect':'Allow','Action':'a:1','Resource':'*'}]}",
                "{'Version':'1','Statement':[{'Effect':'Allow','NotAction':'a:1','Resource':'*'}]}", false)]
    public void Equivalence_ignores_layout_order_case_and_sid(string a, string b, bool equivalent)
    {
        Assert.Equal(equivalent, PolicyCanonicalJson.AreEquivalent(Doc(a), Doc(b)));
        Assert.Equal(equivalent, PolicyComparer.Compare(Doc(a), Doc(b)).AreEquivalent);
    }
}
