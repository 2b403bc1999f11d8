using System.Net;
using System.Text;
using AckHardening.Components;
using AckHardening.Core.Components;
using AckHardening.Core.Errors;
using AckHardening.Core.Http;
using AckHardening.Core.Services.Cs;
using AckHardening.Core.Services.Ram;
using AckHardening.Core.Tests.Step1;

namespace AckHardening.Core.Tests.CompCloud;

/// <summary>Request shapes, fallbacks, task outcomes and the pure helpers, against a fake transport.</summary>
public class CompCloudLogicTests
{
    private const string Cluster = "c82e6987e2961451182edacd74faf1234";

    [Fact]
    public async Task Upgrade_body_is_the_json_array_cs_expects()
    {
        var fake = new FakeTransport().On(ServiceDescriptor.Cs, "UpgradeClusterAddons", "{\"cluster_id\":\"c\",\"task_id\":\"T-1\",\"request_id\":\"r\"}");
        await new CsAddonClient(fake).UpgradeClusterAddonsAsync(Cluster,
            [new CsAddonUpgradeRequest("metrics-server", "v0.3.9.7-85b3699-aliyun", "v0.3.9.4-ff225cd-aliyun")], default);
        var request = Assert.Single(fake.Requests);
        Assert.Equal(("POST", $"/clusters/{Cluster}/components/upgrade"), (request.Method, request.Path));
        Assert.False(request.Idempotent);
        // Byte for byte the body of the reference's signature vector C.
        Assert.Equal("[{\"component_name\":\"metrics-server\",\"next_version\":\"v0.3.9.7-85b3699-aliyun\",\"version\":\"v0.3.9.4-ff225cd-aliyun\"}]",
            Encoding.UTF8.GetString(request.Body!));
    }

    [Fact]
    public async Task Role_check_falls_back_to_GetRole_and_reports_unknown_when_both_fail()
    {
        var fake = new FakeTransport()
            .On(ServiceDescriptor.Cs, "CheckServiceRole", _ => throw FakeTransport.Error("Cs", "CheckServiceRole", "ErrorCheckAcl", HttpStatusCode.Forbidden))
            .On(ServiceDescriptor.Ram, "GetRole", r => r.Query["RoleName"] switch
            {
                "A" => "{\"Role\":{\"RoleName\":\"A\"}}",
                "B" => throw FakeTransport.Error("Ram", "GetRole", "EntityNotExist.Role", HttpStatusCode.NotFound),
                _ => throw FakeTransport.Error("Ram", "GetRole", "Throttling.User", HttpStatusCode.BadRequest),
            });
        var log = new RecordingLog();
        var grants = await new ServiceRoleChecker(new CsAddonClient(fake), new RamClient(fake), log).CheckAsync(["A", "B", "C", "a"], default);
        Assert.Equal([true, false, (bool?)null], grants.Select(g => g.Granted));
        Assert.Equal([ServiceRoleCheckSource.RamGetRole, ServiceRoleCheckSource.RamGetRole, ServiceRoleCheckSource.None], grants.Select(g => g.Source));
        Assert.Contains(log.Warnings, w => w.Contains("GetRole instead"));
    }

    private static FakeTransport UpgradeFake(string roleGranted, params string[] taskStates)
    {
        var polls = 0;
        return new FakeTransport()
            .On(ServiceDescriptor.Cs, "GetClusterAddonInstance", "{\"name\":\"ack-cost-exporter\",\"version\":\"1.0.8\",\"state\":\"active\",\"config\":\"{}\"}")
            .On(ServiceDescriptor.Cs, "CheckServiceRole", $"{{\"roles\":[{{\"name\":\"AliyunCSManagedCostRole\",\"granted\":{roleGranted}}}]}}")
            .On(ServiceDescriptor.Cs, "DescribeAddon", "{\"name\":\"ack-cost-exporter\",\"newer_versions\":[{\"version\":\"1.0.14\",\"upgradable\":true},{\"version\":\"1.0.10\",\"upgradable\":true}]}")
            .On(ServiceDescriptor.Cs, "UpgradeClusterAddons", "{\"task_id\":\"T-9\"}")
            .On(ServiceDescriptor.Cs, "DescribeTaskInfo", _ =>
            {
                var state = taskStates[Math.Min(polls++, taskStates.Length - 1)];
                return state == "fail"
                    ? "{\"task_id\":\"T-9\",\"state\":\"fail\",\"error\":{\"code\":\"AddonUpgradeFailed\",\"message\":\"helm failed\"}}"
                    : $"{{\"task_id\":\"T-9\",\"state\":\"{state}\"}}";
            });
    }

    private static ComponentUpgrader Upgrader(FakeTransport fake, RecordingLog? log = null) =>
        new(new CsAddonClient(fake), new ServiceRoleChecker(new CsAddonClient(fake), new RamClient(fake)), ComponentCatalog.LoadBuiltIn(), log)
        { Delay = (_, _) => Task.CompletedTask };

    [Fact]
    public async Task Missing_role_refuses_before_any_write()
    {
        var fake = UpgradeFake("false", "success");
        var e = await Assert.ThrowsAsync<AckException>(() => Upgrader(fake).PlanAsync(Cluster, "ack-cost-exporter", null, default));
        Assert.Equal(ComponentErrors.ServiceRoleNotGranted, e.ErrorId);
        Assert.Equal(0, fake.Count("UpgradeClusterAddons"));
    }

    [Fact]
    public async Task Picks_the_newest_upgradable_version_and_polls_until_success()
    {
        var fake = UpgradeFake("true", "running", "running", "success");
        var log = new RecordingLog();
        var upgrader = Upgrader(fake, log);
        var plan = await upgrader.PlanAsync(Cluster, "ack-cost-exporter", null, default);
        Assert.Equal("1.0.14", plan.ToVersion);
        var result = await upgrader.ExecuteAsync(plan, new ComponentUpgradeOptions(TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(1)), default);
        Assert.Equal(ComponentUpgradeStatus.Succeeded, result.Status);
        Assert.Equal(3, fake.Count("DescribeTaskInfo"));
        Assert.Contains(log.Progress, p => p.Status.Contains("T-9 running"));
        Assert.True(log.Progress[^1].Completed);
    }

    [Fact]
    public async Task A_failed_task_is_a_result_with_the_task_error()
    {
        var fake = UpgradeFake("true", "running", "fail");
        var upgrader = Upgrader(fake);
        var plan = await upgrader.PlanAsync(Cluster, "ack-cost-exporter", "1.0.10", default);
        var result = await upgrader.ExecuteAsync(plan, ComponentUpgradeOptions.Default, default);
        Assert.Equal(ComponentUpgradeStatus.Failed, result.Status);
        Assert.Contains("AddonUpgradeFailed: helm failed", result.Message);
        Assert.Equal("1.0.10", result.ToVersion);
    }

    [Fact]
    public async Task A_task_that_outlives_the_timeout_is_TimedOut()
    {
        var fake = UpgradeFake("true", "running");
        var upgrader = Upgrader(fake);
        upgrader.Delay = (d, ct) => Task.Delay(TimeSpan.FromMilliseconds(20), ct);
        var plan = await upgrader.PlanAsync(Cluster, "ack-cost-exporter", null, default);
        var result = await upgrader.ExecuteAsync(plan, new ComponentUpgradeOptions(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(20)), default);
        Assert.Equal(ComponentUpgradeStatus.TimedOut, result.Status);
        Assert.Equal(1, fake.Count("UpgradeClusterAddons"));
    }

    [Fact]
    public void Newest_upgradable_orders_by_version_not_by_list_position()
    {
        CsAddonNewerVersion[] newer = [new("v1.18.8.9-a", true, null), new("v1.18.8.45-b", true, null), new("v1.30.0", false, "1.31")];
        Assert.Equal("v1.18.8.45-b", ComponentInventory.NewestUpgradable(newer, "v1.18.8.1"));
        Assert.Null(ComponentInventory.NewestUpgradable(newer, "v1.18.8.45-b"));
    }

    [Fact]
    public void Config_merge_keeps_stored_key_spelling_removes_nulls_and_checks_tokenMode()
    {
        var r = AddonConfigMerge.Merge("aliyun-acr-credential-helper", "{\"tokenMode\":\"auto\",\"old\":1}",
            [new("TOKENMODE", "MANAGEDROLE"), new("old", null), new("nested", new Dictionary<string, object?> { ["a"] = 1 })]);
        Assert.Equal("{\"tokenMode\":\"managedRole\",\"nested\":{\"a\":1}}", r.After);
        Assert.Equal(["tokenMode", "old", "nested"], r.ChangedKeys);

        Assert.False(AddonConfigMerge.Merge("x", "{\"a\":\"b\"}", [new("a", "b")]).HasChanges);
        var e = Assert.Throws<AckException>(() => AddonConfigMerge.Merge("aliyun-acr-credential-helper", "{}", [new("tokenMode", "root")]));
        Assert.Equal(ComponentErrors.ConfigInvalid, e.ErrorId);
        Assert.Throws<AckException>(() => AddonConfigMerge.Merge("x", "[1]", [new("a", 1)]));
    }

    [Fact]
    public void Token_documents_are_classified_without_copying_credentials()
    {
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var error = AddonTokenInspector.Parse(Encoding.UTF8.GetBytes("{\"error\":{\"roleName\":\"R\",\"code\":\"EntityNotExist.Role\",\"message\":\"gone\"}}"), "s", now);
        Assert.Equal((ServiceRoleTokenStatus.Error, "EntityNotExist.Role"), (error.Status, error.ErrorCode));

        var valid = AddonTokenInspector.Parse(Encoding.UTF8.GetBytes("{\"access.key.id\":\"SECRETID\",\"expiration\":\"2030-01-01T00:00:00Z\"}"), "s", now);
        Assert.Equal(ServiceRoleTokenStatus.Valid, valid.Status);
        Assert.Equal(ServiceRoleTokenStatus.Expired,
            AddonTokenInspector.Parse(Encoding.UTF8.GetBytes("{\"security.token\":\"x\",\"expiration\":\"2025-01-01T00:00:00Z\"}"), "s", now).Status);

        var broken = AddonTokenInspector.Parse(Encoding.UTF8.GetBytes("{\"access.key.secret\":\"TOPSECRET"), "s", now);
        Assert.Equal(ServiceRoleTokenStatus.Unreadable, broken.Status);
        Assert.DoesNotContain("TOPSECRET", broken.ErrorMessage);
        Assert.Equal(["addon.aliyuncsmanagednetworkrole.token", "addon.network.token"], AddonTokenInspector.SecretNamesFor("AliyunCSManagedNetworkRole"));
    }
}
