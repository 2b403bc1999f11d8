using System.Text;
using System.Text.Json.Nodes;

namespace AckHardening.Sandbox.Kubernetes;

/// <summary>
/// Turns the short manifests of kubernetes.json into objects as the API server would have stored them: server
/// fields (uid, creationTimestamp, generation), API defaults (selectors, update strategies, progress deadline),
/// and <c>stringData</c> encoded into <c>data</c>. The optional <c>"sandbox"</c> block becomes a <see cref="RolloutBehavior"/>.
/// </summary>
internal sealed class ScenarioObjectNormalizer(string clusterId, DateTimeOffset created)
{
    public (ResourceType, JsonObject, RolloutBehavior?) Namespace(string name) =>
        Normalize(new JsonObject { ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = name } });

    public (ResourceType, JsonObject, RolloutBehavior?) Normalize(JsonObject raw)
    {
        var obj = (JsonObject)raw.DeepClone();
        var kind = (string?)obj["kind"];
        var type = ResourceType.ByKind(kind) ?? throw new InvalidDataException($"kubernetes.json: cluster {clusterId}: unsupported kind '{kind}'.");
        var behavior = ReadBehavior(obj["sandbox"] as JsonObject);
        obj.Remove("sandbox");

        // apiVersion and kind first, as the API server orders them.
        var ordered = new JsonObject { ["apiVersion"] = type.ApiVersion, ["kind"] = type.Kind };
        foreach (var (k, v) in obj.ToList()) { obj.Remove(k); if (k is not ("apiVersion" or "kind")) ordered[k] = v; }
        obj = ordered;

        var meta = obj["metadata"] as JsonObject ?? throw new InvalidDataException($"kubernetes.json: cluster {clusterId}: a {type.Kind} has no metadata.");
        var name = (string?)meta["name"] ?? throw new InvalidDataException($"kubernetes.json: cluster {clusterId}: a {type.Kind} has no metadata.name.");
        if (type.Namespaced) meta["namespace"] = (string?)meta["namespace"] ?? "default";
        else meta.Remove("namespace");
        meta["uid"] = KubeJson.Uid(clusterId, type.Kind, (string?)meta["namespace"] ?? "", name);
        meta["creationTimestamp"] = (string?)meta["creationTimestamp"] ?? KubeJson.Time(created);

        if (type.IsWorkload) DefaultWorkload(type, obj, meta, name);
        else if (type == ResourceType.Secret) EncodeSecret(obj);
        else if (type == ResourceType.Namespace) obj["status"] = new JsonObject { ["phase"] = "Active" };
        else if (type == ResourceType.Pod && obj["status"] is null) obj["status"] = new JsonObject { ["phase"] = "Running" };
        else if (type == ResourceType.Node && obj["spec"] is null) obj["spec"] = new JsonObject();
        return (type, obj, behavior);
    }

    private RolloutBehavior? ReadBehavior(JsonObject? block)
    {
        if (block is null) return null;
        return new RolloutBehavior(
            SecondsPerReplica: (double?)block["secondsPerReplica"] ?? RolloutBehavior.DefaultSecondsPerReplica,
            NeverAvailable: (bool?)block["neverAvailable"] ?? false,
            ExceedsProgressDeadline: (bool?)block["exceedsProgressDeadline"] ?? false,
            DesiredNumberScheduled: (int?)block["desiredNumberScheduled"]);
    }

    private static void DefaultWorkload(ResourceType type, JsonObject obj, JsonObject meta, string name)
    {
        meta["generation"] = (long?)meta["generation"] ?? 1;
        var spec = obj["spec"] as JsonObject ?? throw new InvalidDataException($"kubernetes.json: {type.Kind} {name} has no spec.");
        var template = spec["template"] as JsonObject ?? throw new InvalidDataException($"kubernetes.json: {type.Kind} {name} has no spec.template.");
        var templateMeta = template["metadata"] as JsonObject ?? new JsonObject();
        template["metadata"] = templateMeta;
        var labels = templateMeta["labels"] as JsonObject ?? new JsonObject { ["app"] = name };
        templateMeta["labels"] = labels;
        if (meta["labels"] is null) meta["labels"] = labels.DeepClone();
        if (spec["selector"] is null) spec["selector"] = new JsonObject { ["matchLabels"] = labels.DeepClone() };
        if ((template["spec"] as JsonObject)?["containers"] is not JsonArray { Count: > 0 })
            throw new InvalidDataException($"kubernetes.json: {type.Kind} {name} has no containers.");

        if (type == ResourceType.Deployment)
        {
            spec["replicas"] = (int?)spec["replicas"] ?? 1;
            spec["strategy"] ??= new JsonObject { ["type"] = "RollingUpdate", ["rollingUpdate"] = new JsonObject { ["maxUnavailable"] = "25%", ["maxSurge"] = "25%" } };
            spec["revisionHistoryLimit"] = (int?)spec["revisionHistoryLimit"] ?? 10;
            spec["progressDeadlineSeconds"] = (int?)spec["progressDeadlineSeconds"] ?? 600;
            var annotations = meta["annotations"] as JsonObject ?? new JsonObject();
            annotations["deployment.kubernetes.io/revision"] = "1";
            meta["annotations"] = annotations;
        }
        else if (type == ResourceType.DaemonSet)
        {
            spec["updateStrategy"] ??= new JsonObject { ["type"] = "RollingUpdate", ["rollingUpdate"] = new JsonObject { ["maxUnavailable"] = 1, ["maxSurge"] = 0 } };
            spec["revisionHistoryLimit"] = (int?)spec["revisionHistoryLimit"] ?? 10;
        }
        else
        {
            spec["replicas"] = (int?)spec["replicas"] ?? 1;
            spec["serviceName"] ??= name;
            spec["podManagementPolicy"] ??= "OrderedReady";
            spec["updateStrategy"] ??= new JsonObject { ["type"] = "RollingUpdate", ["rollingUpdate"] = new JsonObject { ["partition"] = 0 } };
            spec["revisionHistoryLimit"] = (int?)spec["revisionHistoryLimit"] ?? 10;
        }
    }

    /// <summary>Scenario authors write tokens in clear under stringData; the API server only ever returns base64 data.</summary>
    private static void EncodeSecret(JsonObject obj)
    {
        obj["type"] = (string?)obj["type"] ?? "Opaque";
        if (obj["stringData"] is not JsonObject stringData) return;
        var data = obj["data"] as JsonObject ?? new JsonObject();
        foreach (var (k, v) in stringData)
        {
            var text = v is JsonValue s && s.GetValueKind() == System.Text.Json.JsonValueKind.String ? (string)s! : v?.ToJsonString(KubeJson.Compact) ?? "";
            data[k] = Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
        }
        obj["data"] = data;
        obj.Remove("stringData");
    }
}
