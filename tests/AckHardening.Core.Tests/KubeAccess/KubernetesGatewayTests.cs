using System.Text;
using System.Text.Json;
using AckHardening.Core.Errors;
using AckHardening.Core.KubeAccess;
using k8s.Models;

namespace AckHardening.Core.Tests.KubeAccess;

public sealed class KubernetesGatewayTests : IClassFixture<KubernetesSandboxFixture>
{
    private readonly KubernetesSandboxFixture sandbox;

    /// <summary>xunit builds the class once per test: every test starts from the scenario as loaded.</summary>
    public KubernetesGatewayTests(KubernetesSandboxFixture sandbox)
    {
        this.sandbox = sandbox;
        sandbox.State.Reset();
        lock (sandbox.Requests) sandbox.Requests.Clear();
    }

    private const string RestartPatch = """{"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"2025-05-01T16:00:00+08:00"}}}}}""";
    private static readonly RolloutWaitOptions Wait = new() { PollInterval = TimeSpan.FromSeconds(2), Timeout = TimeSpan.FromMinutes(10) };

    [Fact]
    public async Task Reads_and_lists_workloads_nodes_and_pods()
    {
        using var gateway = sandbox.Gateway(new ListLog());

        var web = await gateway.GetDeploymentAsync("kube-system", "web");
        Assert.Equal(3, web.Spec.Replicas);
        Assert.Equal("registry/acs/web:v1.0.0", web.Spec.Template.Spec.Containers.Single().Image);
        Assert.Equal(1, web.Metadata.Generation);
        Assert.Equal(1, web.Status.ObservedGeneration);
        Assert.Equal(3, web.Status.AvailableReplicas);
        Assert.False(string.IsNullOrEmpty(web.Metadata.ResourceVersion));
        Assert.NotNull(web.Metadata.CreationTimestamp);

        var deployments = await gateway.ListDeploymentsAsync("kube-system");
        Assert.Equal(["deadline", "held", "stuck", "web"], deployments.Select(d => d.Metadata.Name).Order().ToArray());
        Assert.Single(await gateway.ListStatefulSetsAsync());
        var agent = (await gateway.ListDaemonSetsAsync("kube-system")).Single(d => d.Metadata.Name == "agent");
        Assert.Equal(3, agent.Status.DesiredNumberScheduled);

        Assert.Equal(3, (await gateway.ListNodesAsync()).Count);
        Assert.Equal(["node-a", "node-b"], (await gateway.ListNodesAsync("alibabacloud.com/nodepool-id=np-one")).Select(n => n.Metadata.Name).ToArray());
        Assert.Equal("agent-x1", (await gateway.ListPodsAsync("kube-system", "app=agent")).Single().Metadata.Name);
        Assert.Empty(await gateway.ListPodsAsync("kube-system", "app!=agent,app!=web"));
    }

    [Fact]
    public async Task Restart_patch_bumps_generation_and_the_rollout_converges_in_simulated_time()
    {
        var log = new ListLog();
        using var gateway = sandbox.Gateway(log);
        var workload = new WorkloadReference(WorkloadKind.Deployment, "kube-system", "web");

        var patched = (V1Deployment)await gateway.PatchWorkloadAsync(workload, RestartPatch);
        Assert.Equal(2, patched.Metadata.Generation);
        Assert.Equal("2025-05-01T16:00:00+08:00", patched.Spec.Template.Metadata.Annotations["kubectl.kubernetes.io/restartedAt"]);
        Assert.Equal(1, patched.Status.ObservedGeneration);                // the controller has not looked yet
        Assert.Contains(patched.Metadata.ManagedFields, f => f.Manager == KubernetesGateway.RolloutFieldManager);
        Assert.Equal("2", patched.Metadata.Annotations["deployment.kubernetes.io/revision"]);
        lock (sandbox.Requests)
            Assert.Contains(sandbox.Requests, r => r.Action == "PatchNamespacedDeployment" && r.FieldManager == "kubectl-rollout"
                && r.ContentType!.StartsWith("application/strategic-merge-patch+json", StringComparison.Ordinal));

        var result = await gateway.WaitForRolloutAsync(workload, KubectlLikeProbe.Evaluate, Wait);

        Assert.Equal(RolloutWaitOutcome.Done, result.Outcome);
        Assert.InRange(result.Elapsed, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(34));   // 1 s to observe + 3 × 10 s
        Assert.True(result.Polls > 3);
        var done = (V1Deployment)result.LastSnapshot;
        Assert.Equal(2, done.Status.ObservedGeneration);
        Assert.Equal(3, done.Status.UpdatedReplicas);
        Assert.Contains(log.Lines, l => l.StartsWith("VERBOSE kube-system/deployment/web: 1 of 3 updated", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DaemonSet_and_StatefulSet_restarts_converge()
    {
        using var gateway = sandbox.Gateway(new ListLog());
        var agent = new WorkloadReference(WorkloadKind.DaemonSet, "kube-system", "agent");
        await gateway.PatchWorkloadAsync(agent, RestartPatch);
        var ds = await gateway.WaitForRolloutAsync(agent, KubectlLikeProbe.Evaluate, Wait);
        Assert.Equal(RolloutWaitOutcome.Done, ds.Outcome);
        Assert.Equal(3, ((V1DaemonSet)ds.LastSnapshot).Status.UpdatedNumberScheduled);

        var db = new WorkloadReference(WorkloadKind.StatefulSet, "default", "db");
        var before = await gateway.GetStatefulSetAsync("default", "db");
        await gateway.PatchWorkloadAsync(db, RestartPatch);
        var sts = await gateway.WaitForRolloutAsync(db, KubectlLikeProbe.Evaluate, Wait);
        Assert.Equal(RolloutWaitOutcome.Done, sts.Outcome);
        var after = (V1StatefulSet)sts.LastSnapshot;
        Assert.NotEqual(before.Status.CurrentRevision, after.Status.CurrentRevision);
        Assert.Equal(after.Status.UpdateRevision, after.Status.CurrentRevision);
    }

    [Fact]
    public async Task OnDelete_daemonset_and_paused_deployment_accept_the_patch_but_do_not_roll()
    {
        using var gateway = sandbox.Gateway(new ListLog());
        await gateway.PatchWorkloadAsync(new WorkloadReference(WorkloadKind.DaemonSet, "kube-system", "legacy"), RestartPatch);
        await gateway.PatchWorkloadAsync(new WorkloadReference(WorkloadKind.Deployment, "kube-system", "held"), RestartPatch);
        sandbox.Clock.Advance(TimeSpan.FromMinutes(30));

        var legacy = await gateway.GetDaemonSetAsync("kube-system", "legacy");
        Assert.Equal(2, legacy.Status.ObservedGeneration);
        Assert.Equal(0, legacy.Status.UpdatedNumberScheduled);
        Assert.Equal(3, legacy.Status.NumberAvailable);

        var held = await gateway.GetDeploymentAsync("kube-system", "held");
        Assert.Equal(2, held.Status.ObservedGeneration);
        Assert.Equal(0, held.Status.UpdatedReplicas ?? 0);
        Assert.Contains(held.Status.Conditions, c => c.Type == "Progressing" && c.Reason == "DeploymentPaused");
    }

    [Fact]
    public async Task A_never_available_rollout_times_out()
    {
        using var gateway = sandbox.Gateway(new ListLog());
        var stuck = new WorkloadReference(WorkloadKind.Deployment, "kube-system", "stuck");
        await gateway.PatchWorkloadAsync(stuck, RestartPatch);

        var result = await gateway.WaitForRolloutAsync(stuck, KubectlLikeProbe.Evaluate, new RolloutWaitOptions { PollInterval = TimeSpan.FromSeconds(5), Timeout = TimeSpan.FromMinutes(3) });

        Assert.Equal(RolloutWaitOutcome.TimedOut, result.Outcome);
        Assert.Equal(TimeSpan.FromMinutes(3), result.Elapsed);
        var last = (V1Deployment)result.LastSnapshot;
        Assert.Equal(1, last.Status.UpdatedReplicas);
        Assert.Equal(1, last.Status.UnavailableReplicas);
    }

    [Fact]
    public async Task A_rollout_past_its_progress_deadline_fails_with_the_controller_condition()
    {
        using var gateway = sandbox.Gateway(new ListLog());
        var deadline = new WorkloadReference(WorkloadKind.Deployment, "kube-system", "deadline");
        await gateway.PatchWorkloadAsync(deadline, RestartPatch);

        sandbox.Clock.Advance(TimeSpan.FromSeconds(60));
        var early = await gateway.GetDeploymentAsync("kube-system", "deadline");
        Assert.Contains(early.Status.Conditions, c => c.Type == "Progressing" && c.Reason == "ReplicaSetUpdated");

        var result = await gateway.WaitForRolloutAsync(deadline, KubectlLikeProbe.Evaluate, Wait);
        Assert.Equal(RolloutWaitOutcome.Failed, result.Outcome);
        var condition = ((V1Deployment)result.LastSnapshot).Status.Conditions.Single(c => c.Type == "Progressing");
        Assert.Equal(("False", "ProgressDeadlineExceeded"), (condition.Status, condition.Reason));
        Assert.InRange(result.Elapsed, TimeSpan.FromSeconds(58), TimeSpan.FromSeconds(62));   // 120 s deadline, 60 s already gone
    }

    [Fact]
    public async Task ConfigMap_replace_checks_the_resource_version()
    {
        using var gateway = sandbox.Gateway(new ListLog());
        var first = await gateway.GetConfigMapAsync("kube-system", "eni-config");
        var stale = await gateway.GetConfigMapAsync("kube-system", "eni-config");
        Assert.Equal(first.Metadata.ResourceVersion, stale.Metadata.ResourceVersion);

        first.Data["eni_conf"] = first.Data["eni_conf"].Replace("\"min_pool_size\": 0", "\"min_pool_size\": 0,\n  \"credential_path\": \"/var/addon/token-config\"");
        var saved = await gateway.ReplaceConfigMapAsync(first, "ack-hardening");
        Assert.NotEqual(stale.Metadata.ResourceVersion, saved.Metadata.ResourceVersion);
        Assert.Contains("credential_path", saved.Data["eni_conf"]);

        stale.Data["eni_conf"] = "{}";
        var conflict = await Assert.ThrowsAsync<KubernetesConflictException>(() => gateway.ReplaceConfigMapAsync(stale));
        Assert.Equal("AckKubernetesConflict", conflict.ErrorId);
        Assert.Contains("the object has been modified", conflict.Message);
        Assert.Contains("credential_path", (await gateway.GetConfigMapAsync("kube-system", "eni-config")).Data["eni_conf"]);
    }

    [Fact]
    public async Task Secrets_come_back_base64_encoded_with_the_token_file()
    {
        using var gateway = sandbox.Gateway(new ListLog());
        var secret = await gateway.GetSecretAsync("kube-system", "addon.network.token");
        using var doc = JsonDocument.Parse(Encoding.UTF8.GetString(secret.Data["addon.token.config"]));
        Assert.Equal("AliyunCSManagedNetworkRole", doc.RootElement.GetProperty("error").GetProperty("roleName").GetString());
    }

    [Fact]
    public async Task Wrong_token_is_unauthorized_and_unknown_objects_are_not_found()
    {
        var log = new ListLog();
        using (var intruder = sandbox.Gateway(log, token: "not-the-token-9x8y7z"))
        {
            var e = await Assert.ThrowsAsync<AckException>(() => intruder.GetDeploymentAsync("kube-system", "web"));
            Assert.Equal("AckKubernetesUnauthorized", e.ErrorId);
            Assert.Equal(AckErrorKind.AuthenticationError, e.Kind);
            Assert.DoesNotContain("not-the-token", e.Message);
        }

        using var gateway = sandbox.Gateway(log);
        var missing = await Assert.ThrowsAsync<AckException>(() => gateway.GetDeploymentAsync("kube-system", "nope"));
        Assert.Equal("AckKubernetesNotFound", missing.ErrorId);
        Assert.Contains("deployments.apps \"nope\" not found", missing.Message);
        var missingCm = await Assert.ThrowsAsync<AckException>(() => gateway.GetConfigMapAsync("kube-system", "nope"));
        Assert.Equal("AckKubernetesNotFound", missingCm.ErrorId);
        var missingPatch = await Assert.ThrowsAsync<AckException>(() => gateway.PatchWorkloadAsync(new(WorkloadKind.DaemonSet, "kube-system", "terway"), RestartPatch));
        Assert.Equal("AckKubernetesNotFound", missingPatch.ErrorId);
    }

    [Fact]
    public async Task Debug_log_has_verb_path_status_and_elapsed_but_never_the_token()
    {
        var log = new ListLog();
        using (var gateway = sandbox.Gateway(log))
        {
            await gateway.GetDeploymentAsync("kube-system", "web");
            await gateway.PatchWorkloadAsync(new(WorkloadKind.Deployment, "kube-system", "web"), RestartPatch.Replace("16:00:00", "16:30:00"));
            await Assert.ThrowsAsync<AckException>(() => gateway.GetSecretAsync("kube-system", "missing"));
        }
        using (var bad = sandbox.Gateway(log, token: "wrong-token-1q2w3e"))
            await Assert.ThrowsAsync<AckException>(() => bad.ListNodesAsync());

        var lines = log.Lines.ToArray();
        Assert.Contains(lines, l => l.StartsWith("DEBUG Kubernetes GET /apis/apps/v1/namespaces/kube-system/deployments/web -> 200 OK (", StringComparison.Ordinal) && l.EndsWith(" ms)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("DEBUG Kubernetes PATCH /apis/apps/v1/namespaces/kube-system/deployments/web?fieldManager=kubectl-rollout -> 200", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("DEBUG Kubernetes GET /api/v1/namespaces/kube-system/secrets/missing -> 404", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("/api/v1/nodes") && l.Contains("-> 401"));
        Assert.DoesNotContain(lines, l => l.Contains(TestScenario.Token) || l.Contains("wrong-token") || l.Contains("Bearer", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Cancellation_stops_calls_and_waits()
    {
        using var gateway = sandbox.Gateway(new ListLog());
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gateway.GetDeploymentAsync("kube-system", "web", cancelled.Token));

        using var later = new CancellationTokenSource();
        var polls = 0;
        var stuck = new WorkloadReference(WorkloadKind.Deployment, "kube-system", "stuck");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gateway.WaitForRolloutAsync(stuck, w =>
        {
            if (++polls == 3) later.Cancel();
            return new RolloutObservation(RolloutState.Waiting, "waiting");
        }, Wait, later.Token));
        Assert.Equal(3, polls);
    }
}
