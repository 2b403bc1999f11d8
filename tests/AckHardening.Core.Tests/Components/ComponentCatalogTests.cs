using AckHardening.Components;
using AckHardening.Core.Components;

namespace AckHardening.Core.Tests.Components;

public class ComponentCatalogTests
{
    [Fact]
    public void Built_in_catalog_holds_every_component_of_the_procedure_table()
    {
        var catalog = ComponentCatalog.LoadBuiltIn();
        string[] expected =
        [
            "metrics-server", "alicloud-monitor-controller", "arms-prometheus", "ack-cost-exporter", "ack-node-problem-detector",
            "terway", "terway-eni", "terway-eniip", "terway-controlplane", "mse-ingress-controller",
            "csi-plugin", "csi-provisioner", "storage-operator", "alicloud-disk-controller", "flexvolume",
            "logtail-ds", "loongcollector", "aliyun-acr-credential-helper", "ack-onepilot", "cluster-autoscaler",
        ];
        Assert.Equal(expected, catalog.Entries.Select(e => e.Name));
        Assert.Equal(ComponentCatalog.BuiltInSource, catalog.Source);
        Assert.Equal(["terway", "terway-eni", "terway-eniip"], catalog.TerwayVariants);
    }

    [Theory]
    [InlineData("metrics-server", ComponentCategory.Monitoring, "v0.3.9.4-ff225cd-aliyun", "kube-system/deployment/metrics-server")]
    [InlineData("arms-prometheus", ComponentCategory.Monitoring, "1.1.11", "arms-prom/deployment/arms-prometheus-ack-arms-prometheus")]
    [InlineData("ack-node-problem-detector", ComponentCategory.Monitoring, "1.2.16", "kube-system/deployment/ack-node-problem-detector-eventer")]
    [InlineData("terway-eniip", ComponentCategory.Networking, "v1.0.10.333-gfd2b7b8-aliyun", "kube-system/daemonset/terway-eniip")]
    [InlineData("mse-ingress-controller", ComponentCategory.Networking, "1.1.5", "mse-ingress-controller/deployment/ack-mse-ingress-controller")]
    [InlineData("storage-operator", ComponentCategory.Storage, "v1.18.8.55-e398ce5-aliyun",
        "kube-system/deployment/storage-auto-expander; kube-system/deployment/storage-cnfs; kube-system/deployment/storage-monitor; kube-system/deployment/storage-snapshot-manager; kube-system/deployment/storage-operator")]
    [InlineData("flexvolume", ComponentCategory.Storage, "v1.14.8.109-649dc5a-aliyun", "kube-system/daemonset/flexvolume")]
    [InlineData("logtail-ds", ComponentCategory.Logging, "v1.0.29.1-0550501-aliyun", "kube-system/daemonset/logtail-ds; kube-system/deployment/alibaba-log-controller")]
    [InlineData("loongcollector", ComponentCategory.Logging, "v3.0.2", "kube-system/daemonset/loongcollector-ds; kube-system/deployment/loongcollector-operator")]
    [InlineData("aliyun-acr-credential-helper", ComponentCategory.Security, "v23.02.06.2-74e2172-aliyun", "kube-system/deployment/aliyun-acr-credential-helper")]
    [InlineData("ack-onepilot", ComponentCategory.Security, "3.0.11", "ack-onepilot/deployment/ack-onepilot-ack-onepilot")]
    [InlineData("cluster-autoscaler", ComponentCategory.Autoscaling, "v1.3.1-bcf13de9-aliyun", "kube-system/deployment/cluster-autoscaler")]
    public void Entries_match_the_procedure(string name, ComponentCategory category, string minimum, string workloads)
    {
        var entry = ComponentCatalog.LoadBuiltIn().Find(name)!;
        Assert.Equal(category, entry.Category);
        Assert.Equal(minimum, entry.MinimumVersion);
        Assert.Equal(workloads, entry.Workloads);
    }

    [Theory]
    [InlineData("ack-cost-exporter", "AliyunCSManagedCostRole", ServiceRoleEvidence.Documented)]
    [InlineData("mse-ingress-controller", "AliyunCSManagedMseRole", ServiceRoleEvidence.Documented)]
    [InlineData("ack-onepilot", "AliyunCSManagedMseRole", ServiceRoleEvidence.Documented)]
    [InlineData("aliyun-acr-credential-helper", "AliyunCSManagedAcrRole", ServiceRoleEvidence.Documented)]
    [InlineData("cluster-autoscaler", "AliyunCSManagedAutoScalerRole", ServiceRoleEvidence.Documented)]
    [InlineData("terway", "AliyunCSManagedNetworkRole", ServiceRoleEvidence.Derived)]
    [InlineData("csi-plugin", "AliyunCSManagedCsiRole", ServiceRoleEvidence.Derived)]
    [InlineData("logtail-ds", "AliyunCSManagedLogRole", ServiceRoleEvidence.Derived)]
    [InlineData("alicloud-monitor-controller", "AliyunCSManagedCmsRole", ServiceRoleEvidence.Derived)]
    [InlineData("arms-prometheus", "AliyunCSManagedArmsRole", ServiceRoleEvidence.Derived)]
    [InlineData("metrics-server", null, ServiceRoleEvidence.Unverified)]
    [InlineData("ack-node-problem-detector", null, ServiceRoleEvidence.Unverified)]
    public void Service_roles_carry_their_evidence(string name, string? role, ServiceRoleEvidence evidence)
    {
        var entry = ComponentCatalog.LoadBuiltIn().Find(name)!;
        Assert.Equal(role, entry.ServiceRole);
        Assert.Equal(evidence, entry.ServiceRoleEvidence);
    }

    [Fact]
    public void Remark_kinds_and_version_sources_are_machine_readable()
    {
        var catalog = ComponentCatalog.LoadBuiltIn();
        Assert.Equal([RemarkKind.GrantServiceRoleFirst, RemarkKind.SetTokenMode], catalog.Find("aliyun-acr-credential-helper")!.RemarkKindList);
        Assert.Equal("GrantServiceRoleFirst, SetTokenMode", catalog.Find("aliyun-acr-credential-helper")!.RemarkKinds);
        Assert.Equal([RemarkKind.MigrateToCsi], catalog.Find("flexvolume")!.RemarkKindList);
        Assert.All(catalog.TerwayVariants, v => Assert.True(catalog.Find(v)!.HasRemark(RemarkKind.CheckTerwayConfig)));

        var autoscaler = catalog.Find("cluster-autoscaler")!;
        Assert.Equal(VersionSource.ImageTag, autoscaler.VersionSource);
        Assert.Equal("acs/autoscaler", autoscaler.ImageName);
        Assert.True(autoscaler.HasRemark(RemarkKind.InstalledThroughNodePool));

        Assert.All(catalog.Entries.Where(e => e.Name != "cluster-autoscaler"), e => Assert.Equal(VersionSource.AddonApi, e.VersionSource));
        Assert.All(catalog.Entries, e => Assert.True(ComponentVersion.TryParse(e.MinimumVersion, out _, out _)));
    }

    [Fact]
    public void Built_in_catalog_text_round_trips_through_the_file_loader()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ack-catalog-{Guid.NewGuid():N}.yaml");
        try
        {
            File.WriteAllText(path, ComponentCatalog.ReadBuiltInText());
            var loaded = ComponentCatalog.LoadFile(path);
            Assert.Equal(path, loaded.Source);
            Assert.Equal(20, loaded.Entries.Count);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private const string MinimalJson = """
        {
          "schemaVersion": "1",
          "components": [
            {
              "name": "my-addon",
              "category": "storage",
              "minimumVersion": "v2.0.1-abc-aliyun",
              "serviceRole": "AliyunCSManagedCsiRole",
              "serviceRoleEvidence": "Derived",
              "workloads": [ { "namespace": "tools", "kind": "statefulset", "name": "my-addon" } ],
              "remarkKinds": [ "GrantServiceRoleFirst" ],
              "remarks": "custom"
            }
          ]
        }
        """;

    [Fact]
    public void Json_catalog_is_accepted()
    {
        var catalog = ComponentCatalog.Parse(MinimalJson, CatalogFormat.Auto, "user.json");
        var entry = Assert.Single(catalog.Entries);
        Assert.Equal(ComponentCategory.Storage, entry.Category);
        Assert.Equal(VersionSource.AddonApi, entry.VersionSource);
        Assert.Equal("tools/statefulset/my-addon", entry.Workloads);
        Assert.Equal(ServiceRoleEvidence.Derived, entry.ServiceRoleEvidence);
        Assert.Empty(catalog.TerwayVariants);
    }

    [Fact]
    public void Json_file_is_detected_by_extension()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ack-catalog-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllText(path, MinimalJson);
            Assert.Equal("my-addon", Assert.Single(ComponentCatalog.LoadFile(path).Entries).Name);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Missing_file_has_a_stable_error_id()
    {
        var ex = Assert.Throws<AckHardening.Core.Errors.AckException>(() => ComponentCatalog.LoadFile("/nonexistent/catalog.yaml"));
        Assert.Equal("AckComponentCatalogNotFound", ex.ErrorId);
    }

    [Fact]
    public void Validation_names_every_bad_entry_and_field()
    {
        const string yaml = """
            components:
              - name: good
                category: Monitoring
                minimumVersion: 1.0.0
                workloads: [ { kind: Deployment, name: good } ]
              - name: bad-one
                category: Weather
                minimumVersion: v1.x.2
                versionSource: ImageTag
                workloads: [ { kind: Pod, name: Bad_Name } ]
                remarkKinds: [ GrantServiceRoleFirst, Dance ]
              - category: Storage
                minimumVersion: "2"
                workloads: []
              - name: good
                category: Logging
                minimumVersion: 1.0.0
                imageName: acs/x
                workloads: [ { namespace: "Not Valid", kind: DaemonSet, name: d } ]
            terwayVariants: [ terway ]
            """;
        var ex = Assert.Throws<CatalogValidationException>(() => ComponentCatalog.Parse(yaml, CatalogFormat.Yaml, "user.yaml"));
        Assert.Equal("AckComponentCatalogInvalid", ex.ErrorId);
        string[] expected =
        [
            "components[1] 'bad-one': category: 'Weather' is not one of",
            "components[1] 'bad-one': minimumVersion: 'v1.x.2' has the non-numeric segment 'x'",
            "components[1] 'bad-one': imageName: required when versionSource is ImageTag",
            "components[1] 'bad-one': workloads[0].kind: 'Pod' is not one of",
            "components[1] 'bad-one': workloads[0].name: 'Bad_Name' is not a valid workload name",
            "components[1] 'bad-one': remarkKinds: 'Dance' is not one of",
            "components[1] 'bad-one': remarkKinds: GrantServiceRoleFirst needs a serviceRole",
            "components[2]: name: required",
            "components[2]: workloads: at least one workload is required",
            "components[3] 'good': imageName: only used when versionSource is ImageTag",
            "components[3] 'good': workloads[0].namespace: 'Not Valid' is not a valid namespace",
            "terwayVariants[0]: 'terway' is not a component of the catalog",
        ];
        foreach (var fragment in expected)
            Assert.Contains(ex.Errors, e => e.StartsWith(fragment, StringComparison.Ordinal));
        Assert.Equal(expected.Length, ex.Errors.Count);
        Assert.Contains("user.yaml", ex.Message);
    }

    [Fact]
    public void Duplicate_names_are_reported()
    {
        const string yaml = """
            components:
              - { name: a, category: Storage, minimumVersion: "1", workloads: [ { kind: Deployment, name: a } ] }
              - { name: a, category: Logging, minimumVersion: "1", workloads: [ { kind: Deployment, name: a } ] }
            """;
        var ex = Assert.Throws<CatalogValidationException>(() => ComponentCatalog.Parse(yaml, CatalogFormat.Yaml, "dup.yaml"));
        Assert.Equal("components[1] 'a': name: 'a' appears more than once", Assert.Single(ex.Errors));
    }

    [Fact]
    public void Unknown_yaml_field_is_reported_with_its_location()
    {
        const string yaml = """
            components:
              - name: a
                category: Storage
                minimumVersoin: "1"
            """;
        var ex = Assert.Throws<CatalogValidationException>(() => ComponentCatalog.Parse(yaml, CatalogFormat.Yaml, "typo.yaml"));
        var error = Assert.Single(ex.Errors);
        Assert.Contains("line 4", error);
        Assert.Contains("minimumVersoin", error);
    }

    [Fact]
    public void Unknown_json_field_is_reported_with_its_path()
    {
        const string json = """{ "components": [ { "name": "a", "minimumVersoin": "1" } ] }""";
        var ex = Assert.Throws<CatalogValidationException>(() => ComponentCatalog.Parse(json, CatalogFormat.Json, "typo.json"));
        var error = Assert.Single(ex.Errors);
        Assert.Contains("components[0]", error);
        Assert.Contains("minimumVersoin", error);
    }

    [Theory]
    [InlineData("", CatalogFormat.Yaml)]
    [InlineData("components: []", CatalogFormat.Yaml)]
    [InlineData("schemaVersion: 2\ncomponents: [ { name: a, category: Storage, minimumVersion: '1', workloads: [ { kind: Deployment, name: a } ] } ]", CatalogFormat.Yaml)]
    [InlineData("{ \"components\": [ ] }", CatalogFormat.Json)]
    [InlineData("{ \"components\": [ { \"name\": \"a\", \"minimumVersion\": 1.2 } ] }", CatalogFormat.Json)]
    [InlineData("components: [ { name: a", CatalogFormat.Yaml)]
    public void Unusable_catalogs_are_refused(string text, CatalogFormat format)
    {
        var ex = Assert.Throws<CatalogValidationException>(() => ComponentCatalog.Parse(text, format, "x"));
        Assert.NotEmpty(ex.Errors);
    }
}
