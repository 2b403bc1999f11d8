using System.Text.Json.Nodes;

namespace AckHardening.Sandbox.Kubernetes;

/// <summary>
/// Derives a workload's <c>status</c> from its spec, its <see cref="WorkloadRollout"/> and simulated time, the way the
/// Deployment, DaemonSet and StatefulSet controllers would report it. Pure: reading status never changes state.
/// Model: the controller sees a new generation after <see cref="RolloutBehavior.ObserveLagSeconds"/>; then one pod is
/// replaced every <see cref="RolloutBehavior.SecondsPerReplica"/> (Deployments surge one pod, DaemonSets and
/// StatefulSets take one pod down at a time). A stalled rollout keeps its first new pod unavailable forever.
/// </summary>
internal static class RolloutSimulator
{
    private readonly record struct Progress(bool Observed, bool InFlight, int Replaced, int Total, DateTimeOffset? DoneAt);

    public static JsonObject Status(ResourceType type, JsonObject obj, WorkloadRollout rollout, int nodeCount, DateTimeOffset now)
    {
        var spec = obj["spec"] as JsonObject ?? new JsonObject();
        var generation = (long?)obj["metadata"]?["generation"] ?? 1;
        if (type == ResourceType.Deployment) return Deployment(obj, spec, generation, rollout, now);
        if (type == ResourceType.DaemonSet) return DaemonSet(spec, generation, rollout, nodeCount, now);
        return StatefulSet(obj, spec, generation, rollout, now);
    }

    private static int Replicas(JsonObject spec) => (int?)spec["replicas"] ?? 1;

    private static bool OnDelete(JsonObject spec) => (string?)spec["updateStrategy"]?["type"] == "OnDelete";

    private static Progress Measure(WorkloadRollout r, int total, DateTimeOffset now, bool blocked)
    {
        if (r.Start is not { } start || r.CurrentHash == r.TargetHash) return new(true, false, total, total, r.Start);
        var elapsed = (now - start).TotalSeconds;
        if (elapsed < RolloutBehavior.ObserveLagSeconds) return new(false, true, 0, total, null);
        if (blocked) return new(true, true, 0, total, null);
        if (r.Behavior.Stalls) return new(true, total > 0, 0, total, total > 0 ? null : start);
        var perPod = Math.Max(r.Behavior.SecondsPerReplica, 0.001);
        var replaced = (int)Math.Min(total, Math.Floor((elapsed - RolloutBehavior.ObserveLagSeconds) / perPod));
        if (replaced < total) return new(true, true, replaced, total, null);
        return new(true, false, total, total, start.AddSeconds(RolloutBehavior.ObserveLagSeconds + total * perPod));
    }

    private static JsonObject Deployment(JsonObject obj, JsonObject spec, long generation, WorkloadRollout r, DateTimeOffset now)
    {
        var n = Replicas(spec);
        var paused = (bool?)spec["paused"] ?? false;
        var p = Measure(r, n, now, blocked: paused);
        var name = (string?)obj["metadata"]?["name"] ?? "";
        var rsName = $"{name}-{(p.InFlight && (paused || !p.Observed) ? r.CurrentHash : r.TargetHash)}";
        var since = r.Start ?? r.Created;

        int replicas = n, updated = n, available = n;
        JsonObject progressing;
        if (!p.InFlight)
        {
            progressing = Condition("Progressing", "True", "NewReplicaSetAvailable", $"ReplicaSet \"{rsName}\" has successfully progressed.", p.DoneAt ?? since);
        }
        else if (!p.Observed)
        {
            // The controller has not seen the change yet: the old, complete picture.
            progressing = Condition("Progressing", "True", "NewReplicaSetAvailable", $"ReplicaSet \"{name}-{r.CurrentHash}\" has successfully progressed.", r.Created);
        }
        else if (paused)
        {
            updated = 0;
            progressing = Condition("Progressing", "Unknown", "DeploymentPaused", "Deployment is paused", since);
        }
        else if (r.Behavior.Stalls)
        {
            // One surge pod of the new ReplicaSet exists and never becomes available.
            replicas = n + 1;
            updated = 1;
            var deadline = (int?)spec["progressDeadlineSeconds"] ?? 600;
            var deadlineAt = since.AddSeconds(deadline);
            progressing = r.Behavior.ExceedsProgressDeadline && now >= deadlineAt
                ? Condition("Progressing", "False", "ProgressDeadlineExceeded", $"ReplicaSet \"{rsName}\" has timed out progressing.", deadlineAt)
                : Condition("Progressing", "True", "ReplicaSetUpdated", $"ReplicaSet \"{rsName}\" is progressing.", since);
        }
        else
        {
            // Surge of one: the replaced pods plus one starting, the rest still old.
            replicas = n + 1;
            updated = Math.Min(n, p.Replaced + 1);
            progressing = Condition("Progressing", "True", "ReplicaSetUpdated", $"ReplicaSet \"{rsName}\" is progressing.", since);
        }

        var status = new JsonObject
        {
            ["observedGeneration"] = p.Observed ? generation : r.PreviousObservedGeneration,
            ["replicas"] = replicas,
            ["updatedReplicas"] = updated,
            ["readyReplicas"] = available,
            ["availableReplicas"] = available,
        };
        if (replicas - available > 0) status["unavailableReplicas"] = replicas - available;
        status["conditions"] = new JsonArray(
            Condition("Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.", r.Created),
            progressing);
        return status;
    }

    private static JsonObject DaemonSet(JsonObject spec, long generation, WorkloadRollout r, int nodeCount, DateTimeOffset now)
    {
        var desired = r.Behavior.DesiredNumberScheduled ?? nodeCount;
        var p = Measure(r, desired, now, blocked: OnDelete(spec));
        int updated = desired, available = desired;
        if (p.InFlight && p.Observed)
        {
            if (OnDelete(spec)) updated = 0;                    // pods are only replaced when someone deletes them
            else if (r.Behavior.Stalls) { updated = 1; available = desired - 1; }
            else { updated = Math.Min(desired, p.Replaced + 1); available = desired - 1; }
        }
        var status = new JsonObject
        {
            ["currentNumberScheduled"] = desired,
            ["numberMisscheduled"] = 0,
            ["desiredNumberScheduled"] = desired,
            ["numberReady"] = available,
            ["observedGeneration"] = p.Observed ? generation : r.PreviousObservedGeneration,
            ["updatedNumberScheduled"] = updated,
            ["numberAvailable"] = available,
        };
        if (desired - available > 0) status["numberUnavailable"] = desired - available;
        return status;
    }

    private static JsonObject StatefulSet(JsonObject obj, JsonObject spec, long generation, WorkloadRollout r, DateTimeOffset now)
    {
        var n = Replicas(spec);
        var name = (string?)obj["metadata"]?["name"] ?? "";
        var p = Measure(r, n, now, blocked: OnDelete(spec));
        int ready = n, updated = n;
        var current = r.CurrentHash;
        if (p.InFlight && p.Observed)
        {
            if (OnDelete(spec)) updated = 0;
            else if (r.Behavior.Stalls) { updated = 1; ready = n - 1; }
            else { updated = p.Replaced; ready = n - 1; }       // one ordinal at a time is down
        }
        else if (!p.InFlight) current = r.TargetHash;
        return new JsonObject
        {
            ["observedGeneration"] = p.Observed ? generation : r.PreviousObservedGeneration,
            ["replicas"] = n,
            ["readyReplicas"] = ready,
            ["currentReplicas"] = n - (p.InFlight && p.Observed ? updated : 0),
            ["updatedReplicas"] = updated,
            ["currentRevision"] = $"{name}-{current}",
            ["updateRevision"] = $"{name}-{(p.Observed ? r.TargetHash : r.CurrentHash)}",
            ["collisionCount"] = 0,
            ["availableReplicas"] = ready,
        };
    }

    private static JsonObject Condition(string type, string status, string reason, string message, DateTimeOffset at) => new()
    {
        ["type"] = type,
        ["status"] = status,
        ["lastUpdateTime"] = KubeJson.Time(at),
        ["lastTransitionTime"] = KubeJson.Time(at),
        ["reason"] = reason,
        ["message"] = message,
    };
}
