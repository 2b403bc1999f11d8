using System.Net;
using AckHardening.Core.Credentials;
using AckHardening.Core.Http;
using AckHardening.Core.Tests.Http;
using static AckHardening.Core.Tests.Credentials.CredentialTestSupport;

namespace AckHardening.Core.Tests.Credentials;

public class AssumeRoleProviderTests
{
    private const string RoleArn = "acs:ram::1234567890123456:role/AckHardeningOperator";
    private DateTimeOffset _now = new(2024, 1, 2, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AssumesWithSourceKeys_CachesUntilNearExpiry_ThenRefreshes()
    {
        var stub = new StubHandler()
            .ThenJson(HttpStatusCode.OK, StsBody("STS.first", _now.AddHours(1)))
            .ThenJson(HttpStatusCode.OK, StsBody("STS.second", _now.AddHours(2)));
        var source = new StaticCredentialProvider("LTAI5tSbxAdminKey0000001", "admin-secret", source: "Credential");
        var provider = new AssumeRoleCredentialProvider(source, StsFactory(stub), RoleArn, "ops-session", 3600, clock: () => _now);

        var first = await provider.GetCredentialAsync(CancellationToken.None);
        Assert.Equal("STS.first", first.AccessKeyId);
        Assert.Equal("sts-token-STS.first", first.SecurityToken);
        Assert.Equal("acs:ram::1234567890123456:role/ackhardeningoperator/s1", provider.AssumedRoleArn);
        var sent = stub.Requests[0];
        Assert.Equal("AssumeRole", sent.Headers["x-acs-action"]);
        Assert.Contains("RoleArn=acs%3Aram%3A%3A1234567890123456%3Arole%2FAckHardeningOperator", sent.Uri.Query);
        Assert.Contains("RoleSessionName=ops-session", sent.Uri.Query);
        Assert.Contains("DurationSeconds=3600", sent.Uri.Query);
        Assert.Contains("Credential=LTAI5tSbxAdminKey0000001,", sent.Headers["Authorization"]);

        _now = _now.AddMinutes(50);   // 10 min left of 60: more than max(3 min, 6 min) → still cached
        Assert.Same(first, await provider.GetCredentialAsync(CancellationToken.None));
        _now = _now.AddMinutes(5);    // 5 min left < 6 min (10% of lifetime) → refresh
        var second = await provider.GetCredentialAsync(CancellationToken.None);
        Assert.Equal("STS.second", second.AccessKeyId);
        Assert.Equal(2, provider.RefreshCount);
        Assert.Equal("RamRoleArn(Credential)", provider.Source);
    }

    [Fact]
    public async Task ConcurrentCallers_ShareOneRefresh()
    {
        var stub = new StubHandler().Then(async (_, _) =>
        {
            await Task.Delay(50);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(StsBody("STS.one", _now.AddHours(1))) };
        });
        var provider = new AssumeRoleCredentialProvider(new StaticCredentialProvider("LTAIaaaaaaaa", "s"), StsFactory(stub), RoleArn, clock: () => _now);
        var all = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => provider.GetCredentialAsync(CancellationToken.None)));
        Assert.All(all, c => Assert.Equal("STS.one", c.AccessKeyId));
        Assert.Single(stub.Requests);
    }

    [Theory]
    [InlineData(60, 50, false)]   // 10 of 60 min left, margin 6 → keep
    [InlineData(60, 55, true)]    // 5 left < 6
    [InlineData(15, 11, false)]   // 4 left, margin max(3, 1.5) = 3 → keep
    [InlineData(15, 13, true)]    // 2 left < 3
    public void RefreshMargin_IsMaxOfThreeMinutesAndTenPercent(int lifetimeMinutes, int elapsedMinutes, bool refresh)
    {
        var obtained = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var c = new AckCredential("STS.x1234567", "s", "t", obtained.AddMinutes(lifetimeMinutes));
        Assert.Equal(refresh, RefreshingCredentialProvider.NeedsRefresh(c, obtained, obtained.AddMinutes(elapsedMinutes)));
    }

    [Fact]
    public async Task StsError_Propagates_AsServiceException()
    {
        var stub = new StubHandler().ThenJson(HttpStatusCode.NotFound, "{\"Code\":\"EntityNotExist.Role\",\"Message\":\"The role not exists\",\"RequestId\":\"x\"}");
        var provider = new AssumeRoleCredentialProvider(new StaticCredentialProvider("LTAIaaaaaaaa", "s"), StsFactory(stub), RoleArn, clock: () => _now);
        var e = await Assert.ThrowsAsync<AlibabaServiceException>(() => provider.GetCredentialAsync(CancellationToken.None));
        Assert.Equal("EntityNotExist.Role", e.Code);
    }

    [Fact]
    public async Task Oidc_IsUnsigned_SendsTokenInBody_RereadsFile()
    {
        var tokenFile = TempFile("eyJhbGciOi.first-token");
        var stub = new StubHandler().ThenJson(HttpStatusCode.OK, StsBody("STS.oidc", _now.AddHours(1)));
        var sts = StsFactory(stub)(AnonymousCredentialProvider.Instance);
        var provider = OidcCredentialProvider.FromEnvironment(Env(("ALIBABA_CLOUD_ROLE_ARN", RoleArn),
            ("ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "acs:ram::1234567890123456:oidc-provider/ack-rrsa-c5b1"), ("ALIBABA_CLOUD_OIDC_TOKEN_FILE", tokenFile)),
            sts, out var missing, () => _now);
        Assert.Null(missing);
        var c = await provider!.GetCredentialAsync(CancellationToken.None);
        Assert.Equal("STS.oidc", c.AccessKeyId);
        var sent = stub.Requests[0];
        Assert.False(sent.Headers.ContainsKey("Authorization"));
        Assert.Contains("OIDCToken=eyJhbGciOi.first-token", sent.BodyText);
        Assert.DoesNotContain("first-token", sent.Uri.AbsoluteUri);
        File.Delete(tokenFile);
    }

    [Fact]
    public void Oidc_FromEnvironment_NamesMissingVariables()
    {
        var p = OidcCredentialProvider.FromEnvironment(Env(("ALIBABA_CLOUD_ROLE_ARN", RoleArn)), StsFactory(new StubHandler())(AnonymousCredentialProvider.Instance), out var missing);
        Assert.Null(p);
        Assert.Equal("ALIBABA_CLOUD_OIDC_PROVIDER_ARN, ALIBABA_CLOUD_OIDC_TOKEN_FILE are not set", missing);
    }
}
