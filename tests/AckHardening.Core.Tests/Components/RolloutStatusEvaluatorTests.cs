using AckHardening.Core.Kubernetes;
using k8s.Models;

namespace AckHardening.Core.Tests.Components;

public class RolloutStatusEvaluatorTests
{
    private static V1Deployment Deployment(long generation, long observed, int? replicas, int updated, int current, int available,
        string? progressingReason = null, string? revision = null) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "metrics-server",
            Generation = generation,
            Annotations = revision is null ? null : new Dictionary<string, string> { [RolloutStatusEvaluator.RevisionAnnotation] = revision },
        },
        Spec = new V1DeploymentSpec { Replicas = replicas },
        Status = new V1DeploymentStatus
        {
            ObservedGeneration = observed,
            UpdatedReplicas = updated,
            Replicas = current,
            AvailableReplicas = available,
            Conditions = progressingReason is null ? null : [new V1DeploymentCondition { Type = "Progressing", Status = "False", Reason = progressingReason }],
        },
    };

    // generation, observed, spec.replicas, updated, replicas, available, Progressing reason, state, message fragment
    public static TheoryData<long, long, int?, int, int, int, string?, RolloutState, string> DeploymentCases => new()
    {
        { 3, 2, 2, 2, 2, 2, null, RolloutState.InProgress, "observe the spec update" },
        { 3, 3, 2, 2, 2, 2, "ProgressDeadlineExceeded", RolloutState.Failed, "exceeded its progress deadline" },
        // The deadline is checked only once the generation is observed.
        { 4, 3, 2, 2, 2, 2, "ProgressDeadlineExceeded", RolloutState.InProgress, "observe the spec update" },
        { 3, 3, 3, 1, 3, 1, "ReplicaSetUpdated", RolloutState.InProgress, "1 of 3 new replicas updated" },
        { 3, 3, 2, 2, 3, 2, null, RolloutState.InProgress, "1 old replicas pending termination" },
        { 3, 3, 2, 2, 2, 1, null, RolloutState.InProgress, "1 of 2 updated replicas available" },
        { 3, 3, 2, 2, 2, 2, "NewReplicaSetAvailable", RolloutState.Complete, "rolled out" },
        { 3, 4, 2, 2, 2, 2, null, RolloutState.Complete, "rolled out" },
        // spec.replicas unset: the updated < replicas check is skipped.
        { 1, 1, null, 1, 1, 1, null, RolloutState.Complete, "rolled out" },
        { 1, 1, 0, 0, 0, 0, null, RolloutState.Complete, "rolled out" },
    };

    [Theory]
    [MemberData(nameof(DeploymentCases))]
    public void Deployment_rules(long generation, long observed, int? replicas, int updated, int current, int available, string? reason, RolloutState state, string message)
    {
        var result = RolloutStatusEvaluator.Evaluate(Deployment(generation, observed, replicas, updated, current, available, reason));
        Assert.Equal(state, result.State);
        Assert.Contains(message, result.Message);
        Assert.Equal(state != RolloutState.InProgress, result.Done);
        Assert.Equal(state == RolloutState.Failed, result.Failed);
    }

    [Fact]
    public void Deployment_ready_and_desired()
    {
        var result = RolloutStatusEvaluator.Evaluate(Deployment(3, 3, 3, 2, 3, 1));
        Assert.Equal(1, result.Ready);
        Assert.Equal(3, result.Desired);
    }

    [Theory]
    [InlineData("5", 5, RolloutState.Complete)]
    [InlineData("4", 5, RolloutState.Failed)]
    [InlineData(null, 5, RolloutState.Failed)]
    public void Deployment_revision_check(string? annotation, long wanted, RolloutState state) =>
        Assert.Equal(state, RolloutStatusEvaluator.Evaluate(Deployment(1, 1, 1, 1, 1, 1, revision: annotation), wanted).State);

    private static V1DaemonSet DaemonSet(string? strategy, long generation, long observed, int desired, int updated, int available) => new()
    {
        Metadata = new V1ObjectMeta { Name = "terway-eniip", Generation = generation },
        Spec = new V1DaemonSetSpec { UpdateStrategy = new V1DaemonSetUpdateStrategy { Type = strategy } },
        Status = new V1DaemonSetStatus { ObservedGeneration = observed, DesiredNumberScheduled = desired, UpdatedNumberScheduled = updated, NumberAvailable = available },
    };

    // strategy, generation, observed, desired, updated, available, state, message
    public static TheoryData<string?, long, long, int, int, int, RolloutState, string> DaemonSetCases => new()
    {
        { "OnDelete", 2, 2, 3, 3, 3, RolloutState.NotSupported, "only for the RollingUpdate strategy" },
        { "RollingUpdate", 3, 2, 3, 3, 3, RolloutState.InProgress, "observe the spec update" },
        { "RollingUpdate", 3, 3, 3, 1, 3, RolloutState.InProgress, "1 of 3 new pods updated" },
        { "RollingUpdate", 3, 3, 3, 3, 2, RolloutState.InProgress, "2 of 3 updated pods available" },
        { "RollingUpdate", 3, 3, 3, 3, 3, RolloutState.Complete, "rolled out" },
        { null, 3, 3, 0, 0, 0, RolloutState.Complete, "rolled out" },
    };

    [Theory]
    [MemberData(nameof(DaemonSetCases))]
    public void DaemonSet_rules(string? strategy, long generation, long observed, int desired, int updated, int available, RolloutState state, string message)
    {
        var result = RolloutStatusEvaluator.Evaluate(DaemonSet(strategy, generation, observed, desired, updated, available));
        Assert.Equal(state, result.State);
        Assert.Contains(message, result.Message);
        Assert.Equal(desired, result.Desired);
        Assert.Equal(Math.Min(updated, available), result.Ready);
        Assert.Equal(state is RolloutState.NotSupported or RolloutState.Failed, result.Failed);
        Assert.Equal(state != RolloutState.InProgress, result.Done);
    }

    private static V1StatefulSet StatefulSet(string? strategy, long generation, long? observed, int replicas, int ready, int updated,
        int? partition, string currentRevision, string updateRevision) => new()
    {
        Metadata = new V1ObjectMeta { Name = "db", Generation = generation },
        Spec = new V1StatefulSetSpec
        {
            Replicas = replicas,
            UpdateStrategy = new V1StatefulSetUpdateStrategy
            {
                Type = strategy,
                RollingUpdate = partition is null ? null : new V1RollingUpdateStatefulSetStrategy { Partition = partition },
            },
        },
        Status = new V1StatefulSetStatus
        {
            ObservedGeneration = observed, ReadyReplicas = ready, UpdatedReplicas = updated,
            CurrentRevision = currentRevision, UpdateRevision = updateRevision, Replicas = replicas,
        },
    };

    // strategy, generation, observed, replicas, ready, updated, partition, current rev, update rev, state, message
    // More columns than TheoryData takes, so the rows are plain object arrays.
    public static IEnumerable<object?[]> StatefulSetCases =>
    [
        new object?[] { "OnDelete", 1, 1, 3, 3, 3, null, "r1", "r1", RolloutState.NotSupported, "only for the RollingUpdate strategy" },
        new object?[] { "RollingUpdate", 1, 0, 3, 3, 3, null, "r1", "r1", RolloutState.InProgress, "observe the spec update" },
        new object?[] { "RollingUpdate", 1, null, 3, 3, 3, null, "r1", "r1", RolloutState.InProgress, "observe the spec update" },
        new object?[] { "RollingUpdate", 2, 1, 3, 3, 3, null, "r1", "r1", RolloutState.InProgress, "observe the spec update" },
        new object?[] { "RollingUpdate", 2, 2, 3, 2, 3, null, "r2", "r2", RolloutState.InProgress, "waiting for 1 pods to be ready" },
        new object?[] { "RollingUpdate", 2, 2, 5, 5, 2, 2, "r1", "r2", RolloutState.InProgress, "2 of 3 new pods updated" },
        new object?[] { "RollingUpdate", 2, 2, 5, 5, 3, 2, "r1", "r2", RolloutState.Complete, "partitioned rollout complete" },
        new object?[] { "RollingUpdate", 2, 2, 3, 3, 1, null, "r1", "r2", RolloutState.InProgress, "revision r2" },
        new object?[] { "RollingUpdate", 2, 2, 3, 3, 3, null, "r2", "r2", RolloutState.Complete, "rolled out" },
        new object?[] { "RollingUpdate", 2, 2, 3, 3, 3, 0, "r1", "r2", RolloutState.Complete, "partitioned rollout complete" },
    ];

    [Theory]
    [MemberData(nameof(StatefulSetCases))]
    public void StatefulSet_rules(string? strategy, int generation, int? observed, int replicas, int ready, int updated, int? partition,
        string current, string update, RolloutState state, string message)
    {
        var result = RolloutStatusEvaluator.Evaluate(StatefulSet(strategy, generation, observed, replicas, ready, updated, partition, current, update));
        Assert.Equal(state, result.State);
        Assert.Contains(message, result.Message);
        Assert.Equal(replicas, result.Desired);
        Assert.Equal(ready, result.Ready);
    }
}
