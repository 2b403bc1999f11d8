using AckHardening.Core.Http;
using AckHardening.Core.Services.Ram;
using static AckHardening.Core.Tests.Step1.Step1Json;

namespace AckHardening.Core.Tests.Step1;

public class RamClientTests
{
    [Fact]
    public async Task GetRole_is_an_idempotent_rpc_call_with_the_name_in_the_query()
    {
        var fake = new FakeTransport().On(ServiceDescriptor.Ram, "GetRole", Role(ProRole));

        var role = await new RamClient(fake).GetRoleAsync(ProRole, CancellationToken.None);

        var req = Assert.Single(fake.Requests);
        Assert.Same(ServiceDescriptor.Ram, req.Service);
        Assert.Equal("POST", req.Method);
        Assert.Equal("/", req.Path);
        Assert.Equal(ProRole, req.Query["RoleName"]);
        Assert.True(req.Idempotent);
        Assert.Equal(ProRole, role.RoleName);
        Assert.Equal($"acs:ram::1234567890123456:role/{ProRole}", role.Arn);
        Assert.Equal(3600, role.MaxSessionDuration);
        Assert.Contains("ecs.aliyuncs.com", role.AssumeRolePolicyDocument);
    }

    [Fact]
    public async Task ListPoliciesForRole_reads_the_nested_Policies_Policy_list()
    {
        var fake = new FakeTransport().On(ServiceDescriptor.Ram, "ListPoliciesForRole", Attached((ProPolicy, "Custom", "v2"), ("AliyunOSSReadOnlyAccess", "System", "v1")));

        var list = await new RamClient(fake).ListPoliciesForRoleAsync(ProRole, CancellationToken.None);

        Assert.Equal(2, list.Count);
        Assert.Equal(ProPolicy, list[0].PolicyName);
        Assert.Equal("Custom", list[0].PolicyType);
        Assert.Equal("v2", list[0].DefaultVersion);
        Assert.Equal(new DateTimeOffset(2023, 5, 10, 0, 0, 1, TimeSpan.Zero), list[0].AttachDate);
        Assert.Equal("System", list[1].PolicyType);
    }

    [Theory]
    [InlineData("{\"RequestId\":\"r\",\"Policies\":{\"Policy\":[]}}")]
    [InlineData("{\"RequestId\":\"r\",\"Policies\":{}}")]
    [InlineData("{\"RequestId\":\"r\"}")]
    public async Task ListPoliciesForRole_empty_forms_are_an_empty_list(string body)
    {
        var fake = new FakeTransport().On(ServiceDescriptor.Ram, "ListPoliciesForRole", body);
        Assert.Empty(await new RamClient(fake).ListPoliciesForRoleAsync(BasicRole, CancellationToken.None));
    }

    [Fact]
    public async Task GetPolicy_returns_the_default_version_document_as_the_string_ram_sent()
    {
        var fake = new FakeTransport().On(ServiceDescriptor.Ram, "GetPolicy", PolicyJson(ProPolicy, "Custom", "v2", BroadDocument));

        var detail = await new RamClient(fake).GetPolicyAsync(ProPolicy, "custom", CancellationToken.None);

        Assert.Equal("Custom", fake.Requests[0].Query["PolicyType"]);
        Assert.Equal(ProPolicy, fake.Requests[0].Query["PolicyName"]);
        Assert.Equal("v2", detail.Policy.DefaultVersion);
        Assert.Equal(1, detail.Policy.AttachmentCount);
        Assert.NotNull(detail.DefaultPolicyVersion);
        Assert.True(detail.DefaultPolicyVersion!.IsDefaultVersion);
        Assert.Equal(BroadDocument, detail.DefaultPolicyVersion.PolicyDocument);
    }

    [Fact]
    public async Task GetPolicyVersion_and_ListPolicyVersions_read_their_nesting()
    {
        var fake = new FakeTransport()
            .On(ServiceDescriptor.Ram, "GetPolicyVersion",
                "{\"RequestId\":\"9B34724D\",\"PolicyVersion\":{\"VersionId\":\"v3\",\"IsDefaultVersion\":false,\"CreateDate\":\"2015-01-23T12:33:18Z\",\"PolicyDocument\":\"{ \\\"Statement\\\": [{ \\\"Action\\\": [\\\"oss:*\\\"], \\\"Effect\\\": \\\"Allow\\\", \\\"Resource\\\": [\\\"acs:oss:*:*:*\\\"]}], \\\"Version\\\": \\\"1\\\"}\"}}")
            .On(ServiceDescriptor.Ram, "ListPolicyVersions",
                "{\"RequestId\":\"r\",\"PolicyVersions\":{\"PolicyVersion\":[{\"VersionId\":\"v1\",\"IsDefaultVersion\":false,\"CreateDate\":\"2023-01-01T00:00:00Z\",\"PolicyDocument\":\"{}\"},{\"VersionId\":\"v2\",\"IsDefaultVersion\":true,\"CreateDate\":\"2024-01-01T00:00:00Z\",\"PolicyDocument\":\"{}\"}]}}");
        var ram = new RamClient(fake);

        var v3 = await ram.GetPolicyVersionAsync("p", "Custom", "v3", CancellationToken.None);
        var all = await ram.ListPolicyVersionsAsync("p", "Custom", CancellationToken.None);

        Assert.Equal("v3", fake.Requests[0].Query["VersionId"]);
        Assert.False(v3.IsDefaultVersion);
        Assert.Contains("oss:*", v3.PolicyDocument);
        Assert.Equal(new[] { "v1", "v2" }, all.Select(v => v.VersionId));
        Assert.True(all[1].IsDefaultVersion);
    }

    [Theory]
    [InlineData("GetRole", "{\"RequestId\":\"r\"}", "Role is missing")]
    [InlineData("GetRole", "{\"Role\":\"KubernetesWorkerRole-x\"}", "Role is a string")]
    [InlineData("ListPoliciesForRole", "{\"Policies\":{\"Policy\":{\"PolicyName\":\"p\"}}}", "Policies.Policy is an object")]
    [InlineData("ListPoliciesForRole", "{\"Policies\":{\"Policy\":[{\"PolicyName\":\"p\"}]}}", "PolicyType is missing")]
    public async Task Wrong_shapes_raise_MalformedResponse_with_the_request_id(string action, string body, string expected)
    {
        var fake = new FakeTransport().On(ServiceDescriptor.Ram, action, body);
        var ram = new RamClient(fake);

        var e = await Assert.ThrowsAsync<AlibabaServiceException>(() => action == "GetRole"
            ? ram.GetRoleAsync("r", CancellationToken.None)
            : ram.ListPoliciesForRoleAsync("r", CancellationToken.None));

        Assert.Equal("MalformedResponse", e.Code);
        Assert.Equal("Ram", e.Service);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public async Task An_unknown_policy_type_is_refused_before_any_call()
    {
        var fake = new FakeTransport();
        await Assert.ThrowsAsync<ArgumentException>(() => new RamClient(fake).GetPolicyAsync("p", "Managed", CancellationToken.None));
        Assert.Empty(fake.Requests);
    }
}
