using AckHardening.Components;
using AckHardening.Core.Components;
using AckHardening.Core.Tests.KubeAccess;
using AckHardening.Sandbox.Kubernetes;

namespace AckHardening.Core.Tests.CompKube;

/// <summary>RedeployService against the emulated API server on a fake clock: the kubectl patch, the rollout rules, skips and failures.</summary>
public sealed class RedeployServiceTests : IClassFixture<KubernetesSandboxFixture>
{
    private readonly KubernetesSandboxFixture sandbox;
    private static readonly RedeployOptions Options = new() { PollInterval = TimeSpan.FromSeconds(2), Timeout = TimeSpan.FromMinutes(5) };

    public RedeployServiceTests(KubernetesSandboxFixture sandbox)
    {
        this.sandbox = sandbox;
        sandbox.State.Reset();
        lock (sandbox.Requests) sandbox.Requests.Clear();
    }

    private static RedeployTarget Target(WorkloadKind kind, string name, string ns = "kube-system") =>
        new("c-test", "comp", new AckWorkloadReference(ns, kind, name));

    private RedeployService Service(ListLog log) =>
        new(sandbox.Gateway(log), log) { Now = () => new DateTimeOffset(2025, 5, 1, 16, 0, 0, TimeSpan.FromHours(8)) + (sandbox.Clock.Now - DateTimeOffset.UnixEpoch) };

    private int Writes() { lock (sandbox.Requests) return sandbox.Requests.Count(r => r.IsWrite); }

    [Fact]
    public async Task Deployment_is_restarted_with_the_kubectl_patch_and_waited_for_until_rolled_out()
    {
        var log = new ListLog();
        var service = Service(log);
        var prepared = await service.PrepareAsync(Target(WorkloadKind.Deployment, "web"));
        Assert.True(prepared.CanRestart);
        Assert.Equal(0, Writes());

        var outcome = await service.RestartAndWaitAsync(prepared, Options);
        Assert.Equal(RedeployStatus.Succeeded, outcome.Result.Status);
        Assert.Null(outcome.Problem);
        Assert.Equal(3, outcome.Result.Ready);
        Assert.Equal(3, outcome.Result.Desired);
        Assert.True(outcome.Result.Duration >= TimeSpan.FromSeconds(30), $"3 replicas at 10 s each, took {outcome.Result.Duration}");
        Assert.Equal(1, Writes());
        KubernetesRequestRecord patch;
        lock (sandbox.Requests) patch = sandbox.Requests.Single(r => r.IsWrite);
        Assert.Equal("PATCH", patch.Method);
        Assert.Contains(log.Lines, l => l.StartsWith("PROGRESS ", StringComparison.Ordinal));

        var gateway = sandbox.Gateway(new ListLog());
        var web = await gateway.GetDeploymentAsync("kube-system", "web");
        Assert.Equal(outcome.Result.RestartedAt, web.Spec.Template.Metadata.Annotations["kubectl.kubernetes.io/restartedAt"]);
        Assert.Equal(2, web.Metadata.Generation);
        Assert.Contains(web.Metadata.ManagedFields, f => f.Manager == "kubectl-rollout");
    }

    [Fact]
    public async Task DaemonSet_rolls_node_by_node()
    {
        var service = Service(new ListLog());
        var outcome = await service.RestartAndWaitAsync(await service.PrepareAsync(Target(WorkloadKind.DaemonSet, "agent")), Options);
        Assert.Equal(RedeployStatus.Succeeded, outcome.Result.Status);
        Assert.Equal(3, outcome.Result.Desired);
    }

    [Fact]
    public async Task Paused_deployment_and_OnDelete_daemonset_are_skipped_without_a_write()
    {
        var service = Service(new ListLog());
        var paused = await service.PrepareAsync(Target(WorkloadKind.Deployment, "held"));
        Assert.False(paused.CanRestart);
        Assert.Equal(RedeployStatus.Skipped, paused.Skipped!.Status);
        Assert.Equal(RedeployErrorIds.WorkloadPaused, paused.Problem!.ErrorId);

        var onDelete = await service.PrepareAsync(Target(WorkloadKind.DaemonSet, "legacy"));
        Assert.Equal(RedeployStatus.Skipped, onDelete.Skipped!.Status);
        Assert.Equal(RedeployErrorIds.WorkloadOnDelete, onDelete.Problem!.ErrorId);

        var missing = await service.PrepareAsync(Target(WorkloadKind.Deployment, "not-there"));
        Assert.Equal(RedeployStatus.Skipped, missing.Skipped!.Status);
        Assert.Equal(RedeployErrorIds.WorkloadNotFound, missing.Problem!.ErrorId);

        await Assert.ThrowsAsync<InvalidOperationException>(() => service.RestartAndWaitAsync(paused, Options));
        Assert.Equal(0, Writes());
    }

    [Fact]
    public async Task A_rollout_that_never_becomes_available_times_out()
    {
        var service = Service(new ListLog());
        var outcome = await service.RestartAndWaitAsync(await service.PrepareAsync(Target(WorkloadKind.Deployment, "stuck")),
            Options with { Timeout = TimeSpan.FromSeconds(30) });
        Assert.Equal(RedeployStatus.TimedOut, outcome.Result.Status);
        Assert.Equal(RedeployErrorIds.RolloutTimedOut, outcome.Problem!.ErrorId);
        Assert.True(outcome.StopsSequence);
    }

    [Fact]
    public async Task Progress_deadline_exceeded_is_a_failure_before_the_timeout()
    {
        var service = Service(new ListLog());
        var outcome = await service.RestartAndWaitAsync(await service.PrepareAsync(Target(WorkloadKind.Deployment, "deadline")), Options);
        Assert.Equal(RedeployStatus.Failed, outcome.Result.Status);
        Assert.Equal(RedeployErrorIds.RolloutFailed, outcome.Problem!.ErrorId);
        Assert.Contains("progress deadline", outcome.Problem.Message);
        Assert.True(outcome.Result.Duration < Options.Timeout);
    }

    [Fact]
    public void Targets_come_from_the_catalog_or_the_given_list_without_duplicates()
    {
        var catalog = ComponentCatalog.LoadBuiltIn();
        var storage = RedeployTargets.For("c", "storage-operator", null, catalog);
        Assert.Contains(storage, t => t.Workload.Name == "storage-operator");
        Assert.All(storage, t => Assert.Equal("storage-operator", t.Component));

        var given = RedeployTargets.For("c", "x", [new AckWorkloadReference("kube-system", WorkloadKind.Deployment, "a"), new AckWorkloadReference("kube-system", WorkloadKind.Deployment, "a")], catalog);
        Assert.Single(given);
        var e = Assert.Throws<Errors.AckException>(() => RedeployTargets.For("c", "no-such-component", null, catalog));
        Assert.Equal(RedeployErrorIds.ComponentUnknown, e.ErrorId);
    }
}
