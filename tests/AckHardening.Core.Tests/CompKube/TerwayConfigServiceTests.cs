using System.Text.Json.Nodes;
using AckHardening.Core.Components;
using AckHardening.Core.KubeAccess;
using AckHardening.Core.Tests.KubeAccess;

namespace AckHardening.Core.Tests.CompKube;

/// <summary>TerwayConfigService: read, plan, backup, replace with the read resourceVersion, and the conflict path.</summary>
public sealed class TerwayConfigServiceTests : IClassFixture<KubernetesSandboxFixture>, IDisposable
{
    private readonly KubernetesSandboxFixture sandbox;
    private readonly string folder = Path.Combine(Path.GetTempPath(), "ack-terway-test-" + Guid.NewGuid().ToString("N"));

    public TerwayConfigServiceTests(KubernetesSandboxFixture sandbox)
    {
        this.sandbox = sandbox;
        sandbox.State.Reset();
    }

    public void Dispose()
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    private TerwayConfigService Service(out KubernetesGateway gateway)
    {
        gateway = sandbox.Gateway(new ListLog());
        // The test scenario's Terway-like DaemonSet is "agent": name it as the variant.
        var catalog = ComponentCatalog.Parse(ComponentCatalog.ReadBuiltInText()
                .Replace("terwayVariants: [terway, terway-eni, terway-eniip]", "terwayVariants: [agent, terway-eni, terway-eniip]")
                .Replace("  - name: terway\n", "  - name: agent\n"),
            CatalogFormat.Yaml, "test");
        return new TerwayConfigService(gateway, catalog, new ListLog());
    }

    [Fact]
    public async Task Repair_adds_credential_path_keeps_other_values_and_writes_a_private_backup_first()
    {
        var service = Service(out var gateway);
        var read = await service.ReadAsync("c-test");
        Assert.False(read.Status.Compliant);
        Assert.Equal("agent", read.Status.Mode);
        var before = JsonNode.Parse(read.ConfigMap!.Data["eni_conf"])!.AsObject();

        var plan = TerwayConfigService.PlanRepair(read);
        Assert.True(plan.Changes);
        var backup = await service.ApplyAsync(plan, folder, DateTimeOffset.UtcNow);

        Assert.True(File.Exists(backup));
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(backup));
        Assert.Contains("min_pool_size", File.ReadAllText(backup));

        var after = await service.ReadAsync("c-test");
        Assert.True(after.Status.Compliant);
        var parsed = JsonNode.Parse(after.ConfigMap!.Data["eni_conf"])!.AsObject();
        Assert.Equal("/var/addon/token-config", (string?)parsed["credential_path"]);
        parsed.Remove("credential_path");
        Assert.True(JsonNode.DeepEquals(before, parsed));
        Assert.Equal("agent", TerwayConfigService.RedeployTargetFor(after)!.Workload.Name);
        gateway.Dispose();
    }

    [Fact]
    public async Task A_concurrent_edit_is_a_conflict_and_is_not_overwritten()
    {
        var service = Service(out var gateway);
        var stale = await service.ReadAsync("c-test");
        var plan = TerwayConfigService.PlanRepair(stale);

        // Someone else changes the ConfigMap after it was read.
        var fresh = await gateway.GetConfigMapAsync("kube-system", "eni-config");
        fresh.Data["other"] = "edited";
        await gateway.ReplaceConfigMapAsync(fresh);

        var e = await Assert.ThrowsAsync<KubernetesConflictException>(() => service.ApplyAsync(plan, folder, DateTimeOffset.UtcNow));
        Assert.Equal(KubernetesErrors.Conflict, e.ErrorId);
        var now = await gateway.GetConfigMapAsync("kube-system", "eni-config");
        Assert.Equal("edited", now.Data["other"]);
        Assert.DoesNotContain("credential_path", now.Data["eni_conf"]);
        gateway.Dispose();
    }

    [Fact]
    public async Task Nothing_to_do_when_already_compliant()
    {
        var service = Service(out var gateway);
        var plan = TerwayConfigService.PlanRepair(await service.ReadAsync("c-test"));
        await service.ApplyAsync(plan, folder, DateTimeOffset.UtcNow);
        var again = TerwayConfigService.PlanRepair(await service.ReadAsync("c-test"));
        Assert.False(again.Changes);
        await Assert.ThrowsAsync<InvalidOperationException>(() => service.ApplyAsync(again, folder, DateTimeOffset.UtcNow));
        gateway.Dispose();
    }
}
