using AckHardening.Core.Policy;
using AckHardening.Policy;

namespace AckHardening.Core.Tests.PolicyAnalysis;

public class PolicyComparerIncludeEqualTests
{
    private static PolicyDocument Doc(string json) => PolicyDocument.Parse(json.Replace('\'', '"'));

    private static readonly PolicyDocument Before = Doc("{'Version':'1','Statement':[{'Effect':'Allow','Action':['ecs:A','ecs:B','log:*'],'Resource':'*'}]}");
    private static readonly PolicyDocument After = Doc("{'Version':'1','Statement':[{'Effect':'Allow','Action':['ecs:a','log:GetProject'],'Resource':'*'}]}");

    [Fact]
    public void Equal_entries_are_listed_only_when_asked_for()
    {
        var without = PolicyComparer.Compare(Before, After, "p", includeEqual: false);
        Assert.DoesNotContain(without.Differences, d => d.SideIndicator == "==");
        Assert.Equal(PolicyComparer.Compare(Before, After, "p").Differences.Count, without.Differences.Count);

        var with = PolicyComparer.Compare(Before, After, "p", includeEqual: true);
        var equal = with.Differences.Where(d => d.SideIndicator == "==").Select(d => (d.Element, d.Action, d.Change)).ToList();
        Assert.Equal(new[] { ("Action", (string?)"ecs:A", PolicyChangeKind.Unchanged), ("Resource", "*", PolicyChangeKind.Unchanged) }, equal);
        Assert.Equal(without.Differences.Count + 2, with.Differences.Count);
        Assert.All(with.Differences, d => Assert.Equal("p", d.PolicyName));
    }

    [Fact]
    public void Identical_documents_give_only_equal_rows()
    {
        var c = PolicyComparer.Compare(Before, Before.Clone(), null, includeEqual: true);
        Assert.True(c.AreEquivalent);
        Assert.All(c.Differences, d => Assert.Equal("==", d.SideIndicator));
        Assert.Equal(4, c.Differences.Count);
        Assert.Empty(PolicyComparer.Compare(Before, Before.Clone()).Differences);
    }
}

public class PolicyComparerPairingTests
{
    private static PolicyDocument Doc(string json) => PolicyDocument.Parse(json.Replace('\'', '"'));

    [Fact]
    public void A_kept_statement_is_paired_with_itself_when_an_earlier_one_of_the_same_scope_is_dropped()
    {
        var before = Doc("{'Version':'1','Statement':[{'Effect':'Allow','Action':['eci:A','eci:B'],'Resource':'*'},{'Effect':'Allow','Action':'log:*','Resource':'*'},{'Effect':'Allow','Action':'cms:*','Resource':'*'}]}");
        var after = Doc("{'Version':'1','Statement':[{'Effect':'Allow','Action':'log:GetProject','Resource':'*'}]}");
        var c = PolicyComparer.Compare(before, after, "p");

        // log:* ↔ log:GetProject (a wildcard covers the other side), the eci and cms statements dropped whole.
        Assert.DoesNotContain(c.Differences, d => d.Change == PolicyChangeKind.Added && d.Action == "log:*");
        var narrowed = c.Differences.Where(d => d.StatementIndex == 1 && d.DifferenceStatementIndex == 0).Select(d => (d.SideIndicator, d.Action)).ToList();
        Assert.Equal(new[] { ("<=", (string?)"log:*"), ("=>", "log:GetProject") }, narrowed);
        Assert.Equal(new[] { 0, 2 }, c.Differences.Where(d => d.Element == "Statement").Select(d => d.StatementIndex));
    }
}
