using AckHardening.Audit;
using AckHardening.Core.Policy;
using AckHardening.Policy;
using static AckHardening.Core.Tests.Policy.PolicyTestData;

namespace AckHardening.Core.Tests.Policy;

public class PolicyRecommenderTests
{
    private static readonly PolicyRecommendationOptions Week = new() { EvidenceWindow = TimeSpan.FromDays(14), RoleName = "KubernetesWorkerRole-test", PolicyName = "p" };

    private static AckPolicyRecommendation Recommend(PolicyDocument doc, IEnumerable<AckRoleActivity> activity, PolicyRecommendationOptions? options = null)
    {
        var r = PolicyRecommender.Recommend(doc, activity, options ?? Week);
        // Every proposal, whatever the case, passes the replay check against the current document.
        Assert.True(PolicyReplay.Check(r.ProposedDocument, activity, baseline: doc).IsSafe);
        return r;
    }

    private static string[] Granted(PolicyDocument d) =>
        d.Statements.Where(s => s.IsAllow).SelectMany(s => s.Action ?? new()).ToArray();

    private static AckPolicyActionDecision DecisionFor(AckPolicyRecommendation r, string action) =>
        Assert.Single(r.Decisions, d => d.Action == action);

    public static TheoryData<string, string[], bool, string[], string[]> WildcardCases => new()
    {
        // grant, used actions, narrow, expected grants after, expected removed
        { "log:*", new[] { "log:GetProject" }, false, new[] { "log:*" }, Array.Empty<string>() },
        { "log:*", Array.Empty<string>(), false, Array.Empty<string>(), new[] { "log:*" } },
        { "log:*", new[] { "log:GetProject", "log:GetLogStore" }, true, new[] { "log:GetLogStore", "log:GetProject" }, new[] { "log:*" } },
        { "ecs:Describe*", new[] { "ecs:DescribeInstances", "ecs:CreateDisk" }, false, new[] { "ecs:Describe*" }, Array.Empty<string>() },
        { "ecs:Describe*", new[] { "ecs:CreateDisk" }, false, Array.Empty<string>(), new[] { "ecs:Describe*" } },
        { "ecs:Describe*", new[] { "ecs:describeinstances", "ecs:CreateDisk" }, true, new[] { "ecs:describeinstances" }, new[] { "ecs:Describe*" } },
        { "ecs:Get?", new[] { "ecs:GetA", "ecs:GetAB" }, true, new[] { "ecs:GetA" }, new[] { "ecs:Get?" } },
        { "*", new[] { "ecs:A", "log:B" }, true, new[] { "ecs:A", "log:B" }, new[] { "*" } },
    };

    [Theory]
    [MemberData(nameof(WildcardCases))]
    public void Wildcards_are_kept_removed_or_narrowed(string grant, string[] used, bool narrow, string[] after, string[] removed)
    {
        var doc = Doc("{'Version':'1','Statement':[{'Effect':'Allow','Action':['" + grant + "','cms:Keep'],'Resource':'*'}]}");
        var activity = used.Select(a => Used(a)).Append(Used("cms:Keep")).ToList();
        var r = Recommend(doc, activity, new PolicyRecommendationOptions { NarrowWildcard = narrow, EvidenceWindow = TimeSpan.FromDays(30) });
        Assert.Equal(after.Append("cms:Keep").OrderBy(x => x), Granted(r.ProposedDocument).OrderBy(x => x));
        Assert.Equal(removed, r.RemovedActions);
        var decision = DecisionFor(r, grant);
        var expected = removed.Length == 0 ? PolicyActionChange.Keep : after.Length == 0 ? PolicyActionChange.Remove : PolicyActionChange.Narrow;
        Assert.Equal(expected, decision.Decision);
        Assert.Equal(expected == PolicyActionChange.Remove ? PolicyActionReason.Unused : PolicyActionReason.Used, decision.Reason);
    }

    [Fact]
    public void Broad_worker_policy_is_minimised_and_explained()
    {
        var doc = PolicyDocument.Parse(BroadWorkerPolicy);
        var activity = new[]
        {
            Used("ecs:DescribeInstanceAttribute", 40, day: 5), Used("ecs:DescribeInstanceAttribute", 2, day: 9),
            Used("cr:GetAuthorizationToken", 12), Used("cr:PullRepository", 30), Used("log:GetProject", 5), Used("log:PostLogStoreLogs", 100),
            Denied("ecs:DescribeInstances", 4), Used("ecs:DescribeInstanceTypesNew", 0, denied: 1),
        };
        var r = Recommend(doc, activity, new PolicyRecommendationOptions { NarrowWildcard = true, EvidenceWindow = TimeSpan.FromDays(30), PolicyName = "k8sWorkerRolePolicy-x", ClusterId = "c1" });

        Assert.Equal(23, r.ActionsBefore);
        Assert.Equal(new[] { "ecs:DescribeInstanceAttribute", "cr:GetAuthorizationToken", "cr:PullRepository", "log:GetProject", "log:PostLogStoreLogs" }, Granted(r.ProposedDocument));
        Assert.Equal(5, r.ActionsAfter);
        Assert.Equal(3, r.ProposedDocument.StatementCount);               // eci, cms and vpc statements dropped
        Assert.Contains("vpc:*", r.RemovedActions);
        Assert.Contains("cr:List*", r.RemovedActions);
        Assert.Equal(string.Join(", ", r.RemovedActions), r.Removed);
        Assert.False(r.IsEmpty);
        Assert.True(r.HasChanges);

        var kept = DecisionFor(r, "ecs:DescribeInstanceAttribute");
        Assert.Equal((PolicyActionChange.Keep, PolicyActionReason.Used, 42L), (kept.Decision, kept.Reason, kept.Count));
        Assert.Equal(T0.AddDays(9), kept.LastSeen);
        Assert.Equal("c1", kept.ClusterId);
        Assert.Equal(new[] { "cr:GetAuthorizationToken" }, DecisionFor(r, "cr:Get*").ReplacedBy);

        var wanted = r.Decisions.Where(d => d.Reason == PolicyActionReason.DeniedButWanted).Select(d => d.Action).OrderBy(a => a, StringComparer.Ordinal).ToArray();
        Assert.Equal(new[] { "ecs:DescribeInstanceTypesNew", "ecs:DescribeInstances" }, wanted);
        Assert.All(r.Decisions.Where(d => d.Reason == PolicyActionReason.DeniedButWanted), d => Assert.Equal(PolicyActionChange.NotAdded, d.Decision));
        Assert.Contains(r.Warnings, w => w.Contains("ecs:DescribeInstances") && w.Contains("refused"));
        Assert.DoesNotContain("ecs:DescribeInstances", Granted(r.ProposedDocument));   // never widened
        Assert.Empty(PolicyValidator.Validate(r.ProposedDocument));
        Assert.Equal(r.ProposedDocument.ToJson(), r.ProposedDocumentJson);
    }

    [Theory]
    [InlineData("log:GetProject", "log:GetProject")]   // literal protected
    [InlineData("log:Get*", "log:GetProject")]         // wildcard grant containing the protected action
    [InlineData("log:*", "log:Get*")]                  // protected pattern inside the grant
    [InlineData("ecs:Describe*", "ecs:*Instances")]    // overlapping wildcards
    public void KeepAction_patterns_are_never_removed_nor_narrowed(string grant, string keep)
    {
        var doc = Doc("{'Version':'1','Statement':[{'Effect':'Allow','Action':['" + grant + "','vpc:DescribeVpcs'],'Resource':'*'}]}");
        var r = Recommend(doc, new[] { Used("log:ListLogStores"), Used("ecs:DescribeDisks") },
            new PolicyRecommendationOptions { KeepActions = new[] { keep }, NarrowWildcard = true, EvidenceWindow = TimeSpan.FromDays(30) });
        Assert.Equal(new[] { grant }, Granted(r.ProposedDocument));
        var d = DecisionFor(r, grant);
        Assert.Equal((PolicyActionChange.Keep, PolicyActionReason.KeptByRule), (d.Decision, d.Reason));
        Assert.Contains(keep, d.Detail);
        Assert.Equal(new[] { "vpc:DescribeVpcs" }, r.RemovedActions);
    }

    [Fact]
    public void Deny_condition_and_notaction_statements_stay_as_written_and_resources_are_kept()
    {
        const string json = """
        {"Version":"1","Statement":[
          {"Sid":"NoRam","Effect":"Deny","Action":["ram:*","ecs:DeleteInstance"],"Resource":"*"},
          {"Effect":"Allow","Action":["oss:GetObject","oss:PutObject"],"Resource":["acs:oss:*:*:logs","acs:oss:*:*:logs/*"]},
          {"Effect":"Allow","Action":["kms:Decrypt","kms:Encrypt"],"Resource":"*","Condition":{"IpAddress":{"acs:SourceIp":["10.0.0.0/8"]}}},
          {"Effect":"Allow","NotAction":["ram:*"],"Resource":"acs:ecs:*:*:instance/*"}
        ]}
        """;
        var doc = PolicyDocument.Parse(json);
        var r = Recommend(doc, new[] { Used("oss:GetObject") });

        var after = r.ProposedDocument.Statements;
        Assert.Equal(4, after.Count);
        Assert.Equal(doc.Statements[0].ToJsonNode().ToJsonString(), after[0].ToJsonNode().ToJsonString());
        Assert.Equal("{\"Effect\":\"Allow\",\"Action\":[\"oss:GetObject\"],\"Resource\":[\"acs:oss:*:*:logs\",\"acs:oss:*:*:logs/*\"]}", after[1].ToJsonNode().ToJsonString());
        Assert.Equal(doc.Statements[2].ToJsonNode().ToJsonString(), after[2].ToJsonNode().ToJsonString());
        Assert.Equal(doc.Statements[3].ToJsonNode().ToJsonString(), after[3].ToJsonNode().ToJsonString());
        Assert.Equal(new[] { "oss:PutObject" }, r.RemovedActions);
        Assert.Equal(PolicyActionReason.DenyStatement, DecisionFor(r, "ecs:DeleteInstance").Reason);
        Assert.Equal(PolicyActionReason.Conditional, DecisionFor(r, "kms:Decrypt").Reason);
        Assert.Equal(PolicyActionReason.NotActionStatement, r.Decisions.Single(d => d.StatementIndex == 3).Reason);
        Assert.Contains(r.Warnings, w => w.Contains("Statement[2]") && w.Contains("Condition"));
        Assert.Contains(r.Warnings, w => w.Contains("Statement[3]") && w.Contains("NotAction"));
    }

    [Fact]
    public void Conditional_statements_can_be_pruned_keeping_the_condition()
    {
        var doc = Doc("{'Version':'1','Statement':[{'Effect':'Allow','Action':['kms:Decrypt','kms:Encrypt'],'Resource':'*','Condition':{'Bool':{'acs:SecureTransport':'true'}}}]}");
        var r = Recommend(doc, new[] { Used("kms:Decrypt") }, new PolicyRecommendationOptions { PruneConditionalStatements = true, EvidenceWindow = TimeSpan.FromDays(30) });
        Assert.Equal("{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"kms:Decrypt\"],\"Resource\":\"*\",\"Condition\":{\"Bool\":{\"acs:SecureTransport\":\"true\"}}}]}", r.ProposedDocumentJson);
    }

    [Fact]
    public void Emptied_statements_are_dropped_and_an_all_unused_policy_is_empty()
    {
        var doc = Doc("{'Version':'1','Statement':[{'Effect':'Allow','Action':'vpc:*','Resource':'*'},{'Effect':'Allow','Action':['cms:A','cms:B'],'Resource':'*'}]}");
        var r = Recommend(doc, new[] { Denied("vpc:DescribeVpcs") });
        Assert.True(r.IsEmpty);
        Assert.Equal(0, r.ActionsAfter);
        Assert.Empty(r.ProposedDocument.Statements);
        Assert.Contains(r.Warnings, w => w.Contains("Statement[0] is dropped"));
        Assert.Contains(r.Warnings, w => w.Contains("No successful call"));
        Assert.Contains(r.Warnings, w => w.Contains("DetachWhenEmpty"));
        // vpc:DescribeVpcs is granted yet was refused: reported with the granting statement.
        var wanted = DecisionFor(r, "vpc:DescribeVpcs");
        Assert.Equal(0, wanted.StatementIndex);
        Assert.Contains("refused although", wanted.Detail);
    }

    [Fact]
    public void Only_deny_left_is_not_empty_but_warned()
    {
        var doc = Doc("{'Version':'1','Statement':[{'Effect':'Allow','Action':'vpc:*','Resource':'*'},{'Effect':'Deny','Action':'ram:*','Resource':'*'}]}");
        var r = Recommend(doc, Array.Empty<AckRoleActivity>());
        Assert.False(r.IsEmpty);
        Assert.Contains(r.Warnings, w => w.Contains("Only Deny statements remain"));
    }

    [Fact]
    public void Single_statement_object_and_string_action_shapes_are_kept()
    {
        var doc = Doc("{'Statement':{'Action':'ecs:DescribeInstances','Effect':'Allow','Resource':'*'},'Version':'1'}");
        var r = Recommend(doc, new[] { Used("ECS:DescribeInstances") });
        Assert.Equal(doc.ToJson(), r.ProposedDocumentJson);
        Assert.False(r.HasChanges);
        Assert.Empty(r.RemovedActions);
    }

    [Fact]
    public void Duplicates_are_merged()
    {
        var doc = Doc("{'Version':'1','Statement':[{'Effect':'Allow','Action':['log:Get*','log:getproject','log:GetProject'],'Resource':'*'}]}");
        var r = Recommend(doc, new[] { Used("log:GetProject") }, new PolicyRecommendationOptions { NarrowWildcard = true, EvidenceWindow = TimeSpan.FromDays(9) });
        Assert.Equal(new[] { "log:GetProject" }, Granted(r.ProposedDocument));
        Assert.Contains(r.Warnings, w => w.Contains("more than once"));
    }

    [Theory]
    [InlineData(null, "unknown")]
    [InlineData(3.0, "3 day(s)")]
    public void Evidence_window_and_readiness_warnings(double? days, string expected)
    {
        var doc = Doc("{'Version':'1','Statement':[{'Effect':'Allow','Action':'a:b','Resource':'*'}]}");
        var r = Recommend(doc, new[] { Used("a:b") }, new PolicyRecommendationOptions
        {
            EvidenceWindow = days is { } d ? TimeSpan.FromDays(d) : null,
            ReadinessWarnings = new[] { "The trail records Write events only." },
        });
        Assert.Contains(r.Warnings, w => w.Contains(expected));
        Assert.Contains("The trail records Write events only.", r.Warnings);
    }

    [Fact]
    public void Records_without_a_ram_action_are_warned_about()
    {
        var doc = Doc("{'Version':'1','Statement':[{'Effect':'Allow','Action':'a:b','Resource':'*'}]}");
        var odd = new AckRoleActivity { RoleName = "KubernetesWorkerRole-test", ServiceName = "Mystery", EventName = "DoThing", Count = 4 };
        var r = Recommend(doc, new[] { Used("a:b"), odd });
        Assert.Contains(r.Warnings, w => w.Contains("Mystery/DoThing"));
    }

    [Fact]
    public void No_warning_with_enough_evidence_and_all_used()
    {
        var doc = Doc("{'Version':'1','Statement':[{'Effect':'Allow','Action':'a:b','Resource':'*'}]}");
        Assert.Empty(Recommend(doc, new[] { Used("a:b") }).Warnings);
    }

    [Fact]
    public void Narrowing_that_outgrows_the_limit_is_warned()
    {
        var doc = Doc("{'Version':'1','Statement':[{'Effect':'Allow','Action':'ecs:*','Resource':'*'}]}");
        var used = Enumerable.Range(0, 400).Select(i => Used($"ecs:DescribeSomethingNumber{i:000}")).ToList();
        var r = Recommend(doc, used, new PolicyRecommendationOptions { NarrowWildcard = true, EvidenceWindow = TimeSpan.FromDays(30) });
        Assert.Contains(r.Warnings, w => w.Contains("above RAM's 6144"));
    }

    [Fact]
    public void Randomised_documents_always_pass_replay()
    {
        var rng = new Random(42);
        string[] actions = { "ecs:DescribeInstances", "ecs:DescribeDisks", "ecs:AttachDisk", "log:GetProject", "log:PostLogStoreLogs", "cr:PullRepository", "cr:GetAuthorizationToken", "vpc:DescribeVpcs" };
        string[] patterns = actions.Concat(new[] { "ecs:Describe*", "log:*", "cr:Get*", "*", "ecs:*Disk?", "vpc:Describe*" }).ToArray();
        for (var round = 0; round < 200; round++)
        {
            var statements = Enumerable.Range(0, rng.Next(1, 5)).Select(_ =>
            {
                var acts = string.Join(",", Enumerable.Range(0, rng.Next(1, 4)).Select(_ => "'" + patterns[rng.Next(patterns.Length)] + "'"));
                var effect = rng.Next(5) == 0 ? "Deny" : "Allow";
                var cond = rng.Next(6) == 0 ? ",'Condition':{'Bool':{'acs:SecureTransport':'true'}}" : "";
                var res = rng.Next(5) == 0 ? "'acs:ecs:*:*:instance/*'" : "'*'";
                return "{'Effect':'" + effect + "','Action':[" + acts + "],'Resource':" + res + cond + "}";
            });
            var doc = Doc("{'Version':'1','Statement':[" + string.Join(",", statements) + "]}");
            var activity = actions.Where(_ => rng.Next(3) == 0).Select(a => rng.Next(4) == 0 ? Denied(a) : Used(a)).ToList();
            var options = new PolicyRecommendationOptions { NarrowWildcard = rng.Next(2) == 0, PruneConditionalStatements = rng.Next(2) == 0, EvidenceWindow = TimeSpan.FromDays(30) };
            var r = Recommend(doc, activity, options);
            // Never widened: every action the proposal may allow, the current document may allow too.
            foreach (var a in actions.Append("ram:CreateUser"))
                if (PolicyEvaluator.Evaluate(r.ProposedDocument, a).MayBeAllowed)
                    Assert.True(PolicyEvaluator.Evaluate(doc, a).MayBeAllowed, $"{a} widened in round {round}");
        }
    }
}
