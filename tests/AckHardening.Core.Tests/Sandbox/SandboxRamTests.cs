using System.Net;
using System.Text.Json.Nodes;

namespace AckHardening.Core.Tests.Sandbox;

/// <summary>RAM read actions: the real response nesting, JSON-string documents, version ids and not-found codes.</summary>
public class SandboxRamTests(SandboxFixture sbx) : IClassFixture<SandboxFixture>
{
    private async Task<JsonObject> Ok(string action, params (string, string)[] p)
    {
        var r = await sbx.Ram(action, p);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var body = await SandboxFixture.Json(r);
        Assert.False(string.IsNullOrEmpty((string?)body["RequestId"]));
        return body;
    }

    private async Task Fails(HttpStatusCode status, string code, string action, params (string, string)[] p)
    {
        var r = await sbx.Ram(action, p);
        Assert.Equal(status, r.StatusCode);
        Assert.Equal(code, (string?)(await SandboxFixture.Json(r))["Code"]);
    }

    [Fact]
    public async Task GetRole_returns_the_role_with_its_trust_policy_as_a_string()
    {
        var role = (await Ok("GetRole", ("RoleName", SandboxFixture.ProdWorkerRole)))["Role"]!;
        Assert.Equal(SandboxFixture.ProdWorkerRole, (string?)role["RoleName"]);
        Assert.Equal("acs:ram::1234567890123456:role/" + SandboxFixture.ProdWorkerRole.ToLowerInvariant(), (string?)role["Arn"]);
        Assert.Equal(3600, (int)role["MaxSessionDuration"]!);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", (string)role["CreateDate"]!);
        var trust = JsonNode.Parse((string)role["AssumeRolePolicyDocument"]!)!;
        Assert.Equal("ecs.aliyuncs.com", (string?)trust["Statement"]![0]!["Principal"]!["Service"]![0]);
    }

    [Fact]
    public async Task ListPoliciesForRole_nests_Policies_Policy()
    {
        var list = (await Ok("ListPoliciesForRole", ("RoleName", SandboxFixture.ProdWorkerRole)))["Policies"]!["Policy"]!.AsArray();
        var p = Assert.Single(list)!;
        Assert.Equal(SandboxFixture.ProdWorkerPolicy, (string?)p["PolicyName"]);
        Assert.Equal("Custom", (string?)p["PolicyType"]);
        Assert.Equal("v2", (string?)p["DefaultVersion"]);
        Assert.NotNull(p["AttachDate"]);

        var empty = (await Ok("ListPoliciesForRole", ("RoleName", "KubernetesWorkerRole-0b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e")))["Policies"]!["Policy"]!.AsArray();
        Assert.Empty(empty);
    }

    [Fact]
    public async Task GetPolicy_returns_the_default_version_document_as_a_string()
    {
        var body = await Ok("GetPolicy", ("PolicyType", "Custom"), ("PolicyName", SandboxFixture.ProdWorkerPolicy));
        Assert.Equal("v2", (string?)body["Policy"]!["DefaultVersion"]);
        Assert.Equal(1, (int)body["Policy"]!["AttachmentCount"]!);
        var dv = body["DefaultPolicyVersion"]!;
        Assert.Equal("v2", (string?)dv["VersionId"]);
        Assert.True((bool)dv["IsDefaultVersion"]!);
        var document = (string)dv["PolicyDocument"]!;
        Assert.True(document.Length <= 6144);
        var actions = JsonNode.Parse(document)!["Statement"]!.AsArray().SelectMany(s => s!["Action"]!.AsArray()).Select(a => (string)a!).ToList();
        Assert.Contains("log:*", actions);
        Assert.Contains("vpc:*", actions);
        Assert.Contains(actions, a => a.StartsWith("ess:"));
        Assert.Contains(actions, a => a.StartsWith("nas:"));
    }

    [Fact]
    public async Task System_policies_are_found_by_type()
    {
        var body = await Ok("GetPolicy", ("PolicyType", "System"), ("PolicyName", "AdministratorAccess"));
        Assert.Equal("System", (string?)body["Policy"]!["PolicyType"]);
        await Fails(HttpStatusCode.NotFound, "EntityNotExist.Policy", "GetPolicy", ("PolicyType", "Custom"), ("PolicyName", "AdministratorAccess"));
    }

    [Fact]
    public async Task GetPolicyVersion_and_ListPolicyVersions_show_v1_and_v2()
    {
        var v1 = (await Ok("GetPolicyVersion", ("PolicyType", "Custom"), ("PolicyName", SandboxFixture.ProdWorkerPolicy), ("VersionId", "v1")))["PolicyVersion"]!;
        Assert.False((bool)v1["IsDefaultVersion"]!);
        Assert.Equal("1", (string?)JsonNode.Parse((string)v1["PolicyDocument"]!)!["Version"]);

        var versions = (await Ok("ListPolicyVersions", ("PolicyType", "Custom"), ("PolicyName", SandboxFixture.ProdWorkerPolicy)))["PolicyVersions"]!["PolicyVersion"]!.AsArray();
        Assert.Equal(["v1", "v2"], versions.Select(v => (string)v!["VersionId"]!).ToArray());
        Assert.Equal([false, true], versions.Select(v => (bool)v!["IsDefaultVersion"]!).ToArray());
    }

    [Fact]
    public async Task Not_found_and_invalid_parameters_use_RAM_codes()
    {
        await Fails(HttpStatusCode.NotFound, "EntityNotExist.Role", "GetRole", ("RoleName", "NoSuchRole"));
        await Fails(HttpStatusCode.NotFound, "EntityNotExist.Role", "ListPoliciesForRole", ("RoleName", "NoSuchRole"));
        await Fails(HttpStatusCode.NotFound, "EntityNotExist.Policy", "GetPolicy", ("PolicyType", "Custom"), ("PolicyName", "NoSuchPolicy"));
        await Fails(HttpStatusCode.NotFound, "EntityNotExist.Policy.Version", "GetPolicyVersion", ("PolicyType", "Custom"), ("PolicyName", SandboxFixture.ProdWorkerPolicy), ("VersionId", "v3"));
        await Fails(HttpStatusCode.BadRequest, "InvalidParameter.VersionId.Format", "GetPolicyVersion", ("PolicyType", "Custom"), ("PolicyName", SandboxFixture.ProdWorkerPolicy), ("VersionId", "3"));
        await Fails(HttpStatusCode.BadRequest, "InvalidParameter.PolicyType", "GetPolicy", ("PolicyType", "Managed"), ("PolicyName", SandboxFixture.ProdWorkerPolicy));
        await Fails(HttpStatusCode.BadRequest, "MissingRoleName", "GetRole");
        await Fails(HttpStatusCode.BadRequest, "InvalidParameter.RoleName.InvalidChars", "GetRole", ("RoleName", "bad_role!"));
    }
}
