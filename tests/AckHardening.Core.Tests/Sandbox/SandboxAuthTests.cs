using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace AckHardening.Core.Tests.Sandbox;

/// <summary>Signature, key, token, date and nonce checks over HTTP, with the codes and envelopes of the real services.</summary>
public class SandboxAuthTests(SandboxFixture sbx) : IClassFixture<SandboxFixture>
{
    private static readonly KeyValuePair<string, string>[] RoleParam = [new("RoleName", SandboxFixture.ProdWorkerRole)];

    private static async Task<JsonObject> Error(HttpResponseMessage r, HttpStatusCode status, string code)
    {
        Assert.Equal(status, r.StatusCode);
        var body = await SandboxFixture.Json(r);
        Assert.Equal(code, (string?)body["Code"]);
        Assert.False(string.IsNullOrEmpty((string?)body["RequestId"]));
        Assert.False(string.IsNullOrEmpty((string?)body["Message"]));
        Assert.Equal("ram.aliyuncs.com", (string?)body["HostId"]);
        Assert.Contains(code, (string?)body["Recommend"]);
        return body;
    }

    [Fact]
    public async Task Admin_signed_request_is_accepted()
    {
        var r = await sbx.Rpc("Ram", "GetRole", RoleParam);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.True(r.Headers.Contains("x-acs-request-id"));
    }

    [Fact]
    public async Task Wrong_secret_gives_SignatureDoesNotMatch() =>
        await Error(await sbx.Rpc("Ram", "GetRole", RoleParam, TestKey.Admin with { Secret = "not-the-secret" }), HttpStatusCode.BadRequest, "SignatureDoesNotMatch");

    [Fact]
    public async Task Unknown_key_gives_InvalidAccessKeyId_NotFound() =>
        await Error(await sbx.Rpc("Ram", "GetRole", RoleParam, new TestKey("LTAI5tNobodyKnowsMe00001", "x")), HttpStatusCode.NotFound, "InvalidAccessKeyId.NotFound");

    [Fact]
    public async Task Disabled_key_is_refused() =>
        await Error(await sbx.Rpc("Ram", "GetRole", RoleParam, TestKey.Disabled), HttpStatusCode.BadRequest, "InvalidAccessKeyId.Inactive");

    [Fact]
    public async Task Date_sixteen_minutes_old_gives_InvalidTimeStamp_Expired() =>
        await Error(await sbx.Rpc("Ram", "GetRole", RoleParam, date: DateTimeOffset.UtcNow.AddMinutes(-16)), HttpStatusCode.BadRequest, "InvalidTimeStamp.Expired");

    [Fact]
    public async Task Date_fourteen_minutes_ahead_is_accepted() =>
        Assert.Equal(HttpStatusCode.OK, (await sbx.Rpc("Ram", "GetRole", RoleParam, date: DateTimeOffset.UtcNow.AddMinutes(14))).StatusCode);

    [Fact]
    public async Task Reused_nonce_gives_SignatureNonceUsed()
    {
        var nonce = Guid.NewGuid().ToString("N");
        Assert.Equal(HttpStatusCode.OK, (await sbx.Rpc("Ram", "GetRole", RoleParam, nonce: nonce)).StatusCode);
        await Error(await sbx.Rpc("Ram", "GetRole", RoleParam, nonce: nonce), HttpStatusCode.BadRequest, "SignatureNonceUsed");
    }

    [Fact]
    public async Task Parameter_changed_after_signing_is_rejected() =>
        await Error(await sbx.Rpc("Ram", "GetRole", RoleParam, afterSigning: r =>
            r.RequestUri = new Uri(r.RequestUri!.ToString().Replace("KubernetesWorkerRole-4a9e", "KubernetesWorkerRole-0b1c"))),
            HttpStatusCode.BadRequest, "SignatureDoesNotMatch");

    [Fact]
    public async Task Body_changed_after_signing_is_rejected()
    {
        var r = await sbx.Rpc("Ram", "GetRole", [], content: new StringContent("RoleName=" + SandboxFixture.ProdWorkerRole, Encoding.UTF8, "application/x-www-form-urlencoded"),
            afterSigning: req => req.Content = new StringContent("RoleName=AckGpuNodeRole", Encoding.UTF8, "application/x-www-form-urlencoded"));
        await Error(r, HttpStatusCode.BadRequest, "SignatureDoesNotMatch");
    }

    [Fact]
    public async Task Form_body_parameters_are_signed_and_read()
    {
        var r = await sbx.Rpc("Ram", "GetRole", [], content: new StringContent("RoleName=AckGpuNodeRole", Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("AckGpuNodeRole", (string?)(await SandboxFixture.Json(r))["Role"]!["RoleName"]);
    }

    [Fact]
    public async Task Unsigned_x_acs_header_gives_IncompleteSignature() =>
        await Error(await sbx.Rpc("Ram", "GetRole", RoleParam, afterSigning: r => r.Headers.Add("x-acs-extra", "1")),
            HttpStatusCode.BadRequest, "IncompleteSignature");

    [Fact]
    public async Task Missing_authorization_gives_IncompleteSignature() =>
        await Error(await sbx.Rpc("Ram", "GetRole", RoleParam, afterSigning: r => r.Headers.Remove("Authorization")),
            HttpStatusCode.BadRequest, "IncompleteSignature");

    [Fact]
    public async Task Wrong_api_version_gives_InvalidVersion() =>
        await Error(await SendWithVersion("2014-01-01"), HttpStatusCode.BadRequest, "InvalidVersion");

    private async Task<HttpResponseMessage> SendWithVersion(string version)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(sbx.Base("Ram"), "/?RoleName=AckGpuNodeRole"));
        await TestSigner.SignAsync(request, "GetRole", version, TestKey.Admin);
        return await sbx.Http.SendAsync(request);
    }

    [Fact]
    public async Task Unknown_action_gives_InvalidAction_NotFound() =>
        await Error(await sbx.Rpc("Ram", "GetRoleX", RoleParam), HttpStatusCode.NotFound, "InvalidAction.NotFound");

    [Fact]
    public async Task Key_without_rights_gets_NoPermission_with_detail()
    {
        var body = await Error(await sbx.Rpc("Ram", "GetRole", RoleParam, TestKey.NoRights), HttpStatusCode.Forbidden, "NoPermission");
        Assert.Equal("ram:GetRole", (string?)body["AccessDeniedDetail"]!["AuthAction"]);
    }

    [Fact]
    public async Task AssumeRole_issues_sts_keys_that_authenticate_until_they_expire()
    {
        var r = await sbx.Rpc("Sts", "AssumeRole", [new("RoleArn", SandboxFixture.OperatorRoleArn), new("RoleSessionName", "hardening"), new("DurationSeconds", "900")]);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var body = await SandboxFixture.Json(r);
        var creds = body["Credentials"]!;
        var id = (string)creds["AccessKeyId"]!;
        Assert.StartsWith("STS.", id);
        Assert.EndsWith("Z", (string?)creds["Expiration"]);
        Assert.Equal("acs:ram::1234567890123456:role/ackhardeningoperator/hardening", (string?)body["AssumedRoleUser"]!["Arn"]);
        Assert.EndsWith(":hardening", (string?)body["AssumedRoleUser"]!["AssumedRoleId"]);
        var sts = new TestKey(id, (string)creds["AccessKeySecret"]!, (string)creds["SecurityToken"]!);

        var who = await sbx.Rpc("Sts", "GetCallerIdentity", key: sts);
        Assert.Equal(HttpStatusCode.OK, who.StatusCode);
        var identity = await SandboxFixture.Json(who);
        Assert.Equal("AssumedRoleUser", (string?)identity["IdentityType"]);
        Assert.Equal("acs:ram::1234567890123456:assumed-role/AckHardeningOperator/hardening", (string?)identity["Arn"]);
        Assert.Equal(HttpStatusCode.OK, (await sbx.Rpc("Ram", "GetRole", RoleParam, sts)).StatusCode);

        var badToken = await sbx.Rpc("Ram", "GetRole", RoleParam, sts with { Token = sts.Token + "x" });
        Assert.Equal("InvalidSecurityToken.MismatchWithAccessKey", (string?)(await SandboxFixture.Json(badToken))["Code"]);
        var noToken = await sbx.Rpc("Ram", "GetRole", RoleParam, sts with { Token = null });
        Assert.Equal("MissingSecurityToken", (string?)(await SandboxFixture.Json(noToken))["Code"]);

        await sbx.AdvanceClock(901);
        await Error(await sbx.Rpc("Ram", "GetRole", RoleParam, sts), HttpStatusCode.BadRequest, "InvalidSecurityToken.Expired");
    }

    [Theory]
    [InlineData("899")]
    [InlineData("3601")]
    [InlineData("abc")]
    public async Task AssumeRole_duration_outside_900_to_3600_is_refused(string duration)
    {
        var r = await sbx.Rpc("Sts", "AssumeRole", [new("RoleArn", SandboxFixture.OperatorRoleArn), new("RoleSessionName", "s1"), new("DurationSeconds", duration)]);
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Equal("InvalidParameter.DurationSeconds", (string?)(await SandboxFixture.Json(r))["Code"]);
    }

    [Fact]
    public async Task AssumeRole_of_an_unknown_role_or_by_an_untrusted_caller_fails()
    {
        var unknown = await sbx.Rpc("Sts", "AssumeRole", [new("RoleArn", "acs:ram::1234567890123456:role/Nope"), new("RoleSessionName", "s1")]);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("EntityNotExist.Role", (string?)(await SandboxFixture.Json(unknown))["Code"]);
        var denied = await sbx.Rpc("Sts", "AssumeRole", [new("RoleArn", SandboxFixture.OperatorRoleArn), new("RoleSessionName", "s1")], TestKey.NoRights);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Equal("NoPermission", (string?)(await SandboxFixture.Json(denied))["Code"]);
        var missing = await sbx.Rpc("Sts", "AssumeRole", [new("RoleSessionName", "s1")]);
        Assert.Equal("MissingRoleArn", (string?)(await SandboxFixture.Json(missing))["Code"]);
    }

    [Fact]
    public async Task GetCallerIdentity_of_the_admin_key_is_a_ram_user()
    {
        var identity = await SandboxFixture.Json(await sbx.Rpc("Sts", "GetCallerIdentity"));
        Assert.Equal("RAMUser", (string?)identity["IdentityType"]);
        Assert.Equal("1234567890123456", (string?)identity["AccountId"]);
        Assert.Equal("acs:ram::1234567890123456:user/ack-admin", (string?)identity["Arn"]);
    }
}
