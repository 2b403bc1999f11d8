using AckHardening.Core.Policy;
using AckHardening.Policy;
using static AckHardening.Core.Tests.Policy.PolicyTestData;

namespace AckHardening.Core.Tests.Policy;

public class PolicyEvaluatorTests
{
    private const string A = "Allowed", D = "Denied", I = "ImplicitDeny", C = "AllowedWithCondition";

    public static TheoryData<string, string, string?, string, int> Cases => new()
    {
        // document, action, resource, expected decision, deciding statement
        { "[{'Effect':'Allow','Action':'ecs:DescribeInstances','Resource':'*'}]", "ecs:DescribeInstances", null, A, 0 },
        { "[{'Effect':'Allow','Action':'ecs:DescribeInstances','Resource':'*'}]", "ECS:describeinstances", null, A, 0 },
        { "[{'Effect':'Allow','Action':'ecs:DescribeInstances','Resource':'*'}]", "ecs:DescribeDisks", null, I, -1 },
        { "[{'Effect':'Allow','Action':'ecs:Describe*','Resource':'*'}]", "ecs:DescribeDisks", null, A, 0 },
        { "[{'Effect':'Allow','Action':'ecs:Describe*','Resource':'*'}]", "ecs:CreateDisk", null, I, -1 },
        { "[{'Effect':'Allow','Action':'ecs:Get?','Resource':'*'}]", "ecs:GetX", null, A, 0 },
        { "[{'Effect':'Allow','Action':'ecs:Get?','Resource':'*'}]", "ecs:GetXY", null, I, -1 },
        { "[{'Effect':'Allow','Action':'*','Resource':'*'}]", "ram:CreateUser", null, A, 0 },
        { "[{'Effect':'Allow','Action':'*','Resource':'*'},{'Effect':'Deny','Action':'ram:*','Resource':'*'}]", "ram:CreateUser", null, D, 1 },
        { "[{'Effect':'Deny','Action':'RAM:*','Resource':'*'},{'Effect':'Allow','Action':'ram:CreateUser','Resource':'*'}]", "ram:createuser", null, D, 0 },
        { "[{'Effect':'Allow','NotAction':'ram:*','Resource':'*'}]", "ecs:DescribeInstances", null, A, 0 },
        { "[{'Effect':'Allow','NotAction':'ram:*','Resource':'*'}]", "ram:CreateUser", null, I, -1 },
        { "[{'Effect':'Allow','Action':'*','Resource':'*'},{'Effect':'Deny','NotAction':['ecs:*','log:*'],'Resource':'*'}]", "ram:CreateUser", null, D, 1 },
        { "[{'Effect':'Allow','Action':'*','Resource':'*'},{'Effect':'Deny','NotAction':['ecs:*','log:*'],'Resource':'*'}]", "log:GetProject", null, A, 0 },
        { "[{'Effect':'Allow','Action':'ecs:X','Resource':'*','Condition':{'IpAddress':{'acs:SourceIp':'10.0.0.0/8'}}}]", "ecs:X", null, C, 0 },
        { "[{'Effect':'Allow','Action':'ecs:X','Resource':'*','Condition':{'IpAddress':{'acs:SourceIp':'10.0.0.0/8'}}},{'Effect':'Allow','Action':'ecs:*','Resource':'*'}]", "ecs:X", null, A, 1 },
        { "[{'Effect':'Allow','Action':'ecs:X','Resource':'*'},{'Effect':'Deny','Action':'ecs:X','Resource':'*','Condition':{'Bool':{'acs:MFAPresent':'false'}}}]", "ecs:X", null, C, 0 },
        { "[{'Effect':'Deny','Action':'ecs:X','Resource':'*','Condition':{'Bool':{'acs:MFAPresent':'false'}}}]", "ecs:X", null, I, -1 },
        // resources
        { "[{'Effect':'Allow','Action':'oss:GetObject','Resource':'acs:oss:*:*:logs/*'}]", "oss:GetObject", "acs:oss:*:123:logs/a.txt", A, 0 },
        { "[{'Effect':'Allow','Action':'oss:GetObject','Resource':'acs:oss:*:*:logs/*'}]", "oss:GetObject", "acs:oss:*:123:other/a.txt", I, -1 },
        { "[{'Effect':'Allow','Action':'oss:GetObject','Resource':'acs:oss:*:*:logs/*'}]", "oss:GetObject", "acs:oss:*:123:LOGS/a.txt", I, -1 },
        { "[{'Effect':'Allow','Action':'oss:GetObject','Resource':'acs:oss:*:*:logs/*'}]", "oss:GetObject", null, C, 0 },
        { "[{'Effect':'Allow','Action':'oss:GetObject','Resource':['acs:oss:*:*:a','*']}]", "oss:GetObject", null, A, 0 },
        { "[{'Effect':'Allow','Action':'oss:*','Resource':'*'},{'Effect':'Deny','Action':'oss:*','Resource':'acs:oss:*:*:secret/*'}]", "oss:GetObject", "acs:oss:*:1:secret/k", D, 1 },
        { "[{'Effect':'Allow','Action':'oss:*','Resource':'*'},{'Effect':'Deny','Action':'oss:*','Resource':'acs:oss:*:*:secret/*'}]", "oss:GetObject", "acs:oss:*:1:public/k", A, 0 },
        { "[{'Effect':'Allow','Action':'oss:*','Resource':'*'},{'Effect':'Deny','Action':'oss:*','Resource':'acs:oss:*:*:secret/*'}]", "oss:GetObject", null, C, 0 },
        { "[{'Effect':'Allow','Action':'oss:*','NotResource':'acs:oss:*:*:secret/*'}]", "oss:GetObject", "acs:oss:*:1:public/k", A, 0 },
        { "[{'Effect':'Allow','Action':'oss:*','NotResource':'acs:oss:*:*:secret/*'}]", "oss:GetObject", "acs:oss:*:1:secret/k", I, -1 },
        { "[{'Effect':'Allow','Action':'oss:*','NotResource':'acs:oss:*:*:secret/*'}]", "oss:GetObject", null, C, 0 },
        // malformed effects are ignored, not guessed
        { "[{'Effect':'Permit','Action':'*','Resource':'*'}]", "ecs:X", null, I, -1 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Evaluates(string statements, string action, string? resource, string expected, int statement)
    {
        var result = PolicyEvaluator.Evaluate(Doc("{'Version':'1','Statement':" + statements + "}"), action, resource);
        Assert.Equal(Enum.Parse<PolicyAccessDecision>(expected), result.Decision);
        Assert.Equal(statement, result.StatementIndex);
        Assert.False(string.IsNullOrEmpty(result.Reason));
    }

    [Fact]
    public void Deny_in_any_document_wins_over_allow_in_another()
    {
        var allow = Doc("{'Version':'1','Statement':[{'Effect':'Allow','Action':'ecs:*','Resource':'*'}]}");
        var deny = Doc("{'Version':'1','Statement':[{'Effect':'Allow','Action':'log:*','Resource':'*'},{'Effect':'Deny','Action':'ecs:DeleteDisk','Resource':'*'}]}");
        var r = PolicyEvaluator.Evaluate(new[] { allow, deny }, "ecs:DeleteDisk");
        Assert.Equal(PolicyAccessDecision.Denied, r.Decision);
        Assert.Equal((1, 1), (r.DocumentIndex, r.StatementIndex));
        var ok = PolicyEvaluator.Evaluate(new[] { allow, deny }, "ecs:AttachDisk");
        Assert.Equal((PolicyAccessDecision.Allowed, 0, 0), (ok.Decision, ok.DocumentIndex, ok.StatementIndex));
    }
}
