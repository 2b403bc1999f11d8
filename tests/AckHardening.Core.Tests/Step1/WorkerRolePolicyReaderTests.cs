using System.Net;
using AckHardening.Core.Errors;
using AckHardening.Core.Http;
using AckHardening.Core.Policies;
using AckHardening.Core.Services.Ram;
using static AckHardening.Core.Tests.Step1.Step1Json;

namespace AckHardening.Core.Tests.Step1;

public class WorkerRolePolicyReaderTests
{
    private static FakeTransport Ram()
    {
        var roles = new[] { ProRole, BasicRole, "AckGpuNodeRole" };
        return new FakeTransport()
            .On(ServiceDescriptor.Ram, "GetRole", r => roles.Contains(r.Query["RoleName"]) ? Role(r.Query["RoleName"])
                : throw FakeTransport.Error("Ram", "GetRole", "EntityNotExist.Role", HttpStatusCode.NotFound, "req-norole"))
            .On(ServiceDescriptor.Ram, "ListPoliciesForRole", r => r.Query["RoleName"] switch
            {
                ProRole => Attached((ProPolicy, "Custom", "v2")),
                "AckGpuNodeRole" => Attached(("AckGpuNodePolicy", "Custom", "v1")),
                _ => "{\"RequestId\":\"r\",\"Policies\":{\"Policy\":[]}}",
            })
            .On(ServiceDescriptor.Ram, "GetPolicy", r => r.Query["PolicyName"] switch
            {
                ProPolicy => PolicyJson(ProPolicy, "Custom", "v2", BroadDocument),
                "AckGpuNodePolicy" => PolicyJson("AckGpuNodePolicy", "Custom", "v1", "{\"Version\":\"1\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"ecs:DescribeInstances\",\"Resource\":\"*\"}}"),
                _ => throw FakeTransport.Error("Ram", "GetPolicy", "EntityNotExist.Policy", HttpStatusCode.NotFound),
            });
    }

    [Fact]
    public async Task Reads_each_attached_policy_with_its_parsed_default_document()
    {
        var fake = Ram();

        var policies = await new WorkerRolePolicyReader(new RamClient(fake)).GetRolePoliciesAsync(ProRole, ProId, "cn-hangzhou", CancellationToken.None);

        var p = Assert.Single(policies);
        Assert.Equal(ProId, p.ClusterId);
        Assert.Equal(ProRole, p.RoleName);
        Assert.Equal(ProPolicy, p.PolicyName);
        Assert.Equal("Custom", p.PolicyType);
        Assert.Equal("v2", p.DefaultVersion);
        Assert.Equal(3, p.StatementCount);
        Assert.Equal(5, p.ActionCount);
        Assert.Equal(3, p.WildcardActionCount); // log:*, cr:Get*, ram:*
        Assert.Equal(BroadDocument, p.DocumentJson);
        Assert.NotNull(p.Document);
        Assert.Equal("cn-hangzhou", p.RegionId);
        Assert.NotNull(p.AttachDate);
        Assert.True(p.DocumentLength > 100);
        Assert.Equal(new[] { "GetRole", "ListPoliciesForRole", "GetPolicy" }, fake.Requests.Select(r => r.Action));
    }

    [Fact]
    public async Task A_role_without_policy_yields_nothing_and_says_no_restriction_is_needed()
    {
        var log = new RecordingLog();

        var policies = await new WorkerRolePolicyReader(new RamClient(Ram()), log).GetRolePoliciesAsync(BasicRole, BasicId, null, CancellationToken.None);

        Assert.Empty(policies);
        Assert.Equal($"no policy attached to role {BasicRole}: no restriction is needed", Assert.Single(log.Information));
        Assert.Contains(log.Verbose, v => v.Contains(BasicRole));
    }

    [Fact]
    public async Task Unknown_role_is_AckRoleNotFound()
    {
        var e = await Assert.ThrowsAsync<AckException>(() =>
            new WorkerRolePolicyReader(new RamClient(Ram())).GetRolePoliciesAsync("NoSuchRole", null, null, CancellationToken.None));

        Assert.Equal("AckRoleNotFound", e.ErrorId);
        Assert.Equal(AckErrorKind.ObjectNotFound, e.Kind);
        Assert.Equal("NoSuchRole", e.Target);
        Assert.Equal("EntityNotExist.Role", Assert.IsType<AlibabaServiceException>(e.InnerException).Code);
        Assert.Contains("req-norole", e.Message);
    }

    [Fact]
    public async Task Reads_the_default_version_when_GetPolicy_has_no_document()
    {
        var fake = Ram()
            .On(ServiceDescriptor.Ram, "GetPolicy", PolicyJson(ProPolicy, "Custom", "v2", null))
            .On(ServiceDescriptor.Ram, "GetPolicyVersion", r => r.Query["VersionId"] == "v2"
                ? $"{{\"PolicyVersion\":{{\"VersionId\":\"v2\",\"IsDefaultVersion\":true,\"PolicyDocument\":{System.Text.Json.JsonSerializer.Serialize(BroadDocument)}}}}}"
                : throw new InvalidOperationException("wrong version"));

        var p = Assert.Single(await new WorkerRolePolicyReader(new RamClient(fake)).GetRolePoliciesAsync(ProRole, null, null, CancellationToken.None));

        Assert.Equal(5, p.ActionCount);
        Assert.Equal(1, fake.Count("GetPolicyVersion"));
    }

    [Fact]
    public async Task A_document_that_is_not_a_policy_is_AckMalformedResponse()
    {
        var fake = Ram().On(ServiceDescriptor.Ram, "GetPolicy", PolicyJson(ProPolicy, "Custom", "v2", "{\"Statement\":\"everything\"}"));

        var e = await Assert.ThrowsAsync<AckException>(() =>
            new WorkerRolePolicyReader(new RamClient(fake)).GetRolePoliciesAsync(ProRole, null, null, CancellationToken.None));

        Assert.Equal("AckMalformedResponse", e.ErrorId);
        Assert.Equal(AckErrorKind.InvalidData, e.Kind);
    }

    [Fact]
    public async Task GetPolicy_by_name_uses_the_roles_attachment_for_the_type()
    {
        var fake = Ram();

        var p = await new WorkerRolePolicyReader(new RamClient(fake)).GetPolicyAsync("AckGpuNodePolicy", null, "AckGpuNodeRole", null, null, CancellationToken.None);

        Assert.Equal("AckGpuNodeRole", p.RoleName);
        Assert.Equal(1, p.StatementCount);
        Assert.Equal("Custom", fake.Requests.Single(r => r.Action == "GetPolicy").Query["PolicyType"]);
    }

    [Fact]
    public async Task GetPolicy_by_name_tries_custom_then_system_and_reports_AckPolicyNotFound()
    {
        var fake = Ram();

        var e = await Assert.ThrowsAsync<AckException>(() =>
            new WorkerRolePolicyReader(new RamClient(fake)).GetPolicyAsync("NoSuchPolicy", null, null, null, null, CancellationToken.None));

        Assert.Equal("AckPolicyNotFound", e.ErrorId);
        Assert.Equal(new[] { "Custom", "System" }, fake.Requests.Where(r => r.Action == "GetPolicy").Select(r => r.Query["PolicyType"]));
    }

    [Fact]
    public async Task GetPolicy_for_a_policy_not_attached_to_the_role_is_AckPolicyNotFound()
    {
        var e = await Assert.ThrowsAsync<AckException>(() =>
            new WorkerRolePolicyReader(new RamClient(Ram())).GetPolicyAsync(ProPolicy, null, "AckGpuNodeRole", null, null, CancellationToken.None));
        Assert.Equal("AckPolicyNotFound", e.ErrorId);
    }
}
