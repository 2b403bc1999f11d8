using System.Text.Json;
using AckHardening.Core.Kubernetes;
using k8s.Models;

namespace AckHardening.Core.Tests.Components;

public class RolloutRestartTests
{
    private static readonly DateTimeOffset Beijing = new(2024, 5, 1, 16, 0, 0, TimeSpan.FromHours(8));

    [Theory]
    [InlineData(8, 0, "2024-05-01T16:00:00+08:00")]
    [InlineData(0, 0, "2024-05-01T16:00:00Z")]
    [InlineData(-5, -30, "2024-05-01T16:00:00-05:30")]
    [InlineData(5, 45, "2024-05-01T16:00:00+05:45")]
    public void Timestamp_is_rfc3339_at_second_precision(int hours, int minutes, string expected)
    {
        var at = new DateTimeOffset(2024, 5, 1, 16, 0, 0, 999, new TimeSpan(hours, minutes, 0));
        Assert.Equal(expected, RolloutRestart.FormatTimestamp(at));
    }

    [Fact]
    public void Patch_body_is_exactly_what_kubectl_sends()
    {
        var plan = RolloutRestart.Plan(new V1Deployment { Metadata = new() { Name = "metrics-server", NamespaceProperty = "kube-system" }, Spec = new() }, Beijing);
        Assert.Equal(RestartOutcome.Patch, plan.Outcome);
        Assert.True(plan.RollsPods);
        Assert.Equal("""{"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"2024-05-01T16:00:00+08:00"}}}}}""", plan.PatchBody);
        Assert.Equal("2024-05-01T16:00:00+08:00", plan.RestartedAt);
        using var parsed = JsonDocument.Parse(plan.PatchBody!);
        Assert.Equal(plan.RestartedAt, parsed.RootElement.GetProperty("spec").GetProperty("template").GetProperty("metadata")
            .GetProperty("annotations").GetProperty(RolloutRestart.AnnotationKey).GetString());
        Assert.Equal("application/strategic-merge-patch+json", RolloutRestart.PatchContentType);
        Assert.Equal("kubectl-rollout", RolloutRestart.FieldManager);
    }

    [Fact]
    public void Paused_deployment_is_refused()
    {
        var plan = RolloutRestart.Plan(new V1Deployment { Metadata = new() { Name = "d", NamespaceProperty = "ns" }, Spec = new() { Paused = true } }, Beijing);
        Assert.Equal(RestartOutcome.RefusedPaused, plan.Outcome);
        Assert.False(plan.CanPatch);
        Assert.Null(plan.PatchBody);
        Assert.Contains("paused", plan.Message);
    }

    [Fact]
    public void Same_second_restart_is_refused()
    {
        var deployment = new V1Deployment
        {
            Metadata = new() { Name = "d" },
            Spec = new()
            {
                Template = new() { Metadata = new() { Annotations = new Dictionary<string, string> { [RolloutRestart.AnnotationKey] = "2024-05-01T16:00:00+08:00" } } },
            },
        };
        Assert.Equal(RestartOutcome.RefusedAlreadyRestarted, RolloutRestart.Plan(deployment, Beijing).Outcome);
        Assert.Equal(RestartOutcome.Patch, RolloutRestart.Plan(deployment, Beijing.AddSeconds(1)).Outcome);
    }

    [Theory]
    [InlineData("OnDelete", RestartOutcome.PatchWithoutRollout)]
    [InlineData("RollingUpdate", RestartOutcome.Patch)]
    [InlineData(null, RestartOutcome.Patch)]
    public void OnDelete_daemonset_and_statefulset_are_flagged(string? strategy, RestartOutcome expected)
    {
        var ds = new V1DaemonSet { Metadata = new() { Name = "terway-eniip", NamespaceProperty = "kube-system" }, Spec = new() { UpdateStrategy = new() { Type = strategy } } };
        var dsPlan = RolloutRestart.Plan(ds, Beijing);
        Assert.Equal(expected, dsPlan.Outcome);
        Assert.True(dsPlan.CanPatch);
        Assert.NotNull(dsPlan.PatchBody);
        Assert.Equal(expected == RestartOutcome.Patch, dsPlan.RollsPods);
        if (expected == RestartOutcome.PatchWithoutRollout)
            Assert.Contains("OnDelete", dsPlan.Message);

        var sts = new V1StatefulSet { Metadata = new() { Name = "s" }, Spec = new() { UpdateStrategy = new() { Type = strategy } } };
        Assert.Equal(expected, RolloutRestart.Plan(sts, Beijing).Outcome);
    }

    [Fact]
    public void Patch_value_must_be_a_plain_timestamp() =>
        Assert.Throws<ArgumentException>(() => RolloutRestart.BuildPatch("x\"y"));
}
