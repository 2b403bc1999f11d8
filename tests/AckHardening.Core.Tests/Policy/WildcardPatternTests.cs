using AckHardening.Core.Policy;

namespace AckHardening.Core.Tests.Policy;

public class WildcardPatternTests
{
    [Theory]
    [InlineData("ecs:DescribeInstances", "ecs:DescribeInstances", true, true)]
    [InlineData("ecs:describeinstances", "ECS:DescribeInstances", true, true)]
    [InlineData("ecs:describeinstances", "ECS:DescribeInstances", false, false)]
    [InlineData("ecs:Describe*", "ecs:DescribeInstances", true, true)]
    [InlineData("ecs:Describe*", "ecs:Describe", true, true)]
    [InlineData("ecs:Describe*", "ecs:CreateDisk", true, false)]
    [InlineData("*", "anything:AtAll", true, true)]
    [InlineData("ecs:*Disk", "ecs:AttachDisk", true, true)]
    [InlineData("ecs:*Disk", "ecs:AttachDisks", true, false)]
    [InlineData("ecs:Get?", "ecs:GetX", true, true)]
    [InlineData("ecs:Get?", "ecs:Get", true, false)]
    [InlineData("ecs:Get?", "ecs:GetXY", true, false)]
    [InlineData("e?s:*a*b*", "ecs:xxaYYbZ", true, true)]
    [InlineData("e?s:*a*b*", "ecs:xxbYYaZ", true, false)]
    [InlineData("", "", true, true)]
    [InlineData("**", "", true, true)]
    public void Matches(string pattern, string text, bool ignoreCase, bool expected) =>
        Assert.Equal(expected, WildcardPattern.IsMatch(pattern, text, ignoreCase));

    [Theory]
    [InlineData("ecs:Describe*", "ecs:*Instances", true)]
    [InlineData("ecs:Describe*", "ecs:Create*", false)]
    [InlineData("log:*", "log:GetProject", true)]
    [InlineData("log:GetProject", "log:*", true)]
    [InlineData("log:Get?roject", "LOG:getProject", true)]
    [InlineData("cr:List*", "cr:Get*", false)]
    [InlineData("*", "x:y", true)]
    [InlineData("a:b?", "a:b", false)]
    public void Overlaps(string a, string b, bool expected)
    {
        Assert.Equal(expected, WildcardPattern.Overlaps(a, b, ignoreCase: true));
        Assert.Equal(expected, WildcardPattern.Overlaps(b, a, ignoreCase: true));
    }
}
