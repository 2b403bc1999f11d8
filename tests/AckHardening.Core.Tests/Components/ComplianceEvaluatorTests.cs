using AckHardening.Components;
using AckHardening.Core.Components;

namespace AckHardening.Core.Tests.Components;

public class ComplianceEvaluatorTests
{
    private const string ClusterId = "c5b1e8f2a3d4c6e7f8091a2b3c4d5e6f7";
    private static readonly ComponentCatalog Catalog = ComponentCatalog.LoadBuiltIn();

    private static AckComponent Addon(string name, string? version, string state = "active") =>
        new() { ClusterId = ClusterId, Name = name, Version = version, State = state, Source = ComponentSource.AddonApi };

    private static AckComponentCompliance One(string component, ComplianceInput input) =>
        Assert.Single(ComplianceEvaluator.Evaluate(Catalog, input), r => r.Component == component);

    // component, installed version (null = not installed), role granted, status, next step
    public static TheoryData<string, string?, bool?, ComplianceStatus, ComponentNextStep> Cases => new()
    {
        { "metrics-server", "v0.3.9.4-ff225cd-aliyun", null, ComplianceStatus.Compliant, ComponentNextStep.Redeploy },
        { "metrics-server", "v0.3.9-d554015-aliyun", null, ComplianceStatus.UpgradeRequired, ComponentNextStep.Upgrade },
        { "csi-plugin", "v1.18.8.9-1c5d2cd1-aliyun", true, ComplianceStatus.UpgradeRequired, ComponentNextStep.Upgrade },
        { "csi-plugin", "v1.36.2", true, ComplianceStatus.Compliant, ComponentNextStep.Redeploy },
        { "terway-eniip", "v1.8.13", null, ComplianceStatus.Compliant, ComponentNextStep.Redeploy },
        { "ack-cost-exporter", "1.0.9", false, ComplianceStatus.UpgradeRequired, ComponentNextStep.GrantServiceRole },
        { "ack-cost-exporter", "1.0.9", true, ComplianceStatus.UpgradeRequired, ComponentNextStep.Upgrade },
        { "ack-cost-exporter", "1.0.9", null, ComplianceStatus.UpgradeRequired, ComponentNextStep.Upgrade },
        { "ack-cost-exporter", "1.0.10", false, ComplianceStatus.Compliant, ComponentNextStep.GrantServiceRole },
        { "ack-onepilot", "3.0.11", true, ComplianceStatus.Compliant, ComponentNextStep.Redeploy },
        { "flexvolume", "v1.14.8.109-649dc5a-aliyun", true, ComplianceStatus.Compliant, ComponentNextStep.MigrateToCsi },
        { "flexvolume", "v1.12.0", false, ComplianceStatus.UpgradeRequired, ComponentNextStep.MigrateToCsi },
        { "logtail-ds", null, false, ComplianceStatus.NotInstalled, ComponentNextStep.None },
        { "loongcollector", "v3.0.rc1", true, ComplianceStatus.Unknown, ComponentNextStep.None },
        { "loongcollector", "", true, ComplianceStatus.Unknown, ComponentNextStep.None },
        { "loongcollector", "latest", false, ComplianceStatus.Unknown, ComponentNextStep.GrantServiceRole },
        { "cluster-autoscaler", "v1.3.1-0000000-aliyun", true, ComplianceStatus.Compliant, ComponentNextStep.Redeploy },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Picks_the_procedure_step(string component, string? version, bool? granted, ComplianceStatus status, ComponentNextStep next)
    {
        var entry = Catalog.Find(component)!;
        var input = new ComplianceInput
        {
            ClusterId = ClusterId,
            Installed = version is null ? [] : [Addon(component, version)],
            ServiceRoleGrants = entry.ServiceRole is null ? null : new Dictionary<string, bool?> { [entry.ServiceRole] = granted },
        };
        var result = One(component, input);
        Assert.Equal(status, result.Status);
        Assert.Equal(next, result.NextStep);
        Assert.Equal(entry.ServiceRole is null ? null : granted, result.ServiceRoleGranted);
        Assert.Equal(ClusterId, result.ClusterId);
        Assert.Equal(entry.MinimumVersion, result.MinimumVersion);
        Assert.Equal(entry.Workloads, result.Workloads);
    }

    [Fact]
    public void One_result_per_catalog_component_in_catalog_order()
    {
        var results = ComplianceEvaluator.Evaluate(Catalog, new ComplianceInput
        {
            ClusterId = ClusterId,
            Installed = [Addon("metrics-server", "v0.3.9.4-ff225cd-aliyun"), Addon("not-in-catalog", "1.0")],
        });
        Assert.Equal(Catalog.Entries.Select(e => e.Name), results.Select(r => r.Component));
        Assert.Equal(19, results.Count(r => r.Status == ComplianceStatus.NotInstalled));
        Assert.All(results.Where(r => r.Status == ComplianceStatus.NotInstalled), r => Assert.Equal(ComponentNextStep.None, r.NextStep));
    }

    [Fact]
    public void Cannot_compare_puts_the_reason_in_remarks()
    {
        var result = One("loongcollector", new ComplianceInput { Installed = [Addon("loongcollector", "v3.0.rc1")] });
        Assert.Equal(ComplianceStatus.Unknown, result.Status);
        Assert.Contains("non-numeric segment 'rc1'", result.Remarks);
        Assert.Equal("v3.0.rc1", result.InstalledVersion);
    }

    [Fact]
    public void Missing_role_is_explained_and_unknown_role_is_null()
    {
        var missing = One("mse-ingress-controller", new ComplianceInput
        {
            Installed = [Addon("mse-ingress-controller", "1.1.0")],
            ServiceRoleGrants = new Dictionary<string, bool?> { ["aliyuncsmanagedmserole"] = false },
        });
        Assert.Equal(ComponentNextStep.GrantServiceRole, missing.NextStep);
        Assert.False(missing.ServiceRoleGranted);
        Assert.Contains("AliyunCSManagedMseRole is not granted", missing.Remarks);

        var unchecked_ = One("mse-ingress-controller", new ComplianceInput
        {
            Installed = [Addon("mse-ingress-controller", "1.1.0")],
            ServiceRoleGrants = new Dictionary<string, bool?> { ["AliyunCSManagedCostRole"] = true },
        });
        Assert.Null(unchecked_.ServiceRoleGranted);
        Assert.Equal(ComponentNextStep.Upgrade, unchecked_.NextStep);
    }

    // tokenMode, cluster created, installed version, expected step, remark fragment
    public static TheoryData<string?, string?, string, ComponentNextStep, string?> AcrCases => new()
    {
        { "workerRole", "2024-01-01", "v23.02.06.2-74e2172-aliyun", ComponentNextStep.SetTokenMode, "tokenMode is workerRole" },
        { "auto", "2022-06-01", "v23.02.06.2-74e2172-aliyun", ComponentNextStep.SetTokenMode, "created before 2023-04-03" },
        { "auto", "2023-04-03", "v23.02.06.2-74e2172-aliyun", ComponentNextStep.Redeploy, null },
        { "auto", null, "v23.02.06.2-74e2172-aliyun", ComponentNextStep.Redeploy, "creation time is unknown" },
        { "managedRole", "2020-01-01", "v23.02.06.2-74e2172-aliyun", ComponentNextStep.Redeploy, null },
        { null, "2020-01-01", "v24.9.18.1-0000000-aliyun", ComponentNextStep.Redeploy, null },
        { "workerRole", "2020-01-01", "v22.12.1.1-0000000-aliyun", ComponentNextStep.Upgrade, "set tokenMode to managedRole after the upgrade" },
        { "WORKERROLE", "2020-01-01", "v23.02.06.2-74e2172-aliyun", ComponentNextStep.SetTokenMode, null },
        { "sideways", "2020-01-01", "v23.02.06.2-74e2172-aliyun", ComponentNextStep.Redeploy, "unrecognised value 'sideways'" },
    };

    [Theory]
    [MemberData(nameof(AcrCases))]
    public void Acr_helper_token_mode(string? tokenMode, string? created, string version, ComponentNextStep next, string? remark)
    {
        const string acr = "aliyun-acr-credential-helper";
        var config = new Dictionary<string, string?>();
        if (tokenMode is not null)
            config["tokenMode"] = tokenMode;
        var result = One(acr, new ComplianceInput
        {
            Installed = [Addon(acr, version)],
            ServiceRoleGrants = new Dictionary<string, bool?> { ["AliyunCSManagedAcrRole"] = true },
            AddonConfigs = new Dictionary<string, IReadOnlyDictionary<string, string?>> { [acr] = config },
            ClusterCreated = created is null ? null : DateTimeOffset.Parse(created + "T00:00:00Z"),
        });
        Assert.Equal(next, result.NextStep);
        if (remark is not null)
            Assert.Contains(remark, result.Remarks);
    }

    [Fact]
    public void Addon_config_json_is_read_at_top_level()
    {
        var config = AcrTokenMode.ParseAddonConfig("""{"tokenMode":"auto","expiringThreshold":"15m","replicas":2,"AcrInstanceInfo":[{"InstanceId":"cri-x"}],"x":null}""");
        Assert.Equal("auto", config["TOKENMODE"]);
        Assert.Equal("2", config["replicas"]);
        Assert.Equal("""[{"InstanceId":"cri-x"}]""", config["AcrInstanceInfo"]);
        Assert.Null(config["x"]);
        Assert.Empty(AcrTokenMode.ParseAddonConfig(""));
        Assert.Throws<FormatException>(() => AcrTokenMode.ParseAddonConfig("[1]"));
    }

    [Fact]
    public void Addon_api_reading_wins_over_workload_reading()
    {
        var result = One("metrics-server", new ComplianceInput
        {
            Installed =
            [
                new AckComponent { Name = "metrics-server", Version = "v0.3.8.5-307cf45-aliyun", Source = ComponentSource.Workload },
                Addon("metrics-server", "v0.3.9.4-ff225cd-aliyun"),
            ],
        });
        Assert.Equal("v0.3.9.4-ff225cd-aliyun", result.InstalledVersion);
        Assert.Equal(ComplianceStatus.Compliant, result.Status);
    }

    [Fact]
    public void Notes_state_and_build_differences()
    {
        var result = One("metrics-server", new ComplianceInput { Installed = [Addon("metrics-server", "v0.3.9.4-abcdef0-aliyun", "upgrading")] });
        Assert.Equal(ComplianceStatus.Compliant, result.Status);
        Assert.Contains("different build", result.Remarks);
        Assert.Contains("'upgrading'", result.Remarks);
    }
}
