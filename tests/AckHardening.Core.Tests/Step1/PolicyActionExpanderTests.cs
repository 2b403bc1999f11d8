using AckHardening.Core.Policies;
using AckHardening.Policy;
using static AckHardening.Core.Tests.Step1.Step1Json;

namespace AckHardening.Core.Tests.Step1;

public class PolicyActionExpanderTests
{
    [Fact]
    public void One_row_per_action_with_statement_context()
    {
        var policy = new AckWorkerRolePolicy
        {
            ClusterId = ProId, RoleName = ProRole, PolicyName = ProPolicy, PolicyType = "Custom", DefaultVersion = "v2",
            DocumentJson = BroadDocument,
        };

        var rows = PolicyActionExpander.Expand(policy).ToList();

        Assert.Equal(5, rows.Count);
        Assert.Equal(new[] { "ecs:AttachDisk", "ecs:DescribeInstances", "log:*", "cr:Get*", "ram:*" }, rows.Select(r => r.Action));
        Assert.Equal(new[] { 0, 0, 0, 1, 2 }, rows.Select(r => r.StatementIndex));
        Assert.Equal(new[] { false, false, true, true, true }, rows.Select(r => r.IsWildcard));
        Assert.Equal(new[] { false, false, false, true, false }, rows.Select(r => r.HasCondition));
        Assert.True(rows[4].IsNotAction);
        Assert.Equal("Deny", rows[4].Effect);
        Assert.Equal("acs:cr:*:*:*", rows[3].Resource);
        Assert.Equal("ecs", rows[0].Service);
        Assert.All(rows, r => { Assert.Equal(ProId, r.ClusterId); Assert.Equal(ProRole, r.RoleName); Assert.Equal("v2", r.VersionId); });
    }

    [Fact]
    public void Resources_are_joined_with_a_comma_and_space()
    {
        var policy = new AckWorkerRolePolicy
        {
            RoleName = "r", PolicyName = "p",
            Document = PolicyDocument.Parse("{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"oss:GetObject\",\"Resource\":[\"acs:oss:*:*:a\",\"acs:oss:*:*:b\"]}]}"),
        };
        Assert.Equal("acs:oss:*:*:a, acs:oss:*:*:b", Assert.Single(PolicyActionExpander.Expand(policy)).Resource);
    }
}
