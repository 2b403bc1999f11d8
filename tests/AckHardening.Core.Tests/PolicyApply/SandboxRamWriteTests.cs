using System.Net;
using System.Text.Json.Nodes;
using AckHardening.Core.Tests.Sandbox;

namespace AckHardening.Core.Tests.PolicyApply;

/// <summary>The sandbox's RAM write rules: version limit and rotation, ids never reused, default protection, documents, attachments.</summary>
public class SandboxRamWriteTests(SandboxFixture sbx) : IClassFixture<SandboxFixture>, IAsyncLifetime
{
    private const string Doc = """{"Version":"1","Statement":[{"Effect":"Allow","Action":["ecs:DescribeInstances"],"Resource":"*"}]}""";
    private const string Doc2 = """{"Version":"1","Statement":[{"Effect":"Allow","Action":["log:GetProject"],"Resource":"*"}]}""";

    public async Task InitializeAsync() { await sbx.Reset(); await sbx.ClearFaults(); }
    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<JsonObject> Ok(string action, params (string, string)[] p)
    {
        var r = await sbx.Ram(action, p);
        var body = await SandboxFixture.Json(r);
        Assert.True(r.StatusCode == HttpStatusCode.OK, $"{action}: {(int)r.StatusCode} {body}");
        return body;
    }

    private async Task Fails(HttpStatusCode status, string code, string action, params (string, string)[] p)
    {
        var r = await sbx.Ram(action, p);
        Assert.Equal(status, r.StatusCode);
        Assert.Equal(code, (string?)(await SandboxFixture.Json(r))["Code"]);
    }

    private async Task<List<string>> VersionIds(string policy) =>
        (await Ok("ListPolicyVersions", ("PolicyType", "Custom"), ("PolicyName", policy)))["PolicyVersions"]!["PolicyVersion"]!.AsArray()
            .Select(v => (string)v!["VersionId"]!).ToList();

    [Fact]
    public async Task CreatePolicyVersion_issues_the_next_id_and_never_reuses_a_deleted_one()
    {
        var v3 = (await Ok("CreatePolicyVersion", ("PolicyName", SandboxFixture.ProdWorkerPolicy), ("PolicyDocument", Doc), ("SetAsDefault", "false")))["PolicyVersion"]!;
        Assert.Equal("v3", (string?)v3["VersionId"]);
        Assert.False((bool)v3["IsDefaultVersion"]!);
        Assert.Equal(Doc, (string?)v3["PolicyDocument"]);
        await Ok("DeletePolicyVersion", ("PolicyName", SandboxFixture.ProdWorkerPolicy), ("VersionId", "v3"));
        var v4 = (await Ok("CreatePolicyVersion", ("PolicyName", SandboxFixture.ProdWorkerPolicy), ("PolicyDocument", Doc), ("SetAsDefault", "true")))["PolicyVersion"]!;
        Assert.Equal("v4", (string?)v4["VersionId"]);
        Assert.True((bool)v4["IsDefaultVersion"]!);
        Assert.Equal(new[] { "v1", "v2", "v4" }, await VersionIds(SandboxFixture.ProdWorkerPolicy));
        var policy = await Ok("GetPolicy", ("PolicyType", "Custom"), ("PolicyName", SandboxFixture.ProdWorkerPolicy));
        Assert.Equal("v4", (string?)policy["Policy"]!["DefaultVersion"]);
    }

    [Fact]
    public async Task Five_versions_is_the_limit_unless_the_rotate_strategy_deletes_the_oldest_non_default()
    {
        await Fails(HttpStatusCode.Conflict, "LimitExceeded.Policy.Version", "CreatePolicyVersion", ("PolicyName", "AckLegacyNodePolicy"), ("PolicyDocument", Doc2));
        await Fails(HttpStatusCode.Conflict, "LimitExceeded.Policy.Version", "CreatePolicyVersion", ("PolicyName", "AckLegacyNodePolicy"), ("PolicyDocument", Doc2), ("RotateStrategy", "None"));
        var created = await Ok("CreatePolicyVersion", ("PolicyName", "AckLegacyNodePolicy"), ("PolicyDocument", Doc2),
            ("RotateStrategy", "DeleteOldestNonDefaultVersionWhenLimitExceeded"));
        Assert.Equal("v8", (string?)created["PolicyVersion"]!["VersionId"]);
        Assert.Equal(new[] { "v4", "v5", "v6", "v7", "v8" }, await VersionIds("AckLegacyNodePolicy"));
        await Fails(HttpStatusCode.BadRequest, "InvalidParameter.RotateStrategy", "CreatePolicyVersion", ("PolicyName", "AckLegacyNodePolicy"), ("PolicyDocument", Doc2), ("RotateStrategy", "Oldest"));
    }

    [Fact]
    public async Task The_default_version_cannot_be_deleted_and_unknown_versions_are_reported()
    {
        await Fails(HttpStatusCode.Conflict, "DeleteConflict.Policy.Version.Default", "DeletePolicyVersion", ("PolicyName", SandboxFixture.ProdWorkerPolicy), ("VersionId", "v2"));
        await Fails(HttpStatusCode.NotFound, "EntityNotExist.Policy.Version", "DeletePolicyVersion", ("PolicyName", SandboxFixture.ProdWorkerPolicy), ("VersionId", "v9"));
        await Fails(HttpStatusCode.NotFound, "EntityNotExist.Policy.Version", "SetDefaultPolicyVersion", ("PolicyName", SandboxFixture.ProdWorkerPolicy), ("VersionId", "v9"));
        await Fails(HttpStatusCode.BadRequest, "InvalidParameter.VersionId.Format", "SetDefaultPolicyVersion", ("PolicyName", SandboxFixture.ProdWorkerPolicy), ("VersionId", "2"));
        await Ok("SetDefaultPolicyVersion", ("PolicyName", SandboxFixture.ProdWorkerPolicy), ("VersionId", "v1"));
        await Ok("DeletePolicyVersion", ("PolicyName", SandboxFixture.ProdWorkerPolicy), ("VersionId", "v2"));
        Assert.Equal(new[] { "v1" }, await VersionIds(SandboxFixture.ProdWorkerPolicy));
    }

    [Fact]
    public async Task System_policies_have_no_versions_to_change()
    {
        await Fails(HttpStatusCode.NotFound, "EntityNotExist.Policy", "CreatePolicyVersion", ("PolicyName", "AliyunECSReadOnlyAccess"), ("PolicyDocument", Doc));
        await Fails(HttpStatusCode.NotFound, "EntityNotExist.Policy", "SetDefaultPolicyVersion", ("PolicyName", "AdministratorAccess"), ("VersionId", "v1"));
    }

    [Fact]
    public async Task Documents_are_checked_for_grammar_and_length()
    {
        await Fails(HttpStatusCode.BadRequest, "MalformedPolicyDocument", "CreatePolicyVersion", ("PolicyName", SandboxFixture.ProdWorkerPolicy), ("PolicyDocument", "{\"Version\":\"1\",\"Statement\":["));
        await Fails(HttpStatusCode.BadRequest, "MalformedPolicyDocument", "CreatePolicyVersion", ("PolicyName", SandboxFixture.ProdWorkerPolicy),
            ("PolicyDocument", """{"Version":"2","Statement":[{"Effect":"Allow","Action":"ecs:A","Resource":"*"}]}"""));
        await Fails(HttpStatusCode.BadRequest, "MalformedPolicyDocument", "CreatePolicy", ("PolicyName", "NewPolicy"),
            ("PolicyDocument", """{"Version":"1","Statement":[{"Effect":"Allow","Action":"DescribeInstances","Resource":"*"}]}"""));
        var big = """{"Version":"1","Statement":[{"Effect":"Allow","Action":[""" + string.Join(",", Enumerable.Range(0, 400).Select(i => $"\"ecs:DescribeThing{i:d5}\"")) + """],"Resource":"*"}]}""";
        Assert.True(big.Length > 6144);
        await Fails(HttpStatusCode.BadRequest, "InvalidParameter.PolicyDocument.Length", "CreatePolicyVersion", ("PolicyName", SandboxFixture.ProdWorkerPolicy), ("PolicyDocument", big));
        Assert.Equal(new[] { "v1", "v2" }, await VersionIds(SandboxFixture.ProdWorkerPolicy));
    }

    [Fact]
    public async Task A_document_just_under_the_limit_is_accepted_in_the_query()
    {
        var actions = new List<string>();
        string Build() => """{"Version":"1","Statement":[{"Effect":"Allow","Action":[""" + string.Join(",", actions) + """],"Resource":"*"}]}""";
        while (Build().Length < 6100) actions.Add($"\"ecs:DescribeThing{actions.Count:d5}\"");
        actions.RemoveAt(actions.Count - 1);
        var doc = Build();
        Assert.InRange(doc.Length, 6000, 6144);
        var v = await Ok("CreatePolicyVersion", ("PolicyName", SandboxFixture.ProdWorkerPolicy), ("PolicyDocument", doc));
        Assert.Equal(doc, (string?)v["PolicyVersion"]!["PolicyDocument"]);
    }

    [Fact]
    public async Task Attach_detach_and_list_entities()
    {
        var entities = await Ok("ListEntitiesForPolicy", ("PolicyType", "Custom"), ("PolicyName", "AckSharedNodePolicy"));
        Assert.Equal(new[] { "AckSharedNodeRoleA", "AckSharedNodeRoleB" }, entities["Roles"]!["Role"]!.AsArray().Select(r => (string)r!["RoleName"]!));
        Assert.Empty(entities["Users"]!["User"]!.AsArray());
        Assert.Empty(entities["Groups"]!["Group"]!.AsArray());

        await Ok("DetachPolicyFromRole", ("PolicyType", "Custom"), ("PolicyName", "AckSharedNodePolicy"), ("RoleName", "AckSharedNodeRoleB"));
        await Fails(HttpStatusCode.NotFound, "EntityNotExist.Role.Policy", "DetachPolicyFromRole", ("PolicyType", "Custom"), ("PolicyName", "AckSharedNodePolicy"), ("RoleName", "AckSharedNodeRoleB"));
        Assert.Single((await Ok("ListEntitiesForPolicy", ("PolicyType", "Custom"), ("PolicyName", "AckSharedNodePolicy")))["Roles"]!["Role"]!.AsArray());
        await Ok("AttachPolicyToRole", ("PolicyType", "Custom"), ("PolicyName", "AckSharedNodePolicy"), ("RoleName", "AckSharedNodeRoleB"));
        await Fails(HttpStatusCode.Conflict, "EntityAlreadyExists.Role.Policy", "AttachPolicyToRole", ("PolicyType", "Custom"), ("PolicyName", "AckSharedNodePolicy"), ("RoleName", "AckSharedNodeRoleB"));
        await Fails(HttpStatusCode.NotFound, "EntityNotExist.Role", "AttachPolicyToRole", ("PolicyType", "Custom"), ("PolicyName", "AckSharedNodePolicy"), ("RoleName", "NoSuchRole"));
        await Fails(HttpStatusCode.NotFound, "EntityNotExist.Policy", "AttachPolicyToRole", ("PolicyType", "System"), ("PolicyName", "AckSharedNodePolicy"), ("RoleName", "AckSharedNodeRoleB"));
    }

    [Fact]
    public async Task CreatePolicy_makes_v1_default_and_refuses_a_duplicate_name()
    {
        var p = (await Ok("CreatePolicy", ("PolicyName", "AckNewPolicy"), ("PolicyDocument", Doc), ("Description", "test")))["Policy"]!;
        Assert.Equal("v1", (string?)p["DefaultVersion"]);
        Assert.Equal("Custom", (string?)p["PolicyType"]);
        await Fails(HttpStatusCode.Conflict, "EntityAlreadyExists.Policy", "CreatePolicy", ("PolicyName", "AckNewPolicy"), ("PolicyDocument", Doc));
    }

    [Fact]
    public async Task A_reset_after_fault_applies_the_write_then_drops_the_connection()
    {
        await sbx.AddFault(new { service = "Ram", action = "CreatePolicyVersion", kind = "reset-after", count = 1 });
        await Assert.ThrowsAsync<HttpRequestException>(() =>
            sbx.Ram("CreatePolicyVersion", ("PolicyName", SandboxFixture.ProdWorkerPolicy), ("PolicyDocument", Doc), ("SetAsDefault", "true")));
        Assert.Equal(new[] { "v1", "v2", "v3" }, await VersionIds(SandboxFixture.ProdWorkerPolicy));
        var log = await sbx.Requests();
        var entry = log.Last(e => (string?)e!["action"] == "CreatePolicyVersion")!;
        Assert.Equal("reset-after", (string?)entry["fault"]);
        Assert.True((bool)entry["isWrite"]!);
    }
}
