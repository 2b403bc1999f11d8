using System.Net;
using AckHardening.Core.Credentials;
using AckHardening.Core.Errors;
using AckHardening.Core.Tests.Http;
using static AckHardening.Core.Tests.Credentials.CredentialTestSupport;

namespace AckHardening.Core.Tests.Credentials;

public class CliProfileAndChainTests
{
    private const string Config = """
    {
      "current": "ops",
      "profiles": [
        {"name":"default","mode":"AK","access_key_id":"LTAIdefault000001","access_key_secret":"default-secret","region_id":"cn-beijing"},
        {"name":"ops","mode":"StsToken","access_key_id":"STS.ops000001","access_key_secret":"ops-secret","sts_token":"ops-token","region_id":"cn-hangzhou"},
        {"name":"assume","mode":"RamRoleArn","access_key_id":"LTAIassume0000001","access_key_secret":"assume-secret","ram_role_arn":"acs:ram::1234567890123456:role/AckHardeningOperator","ram_session_name":"cli-session","expired_seconds":900,"region_id":"cn-shanghai"},
        {"name":"ecs","mode":"EcsRamRole","ram_role_name":"NodeRole"},
        {"name":"sso","mode":"CloudSSO"},
        {"name":"broken","mode":"AK","access_key_id":"LTAIbroken"}
      ],
      "meta_path": ""
    }
    """;

    private static readonly Func<string, string?> NoEnv = Env();

    [Fact]
    public void Parse_ReadsProfilesAndCurrent()
    {
        var cfg = AliyunCliConfig.Parse(Config);
        Assert.Equal("ops", cfg.Current);
        Assert.Equal(6, cfg.Profiles.Count);
        Assert.Equal("ops", cfg.GetProfile().Name);
        var assume = cfg.GetProfile("assume");
        Assert.Equal("RamRoleArn", assume.Mode);
        Assert.Equal(900, assume.ExpiredSeconds);
        Assert.Equal("cn-shanghai", assume.RegionId);
        Assert.DoesNotContain("assume-secret", assume.ToString());
        var e = Assert.Throws<AckException>(() => cfg.GetProfile("missing"));
        Assert.Equal("AckProfileNotFound", e.ErrorId);
        Assert.Contains("default, ops, assume", e.Message);
    }

    [Fact]
    public async Task Mode_AK_And_StsToken_AreStatic()
    {
        var cfg = AliyunCliConfig.Parse(Config);
        var ak = await CliProfileCredentialFactory.Create(cfg.GetProfile("default"), StsFactory(new StubHandler())).GetCredentialAsync(default);
        Assert.Equal("LTAIdefault000001", ak.AccessKeyId);
        Assert.Null(ak.SecurityToken);
        var sts = CliProfileCredentialFactory.Create(cfg.GetProfile("ops"), StsFactory(new StubHandler()));
        Assert.Equal("Profile:ops", sts.Source);
        Assert.Equal("ops-token", (await sts.GetCredentialAsync(default)).SecurityToken);
    }

    [Fact]
    public async Task Mode_RamRoleArn_AssumesWithProfileKeys()
    {
        var stub = new StubHandler().ThenJson(HttpStatusCode.OK, StsBody("STS.assumed", DateTimeOffset.UtcNow.AddHours(1)));
        var p = CliProfileCredentialFactory.Create(AliyunCliConfig.Parse(Config).GetProfile("assume"), StsFactory(stub));
        var c = await p.GetCredentialAsync(default);
        Assert.Equal("STS.assumed", c.AccessKeyId);
        Assert.Contains("Credential=LTAIassume0000001,", stub.Requests[0].Headers["Authorization"]);
        Assert.Contains("RoleSessionName=cli-session", stub.Requests[0].Uri.Query);
        Assert.Contains("DurationSeconds=900", stub.Requests[0].Uri.Query);
    }

    [Fact]
    public void Mode_EcsRamRole_UsesRoleName_UnsupportedAndIncompleteAreErrors()
    {
        var cfg = AliyunCliConfig.Parse(Config);
        string? asked = null;
        CliProfileCredentialFactory.Create(cfg.GetProfile("ecs"), StsFactory(new StubHandler()), role => { asked = role; return new StaticCredentialProvider("LTAIxxxxxxxx", "s"); });
        Assert.Equal("NodeRole", asked);
        Assert.Equal("AckProfileModeUnsupported", Assert.Throws<AckException>(() => CliProfileCredentialFactory.Create(cfg.GetProfile("sso"), StsFactory(new StubHandler()))).ErrorId);
        var e = Assert.Throws<AckException>(() => CliProfileCredentialFactory.Create(cfg.GetProfile("broken"), StsFactory(new StubHandler())));
        Assert.Equal("AckProfileIncomplete", e.ErrorId);
        Assert.Contains("access_key_secret", e.Message);
    }

    [Fact]
    public void InvalidJson_IsClearError() =>
        Assert.Equal("AckCliConfigInvalid", Assert.Throws<AckException>(() => AliyunCliConfig.Parse("{ not json")).ErrorId);

    private static DefaultCredentialProvider Chain(Func<string, string?> env, string? configPath, Uri? metadata = null, HttpMessageHandler? handler = null) =>
        new(new DefaultCredentialChainOptions
        {
            Environment = env,
            CliConfigPath = configPath ?? Path.Combine(Path.GetTempPath(), "ackh-none-" + Guid.NewGuid().ToString("N"), "config.json"),
            MetadataAddress = metadata ?? new Uri($"http://127.0.0.1:{EcsRamRoleProviderTests.FreePort()}/"),
            MetadataHandler = handler,
            StsTransportFactory = StsFactory(new StubHandler()),
        });

    [Fact]
    public async Task Chain_EnvironmentFirst()
    {
        var path = TempFile(Config);
        var chain = Chain(Env(("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAIenv0000000001"), ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "env-secret"),
            ("ALIBABA_CLOUD_SECURITY_TOKEN", "env-token")), path);
        var c = await chain.GetCredentialAsync(default);
        Assert.Equal("LTAIenv0000000001", c.AccessKeyId);
        Assert.Equal("env-token", c.SecurityToken);
        Assert.Equal("Default:Environment", chain.Source);
        File.Delete(path);
    }

    [Fact]
    public async Task Chain_OidcBeforeProfile()
    {
        var tokenFile = TempFile("oidc-token");
        var stub = new StubHandler().ThenJson(HttpStatusCode.OK, StsBody("STS.rrsa", DateTimeOffset.UtcNow.AddHours(1)));
        var chain = new DefaultCredentialProvider(new DefaultCredentialChainOptions
        {
            Environment = Env(("ALIBABA_CLOUD_ROLE_ARN", "acs:ram::1234567890123456:role/r"), ("ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "acs:ram::1234567890123456:oidc-provider/p"),
                ("ALIBABA_CLOUD_OIDC_TOKEN_FILE", tokenFile)),
            CliConfigPath = TempFile(Config),
            StsTransportFactory = StsFactory(stub),
        });
        Assert.Equal("STS.rrsa", (await chain.GetCredentialAsync(default)).AccessKeyId);
        Assert.Equal("Default:Oidc", chain.Source);
    }

    [Fact]
    public async Task Chain_ProfileWhenNoEnv_NamedByAlibabaCloudProfile()
    {
        var path = TempFile(Config);
        var chain = Chain(Env(("ALIBABA_CLOUD_PROFILE", "default")), path);
        Assert.Equal("LTAIdefault000001", (await chain.GetCredentialAsync(default)).AccessKeyId);
        Assert.Equal("Default:Profile:default", chain.Source);
        File.Delete(path);
    }

    [Fact]
    public async Task Chain_InstanceRoleLast()
    {
        var stub = new StubHandler().ThenText(HttpStatusCode.OK, "t").ThenText(HttpStatusCode.OK, "NodeRole")
            .ThenJson(HttpStatusCode.OK, "{\"Code\":\"Success\",\"AccessKeyId\":\"STS.node\",\"AccessKeySecret\":\"s\",\"SecurityToken\":\"t\",\"Expiration\":\"2099-01-01T00:00:00Z\"}");
        var chain = Chain(NoEnv, null, new Uri("http://127.0.0.1:9007/"), stub);
        Assert.Equal("STS.node", (await chain.GetCredentialAsync(default)).AccessKeyId);
        Assert.Equal("Default:EcsRamRole:NodeRole", chain.Source);
    }

    [Fact]
    public async Task Chain_NothingFound_OneErrorNamingEverySource()
    {
        var chain = Chain(Env(("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAIonlyid000001"), ("ALIBABA_CLOUD_ROLE_ARN", "acs:ram::1:role/r")), null);
        var e = await Assert.ThrowsAsync<AckException>(() => chain.GetCredentialAsync(default));
        Assert.Equal("AckNoCredentials", e.ErrorId);
        Assert.Equal(AckErrorKind.AuthenticationError, e.Kind);
        var m = e.Message;
        Assert.Contains("Environment: ALIBABA_CLOUD_ACCESS_KEY_SECRET is empty while the other is set", m);
        Assert.Contains("Oidc: ALIBABA_CLOUD_OIDC_PROVIDER_ARN, ALIBABA_CLOUD_OIDC_TOKEN_FILE are not set", m);
        Assert.Contains("CliProfile: '", m);
        Assert.Contains("does not exist", m);
        Assert.Contains("EcsRamRole: failed: ECS RAM role credentials are not available", m);
        Assert.True(m.IndexOf("Environment:", StringComparison.Ordinal) < m.IndexOf("Oidc:", StringComparison.Ordinal));
        Assert.True(m.IndexOf("Oidc:", StringComparison.Ordinal) < m.IndexOf("CliProfile:", StringComparison.Ordinal));
        Assert.True(m.IndexOf("CliProfile:", StringComparison.Ordinal) < m.IndexOf("EcsRamRole:", StringComparison.Ordinal));
        Assert.NotNull(e.RecommendedAction);
    }

    [Fact]
    public async Task Chain_DisabledSourcesSaySo()
    {
        var chain = Chain(Env(("ALIBABA_CLOUD_CLI_PROFILE_DISABLED", "true"), ("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "TRUE")), TempFile(Config));
        var e = await Assert.ThrowsAsync<AckException>(() => chain.GetCredentialAsync(default));
        Assert.Contains("CliProfile: disabled by ALIBABA_CLOUD_CLI_PROFILE_DISABLED", e.Message);
        Assert.Contains("EcsRamRole: disabled by ALIBABA_CLOUD_ECS_METADATA_DISABLED", e.Message);
    }

    [Fact]
    public void Region_ExplicitThenEnvThenProfile_ElseAsksForRegion()
    {
        var path = TempFile(Config);
        Assert.Equal("eu-central-1", RegionResolver.Resolve("eu-central-1", Env(("ALIBABA_CLOUD_REGION_ID", "cn-beijing")), path));
        Assert.Equal("cn-beijing", RegionResolver.Resolve(null, Env(("ALIBABA_CLOUD_REGION_ID", "cn-beijing")), path));
        Assert.Equal("cn-hangzhou", RegionResolver.Resolve(null, NoEnv, path));
        Assert.Equal("cn-shanghai", RegionResolver.Resolve(null, NoEnv, path, "assume"));
        var e = Assert.Throws<AckException>(() => RegionResolver.Resolve(null, NoEnv, path + ".missing"));
        Assert.Equal("AckNoRegion", e.ErrorId);
        Assert.Contains("-Region", e.Message);
        File.Delete(path);
    }

    [Fact]
    public void Credential_ToStringAndMask_HideSecrets()
    {
        var c = new AckCredential("LTAI5tSbxAdminKey0000001", "sbx-Secret-7f3a9c2e5b8d1f4a6c0e", "tok");
        Assert.Equal("LTAI*****************001", c.MaskedAccessKeyId);
        Assert.DoesNotContain("sbx-Secret", c.ToString());
        Assert.DoesNotContain("tok", new StaticCredentialProvider(c).ToString());
    }
}
