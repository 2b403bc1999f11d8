using AckHardening.Core.Errors;
using AckHardening.Core.Policy;
using AckHardening.Policy;
using static AckHardening.Core.Tests.Policy.PolicyTestData;

namespace AckHardening.Core.Tests.Policy;

public class PolicyValidatorTests
{
    [Fact]
    public void Broad_worker_policy_is_valid() =>
        Assert.DoesNotContain(PolicyValidator.Validate(BroadWorkerPolicy), f => f.Severity == PolicyFindingSeverity.Error);

    [Theory]
    [InlineData("{'Statement':[{'Effect':'Allow','Action':'a:b','Resource':'*'}]}", "VersionMissing", "Version")]
    [InlineData("{'Version':'2','Statement':[{'Effect':'Allow','Action':'a:b','Resource':'*'}]}", "VersionInvalid", "Version")]
    [InlineData("{'Version':1,'Statement':[{'Effect':'Allow','Action':'a:b','Resource':'*'}]}", "VersionInvalid", "Version")]
    [InlineData("{'Version':'1','Statement':[]}", "StatementMissing", "Statement")]
    [InlineData("{'Version':'1','Statement':[{'Effect':'Permit','Action':'a:b','Resource':'*'}]}", "EffectInvalid", "Statement[0].Effect")]
    [InlineData("{'Version':'1','Statement':[{'Action':'a:b','Resource':'*'}]}", "EffectMissing", "Statement[0].Effect")]
    [InlineData("{'Version':'1','Statement':[{'Effect':'Allow','Action':'a:b','Resource':'*'},{'Effect':'Allow','Action':'a:b','Resource':'*'},{'Effect':'Allow','Action':['ecs:Describe*','DescribeInstances'],'Resource':'*'}]}", "ActionFormat", "Statement[2].Action[1]")]
    [InlineData("{'Version':'1','Statement':{'Effect':'Allow','Action':'ecs Describe','Resource':'*'}}", "ActionFormat", "Statement.Action")]
    [InlineData("{'Version':'1','Statement':[{'Effect':'Allow','Action':'ecs:','Resource':'*'}]}", "ActionFormat", "Statement[0].Action")]
    [InlineData("{'Version':'1','Statement':[{'Effect':'Allow','Action':[],'Resource':'*'}]}", "ActionEmpty", "Statement[0].Action")]
    [InlineData("{'Version':'1','Statement':[{'Effect':'Allow','Resource':'*'}]}", "ActionMissing", "Statement[0]")]
    [InlineData("{'Version':'1','Statement':[{'Effect':'Allow','Action':'a:b','NotAction':'a:c','Resource':'*'}]}", "ActionAndNotAction", "Statement[0]")]
    [InlineData("{'Version':'1','Statement':[{'Effect':'Allow','Action':'a:b'}]}", "ResourceMissing", "Statement[0]")]
    [InlineData("{'Version':'1','Statement':[{'Effect':'Allow','Action':'a:b','Resource':['*','bucket']}]}", "ResourceFormat", "Statement[0].Resource[1]")]
    [InlineData("{'Version':'1','Statement':[{'Effect':'Allow','Action':'a:b','Resource':'*','Condition':['x']}]}", "ConditionFormat", "Statement[0].Condition")]
    [InlineData("{'Version':'1','Statement':[{'Effect':'Allow','Action':'a:b','Resource':'*','Condition':{'StringEquals':'x'}}]}", "ConditionFormat", "Statement[0].Condition.StringEquals")]
    public void Errors_name_the_path(string json, string code, string path)
    {
        var findings = PolicyValidator.Validate(json.Replace('\'', '"'));
        Assert.Contains(findings, f => f.Severity == PolicyFindingSeverity.Error && f.Code == code && f.Path == path);
    }

    [Theory]
    [InlineData("{'Version':'1','Statement':[{'Effect':'allow','Action':'a:b','Resource':'*'}]}", "EffectCase")]
    [InlineData("{'Version':'1','Statement':[{'Effect':'Allow','Action':'a:b','Resource':'*','Principal':{'Service':['ecs.aliyuncs.com']}}]}", "Principal")]
    [InlineData("{'Version':'1','Statement':[{'Effect':'Allow','Action':'a:b','NotResource':'acs:ecs:*:*:instance/i-1'}]}", "NotResource")]
    [InlineData("{'Version':'1','Statement':[{'Effect':'Allow','Action':['a:b','A:B'],'Resource':'*'}]}", "ActionDuplicate")]
    [InlineData("{'Version':'1','Statement':[{'Effect':'Allow','Action':'a:b','Resource':'*'}],'Id':'x'}", "UnknownField")]
    public void Warnings_do_not_block(string json, string code)
    {
        var findings = PolicyValidator.Validate(json.Replace('\'', '"'));
        Assert.Contains(findings, f => f.Severity == PolicyFindingSeverity.Warning && f.Code == code);
        Assert.DoesNotContain(findings, f => f.Severity == PolicyFindingSeverity.Error);
    }

    [Fact]
    public void Malformed_json_is_one_finding() =>
        Assert.Equal("Malformed", Assert.Single(PolicyValidator.Validate("{")).Code);

    [Fact]
    public void Size_limit_is_on_minified_utf8_bytes()
    {
        // Whitespace does not count; multi-byte characters count as their UTF-8 bytes.
        string Build(int n, string filler) => "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"a:b\",\"Resource\":\"*\",\"Sid\":\"" + new string(filler[0], n) + "\"}]}";
        var overhead = Build(0, "x").Length;
        var atLimit = PolicyDocument.Parse(Build(6144 - overhead, "x").Replace("{", "{   "));
        Assert.Equal(6144, atLimit.MinifiedByteLength);
        Assert.DoesNotContain(PolicyValidator.Validate(atLimit), f => f.Code == "DocumentTooLarge");

        var n = (6144 - overhead) / 2 + 1;
        var wide = PolicyDocument.Parse(Build(n, "é"));
        Assert.True(wide.ToJson().Length < 6144);
        var finding = Assert.Single(PolicyValidator.Validate(wide), f => f.Code == "DocumentTooLarge");
        Assert.Contains($"{overhead + 2 * n} bytes", finding.Message);
        Assert.True(overhead + 2 * n > 6144);
    }

    [Fact]
    public void EnsureValid_throws_with_every_error()
    {
        var e = Assert.Throws<AckException>(() => PolicyValidator.EnsureValid(Doc("{'Version':'2','Statement':[{'Effect':'Allow','Action':'bad','Resource':'*'}]}")));
        Assert.Equal("AckPolicyInvalid", e.ErrorId);
        Assert.Contains("Version", e.Message);
        Assert.Contains("Statement[0].Action", e.Message);
    }
}
