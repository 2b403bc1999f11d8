using System.Net;
using AckHardening.Core.Components;
using AckHardening.Core.Http;
using AckHardening.Core.Services.Cs;
using AckHardening.Core.Services.Ram;
using AckHardening.Core.Tests.Sandbox;
using AckHardening.Components;

namespace AckHardening.Core.Tests.CompCloud;

/// <summary>CsAddonClient and the upgrader against the sandbox's component management (real signing, real wire shapes).</summary>
public class CsAddonClientSandboxTests(SandboxFixture sbx) : IClassFixture<SandboxFixture>
{
    private const string Prod = SandboxFixture.ProdCluster;
    private CsAddonClient Client() => new(SandboxClients.Transport(sbx), "cn-hangzhou");

    [Fact]
    public async Task Lists_and_reads_installed_addons_with_their_config()
    {
        await sbx.Reset();
        var addons = await Client().ListClusterAddonInstancesAsync(Prod, default);
        Assert.Equal(10, addons.Count);
        Assert.Contains(addons, a => a is { Name: "metrics-server", Version: "v0.3.8.5-307cf45-aliyun", State: "active" });

        var acr = await Client().GetClusterAddonInstanceAsync(Prod, "aliyun-acr-credential-helper", default);
        Assert.Equal("auto", AcrTokenMode.ParseAddonConfig(acr.Config)["tokenMode"]);
    }

    [Fact]
    public async Task DescribeAddon_lists_newer_versions_relative_to_the_installed_one()
    {
        await sbx.Reset();
        var terway = await Client().DescribeAddonAsync("terway-eniip", Prod, null, default);
        Assert.Equal(["v1.0.10.333-gfd2b7b8-aliyun", "v1.8.13", "v1.9.2"], terway.NewerVersions.Select(v => v.Version));
        Assert.False(terway.NewerVersions[^1].Upgradable);
        Assert.Equal("1.31.0", terway.NewerVersions[^1].MinimumClusterVersion);
        Assert.Equal("v1.8.13", ComponentInventory.NewestUpgradable(terway.NewerVersions, "v1.0.10.280-gdc2cb6c-aliyun"));

        var acr = await Client().DescribeAddonAsync("aliyun-acr-credential-helper", Prod, null, default);
        Assert.Contains("managedRole", acr.ConfigSchema);
    }

    [Fact]
    public async Task Unknown_addon_cluster_and_task_give_cs_404s()
    {
        var e1 = await Assert.ThrowsAsync<AlibabaServiceException>(() => Client().GetClusterAddonInstanceAsync(Prod, "flexvolume", default));
        Assert.Equal(HttpStatusCode.NotFound, e1.StatusCode);
        Assert.Equal("ErrorAddonNotFound", e1.Code);
        Assert.NotNull(e1.RequestId);
        Assert.IsType<Errors.AckException>(ComponentErrors.MapAddonNotFound(e1, Prod, "flexvolume"));

        var e2 = await Assert.ThrowsAsync<AlibabaServiceException>(() => Client().ListClusterAddonInstancesAsync("cffffffffffffffffffffffffffffffff", default));
        Assert.Equal("ErrorClusterNotFound", e2.Code);
        Assert.Same(e2, ComponentErrors.MapAddonNotFound(e2, "c", "x"));

        var e3 = await Assert.ThrowsAsync<AlibabaServiceException>(() => Client().DescribeTaskInfoAsync("T-doesnotexist", default));
        Assert.Equal("ErrorTaskNotFound", e3.Code);
    }

    [Fact]
    public async Task CheckServiceRole_answers_from_the_ram_roles()
    {
        var roles = await Client().CheckServiceRoleAsync(["AliyunCSManagedCostRole", "AliyunCSManagedNetworkRole"], default);
        Assert.False(roles[0].Granted);
        Assert.Equal("The role does not exist: AliyunCSManagedCostRole", roles[0].Message);
        Assert.True(roles[1].Granted);
    }

    [Fact]
    public async Task Upgrade_task_runs_over_simulated_time_and_then_changes_the_version()
    {
        await sbx.Reset();
        var cs = Client();
        var started = await cs.UpgradeClusterAddonsAsync(Prod, [new CsAddonUpgradeRequest("metrics-server", "v0.3.9.7-85b3699-aliyun", "v0.3.8.5-307cf45-aliyun")], default);
        Assert.StartsWith("T-", started.TaskId);

        var running = await cs.DescribeTaskInfoAsync(started.TaskId, default);
        Assert.True(running.IsRunning);
        Assert.Equal(Prod, running.ClusterId);
        Assert.Equal("upgrading", (await cs.GetClusterAddonInstanceAsync(Prod, "metrics-server", default)).State);
        // A second upgrade while the first runs is refused.
        await Assert.ThrowsAsync<AlibabaServiceException>(() =>
            cs.UpgradeClusterAddonsAsync(Prod, [new CsAddonUpgradeRequest("metrics-server", "v0.3.9.7-85b3699-aliyun")], default));

        await sbx.AdvanceClock(6);
        var done = await cs.DescribeTaskInfoAsync(started.TaskId, default);
        Assert.True(done.IsSucceeded);
        Assert.Equal("success", Assert.Single(done.Results).Status);
        var after = await cs.GetClusterAddonInstanceAsync(Prod, "metrics-server", default);
        Assert.Equal(("v0.3.9.7-85b3699-aliyun", "active"), (after.Version, after.State));
    }

    [Fact]
    public async Task Upgrade_refuses_a_version_that_is_not_newer_or_not_offered()
    {
        await sbx.Reset();
        var e = await Assert.ThrowsAsync<AlibabaServiceException>(() =>
            Client().UpgradeClusterAddonsAsync(Prod, [new CsAddonUpgradeRequest("metrics-server", "v0.3.8.5-307cf45-aliyun")], default));
        Assert.Equal("InvalidParameter", e.Code);
        e = await Assert.ThrowsAsync<AlibabaServiceException>(() =>
            Client().UpgradeClusterAddonsAsync(Prod, [new CsAddonUpgradeRequest("metrics-server", "v9.9.9")], default));
        Assert.Equal(HttpStatusCode.BadRequest, e.StatusCode);
    }

    [Fact]
    public async Task ModifyClusterAddon_replaces_the_config_and_returns_no_body()
    {
        await sbx.Reset();
        var cs = Client();
        var current = await cs.GetClusterAddonInstanceAsync(Prod, "aliyun-acr-credential-helper", default);
        var merge = AddonConfigMerge.Merge(current.Name, current.Config, [new("tokenMode", "managedRole")]);
        await cs.ModifyClusterAddonAsync(Prod, current.Name, merge.After, default);
        var read = await cs.GetClusterAddonInstanceAsync(Prod, "aliyun-acr-credential-helper", default);
        Assert.Equal("managedRole", AcrTokenMode.ParseAddonConfig(read.Config)["tokenMode"]);
        Assert.Equal("15m", AcrTokenMode.ParseAddonConfig(read.Config)["expiringThreshold"]);
    }

    [Fact]
    public async Task Upgrader_end_to_end_and_role_refusal_against_the_sandbox()
    {
        await sbx.Reset();
        var transport = SandboxClients.Transport(sbx);
        var cs = new CsAddonClient(transport, "cn-hangzhou");
        var upgrader = new ComponentUpgrader(cs, new ServiceRoleChecker(cs, new RamClient(transport)), ComponentCatalog.LoadBuiltIn());

        var refused = await Assert.ThrowsAsync<Errors.AckException>(() => upgrader.PlanAsync(Prod, "ack-cost-exporter", null, default));
        Assert.Equal(ComponentErrors.ServiceRoleNotGranted, refused.ErrorId);

        var plan = await upgrader.PlanAsync(Prod, "logtail-ds", null, default);
        Assert.Equal(("v1.0.28.1-1f4e3bd-aliyun", "v1.7.1.0-5a8b2c1-aliyun"), (plan.FromVersion, plan.ToVersion));
        // The poll loop's wait advances the sandbox clock instead of sleeping.
        upgrader.Delay = async (_, _) => await sbx.AdvanceClock(2);
        var result = await upgrader.ExecuteAsync(plan, new ComponentUpgradeOptions(TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(2)), default);
        Assert.Equal(ComponentUpgradeStatus.Succeeded, result.Status);
        Assert.Equal("v1.7.1.0-5a8b2c1-aliyun", (await cs.GetClusterAddonInstanceAsync(Prod, "logtail-ds", default)).Version);
    }
}
