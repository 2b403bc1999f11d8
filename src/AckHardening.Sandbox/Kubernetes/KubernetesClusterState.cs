using System.Text;
using System.Text.Json.Nodes;

namespace AckHardening.Sandbox.Kubernetes;

/// <summary>
/// The in-memory contents of one emulated cluster: every object, its resourceVersion, and the controller memory of
/// each workload. Loaded from one cluster entry of kubernetes.json; <see cref="Reset"/> reloads that entry.
/// Thread-safe: every operation takes the same lock, so concurrent requests see a consistent store.
/// </summary>
public sealed class KubernetesClusterState
{
    private readonly object _gate = new();
    private readonly JsonObject _seed;
    private readonly Dictionary<(ResourceType Type, string Ns, string Name), StoredObject> _objects = new();
    private long _resourceVersion;

    internal KubernetesClusterState(string clusterId, JsonObject seed)
    {
        ClusterId = clusterId;
        _seed = (JsonObject)seed.DeepClone();
        Token = (string?)seed["token"] is { Length: > 0 } t ? t : throw new InvalidDataException($"kubernetes.json: cluster {clusterId} has no token.");
        GitVersion = (string?)seed["gitVersion"] ?? "v1.30.7-aliyun.1";
        Created = seed["created"] is { } c ? DateTimeOffset.Parse((string)c!, System.Globalization.CultureInfo.InvariantCulture) : new DateTimeOffset(2024, 3, 1, 8, 0, 0, TimeSpan.Zero);
        Load();
    }

    public string ClusterId { get; }
    /// <summary>The bearer token the API server accepts (what a kubeconfig for this cluster carries).</summary>
    public string Token { get; }
    public string GitVersion { get; }
    internal DateTimeOffset Created { get; }

    /// <summary>Throws away every change and reloads the scenario entry (the control API's reset).</summary>
    public void Reset()
    {
        lock (_gate) Load();
    }

    internal sealed class StoredObject
    {
        public required JsonObject Body { get; set; }
        public WorkloadRollout? Rollout { get; init; }
    }

    internal readonly record struct Outcome(int StatusCode, JsonObject Body);

    private void Load()
    {
        _objects.Clear();
        _resourceVersion = 1000;
        var loader = new ScenarioObjectNormalizer(ClusterId, Created);
        foreach (var ns in _seed["namespaces"]?.AsArray() ?? [])
            Add(loader.Namespace((string)ns!));
        foreach (var node in _seed["objects"]?.AsArray() ?? [])
        {
            if (node is not JsonObject raw) throw new InvalidDataException($"kubernetes.json: cluster {ClusterId} has a non-object entry in objects.");
            Add(loader.Normalize(raw));
        }
    }

    private void Add((ResourceType Type, JsonObject Body, RolloutBehavior? Behavior) item)
    {
        var meta = KubeJson.Meta(item.Body);
        var key = (item.Type, (string?)meta["namespace"] ?? "", (string)meta["name"]!);
        if (_objects.ContainsKey(key)) throw new InvalidDataException($"kubernetes.json: cluster {ClusterId} defines {item.Type.Kind} {key.Item2}/{key.Item3} twice.");
        meta["resourceVersion"] = NextResourceVersion();
        WorkloadRollout? rollout = null;
        if (item.Type.IsWorkload)
        {
            var hash = KubeJson.ShortHash(item.Body["spec"]?["template"]);
            rollout = new WorkloadRollout
            {
                Behavior = item.Behavior ?? new RolloutBehavior(),
                CurrentHash = hash,
                TargetHash = hash,
                PreviousObservedGeneration = (long?)meta["generation"] ?? 1,
                Created = DateTimeOffset.Parse((string)meta["creationTimestamp"]!, System.Globalization.CultureInfo.InvariantCulture),
            };
        }
        _objects[key] = new StoredObject { Body = item.Body, Rollout = rollout };
    }

    private string NextResourceVersion() => (++_resourceVersion).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private int NodeCount => _objects.Keys.Count(k => k.Type == ResourceType.Node);

    /// <summary>The object as the API server would return it, with status derived for workloads.</summary>
    private JsonObject Render(ResourceType type, StoredObject stored, DateTimeOffset now, bool forList)
    {
        var body = (JsonObject)stored.Body.DeepClone();
        if (stored.Rollout is { } rollout) body["status"] = RolloutSimulator.Status(type, body, rollout, NodeCount, now);
        if (forList) { body.Remove("apiVersion"); body.Remove("kind"); }
        return body;
    }

    internal Outcome Get(ResourceType type, string ns, string name, DateTimeOffset now)
    {
        lock (_gate)
        {
            return _objects.TryGetValue((type, ns, name), out var stored)
                ? new(200, Render(type, stored, now, forList: false))
                : new(404, KubernetesStatus.NotFound(type, name));
        }
    }

    internal Outcome List(ResourceType type, string? ns, string? labelSelector, string? fieldSelector, DateTimeOffset now)
    {
        LabelSelector labels;
        try { labels = LabelSelector.Parse(labelSelector); }
        catch (FormatException e) { return new(400, KubernetesStatus.BadRequest("unable to parse requirement: " + e.Message)); }
        var fields = new List<(string Field, string Value, bool Equal)>();
        foreach (var part in (fieldSelector ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var negate = part.Contains("!=");
            var pieces = part.Split(negate ? "!=" : part.Contains("==") ? "==" : "=", 2);
            if (pieces.Length != 2 || pieces[0] is not ("metadata.name" or "metadata.namespace"))
                return new(400, KubernetesStatus.BadRequest($"\"{pieces[0]}\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\""));
            fields.Add((pieces[0], pieces[1], !negate));
        }
        lock (_gate)
        {
            var items = new JsonArray();
            foreach (var ((t, objNs, name), stored) in _objects.OrderBy(e => e.Key.Ns, StringComparer.Ordinal).ThenBy(e => e.Key.Name, StringComparer.Ordinal))
            {
                if (t != type || (ns is not null && objNs != ns)) continue;
                if (!labels.Matches(stored.Body["metadata"]?["labels"] as JsonObject)) continue;
                if (!fields.All(f => ((f.Field == "metadata.name" ? name : objNs) == f.Value) == f.Equal)) continue;
                items.Add(Render(type, stored, now, forList: true));
            }
            return new(200, new JsonObject
            {
                ["kind"] = type.Kind + "List",
                ["apiVersion"] = type.ApiVersion,
                ["metadata"] = new JsonObject { ["resourceVersion"] = _resourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                ["items"] = items,
            });
        }
    }

    internal Outcome Patch(ResourceType type, string ns, string name, JsonObject patch, bool strategic, string? fieldManager, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (!_objects.TryGetValue((type, ns, name), out var stored)) return new(404, KubernetesStatus.NotFound(type, name));
            JsonObject updated;
            try { updated = StrategicMergePatch.Apply(stored.Body, patch, strategic); }
            catch (FormatException e) { return new(400, KubernetesStatus.BadRequest(e.Message)); }
            updated["status"] = stored.Body["status"]?.DeepClone();      // status is a subresource: ignored here
            if (updated["status"] is null) updated.Remove("status");
            if (Immutable(stored.Body, updated) is { } error) return new(422, KubernetesStatus.Invalid(type, name, error));
            Commit(type, stored, updated, fieldManager, now);
            return new(200, Render(type, stored, now, forList: false));
        }
    }

    internal Outcome Replace(ResourceType type, string ns, string name, JsonObject body, string? fieldManager, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (!_objects.TryGetValue((type, ns, name), out var stored)) return new(404, KubernetesStatus.NotFound(type, name));
            var meta = body["metadata"] as JsonObject;
            var bodyName = (string?)meta?["name"];
            if (bodyName != name)
                return new(400, KubernetesStatus.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})"));
            if ((string?)meta!["namespace"] is { Length: > 0 } bodyNs && bodyNs != ns)
                return new(400, KubernetesStatus.BadRequest("the namespace of the provided object does not match the namespace sent on the request"));
            var currentRv = (string?)stored.Body["metadata"]!["resourceVersion"];
            if ((string?)meta["resourceVersion"] is { Length: > 0 } rv && rv != currentRv)
                return new(409, KubernetesStatus.Conflict(type, name));
            if (type == ResourceType.ConfigMap && body["data"] is JsonObject data && data.Any(kv => kv.Value is not JsonValue v || v.GetValueKind() != System.Text.Json.JsonValueKind.String))
                return new(400, KubernetesStatus.BadRequest("ConfigMap data values must be strings"));

            var updated = (JsonObject)body.DeepClone();
            updated["apiVersion"] = type.ApiVersion;
            updated["kind"] = type.Kind;
            var newMeta = (JsonObject)updated["metadata"]!;
            var oldMeta = KubeJson.Meta(stored.Body);
            foreach (var server in new[] { "uid", "creationTimestamp", "generation", "managedFields" })
            {
                if (oldMeta[server] is { } v) newMeta[server] = v.DeepClone(); else newMeta.Remove(server);
            }
            newMeta["namespace"] = ns;
            if (type == ResourceType.Secret && updated["stringData"] is JsonObject stringData)
            {
                var encoded = updated["data"] as JsonObject ?? new JsonObject();
                foreach (var (k, v) in stringData) encoded[k] = Convert.ToBase64String(Encoding.UTF8.GetBytes((string?)v ?? ""));
                updated["data"] = encoded;
                updated.Remove("stringData");
            }
            Commit(type, stored, updated, fieldManager, now);
            return new(200, Render(type, stored, now, forList: false));
        }
    }

    private static string? Immutable(JsonObject before, JsonObject after)
    {
        if (!JsonNode.DeepEquals(before["metadata"]?["name"], after["metadata"]?["name"])) return "metadata.name: Invalid value: field is immutable";
        if (!JsonNode.DeepEquals(before["spec"]?["selector"], after["spec"]?["selector"])) return "spec.selector: Invalid value: field is immutable";
        return null;
    }

    /// <summary>Stores a changed object the way the API server does: no-op writes keep the resourceVersion;
    /// spec changes bump generation; template changes start a rollout.</summary>
    private void Commit(ResourceType type, StoredObject stored, JsonObject updated, string? fieldManager, DateTimeOffset now)
    {
        var before = stored.Body;
        if (JsonNode.DeepEquals(StripVolatile(before), StripVolatile(updated))) return;
        var meta = KubeJson.Meta(updated);
        if (stored.Rollout is { } rollout && !JsonNode.DeepEquals(before["spec"], updated["spec"]))
        {
            var generation = ((long?)before["metadata"]?["generation"] ?? 1);
            var status = RolloutSimulator.Status(type, before, rollout, NodeCount, now);
            meta["generation"] = generation + 1;
            var spec = (JsonObject)updated["spec"]!;
            var hash = KubeJson.ShortHash(spec["template"]);
            var paused = (bool?)spec["paused"] ?? false;
            var resumed = type == ResourceType.Deployment && ((bool?)before["spec"]?["paused"] ?? false) && !paused;
            if (hash != rollout.TargetHash || resumed)
            {
                // Whatever had finished by now becomes the running template; the new one starts rolling.
                if ((long?)status["observedGeneration"] == generation && rollout.Start is not null && IsComplete(type, status, before))
                    rollout.CurrentHash = rollout.TargetHash;
                rollout.PreviousObservedGeneration = (long?)status["observedGeneration"] ?? generation;
                rollout.TargetHash = hash;
                rollout.Start = now;
                if (type == ResourceType.Deployment && !paused)
                {
                    rollout.Revision++;
                    var annotations = meta["annotations"] as JsonObject ?? new JsonObject();
                    annotations["deployment.kubernetes.io/revision"] = rollout.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    meta["annotations"] = annotations;
                }
            }
            else rollout.PreviousObservedGeneration = (long?)status["observedGeneration"] ?? generation;
        }
        meta["resourceVersion"] = NextResourceVersion();
        if (!string.IsNullOrEmpty(fieldManager)) RecordManager(meta, type, fieldManager, now);
        stored.Body = updated;
    }

    private static bool IsComplete(ResourceType type, JsonObject status, JsonObject obj)
    {
        if (type == ResourceType.Deployment)
            return (int?)status["updatedReplicas"] == ((int?)obj["spec"]?["replicas"] ?? 1) && (int?)status["replicas"] == (int?)status["updatedReplicas"];
        if (type == ResourceType.DaemonSet)
            return (int?)status["updatedNumberScheduled"] == (int?)status["desiredNumberScheduled"] && (int?)status["numberAvailable"] == (int?)status["desiredNumberScheduled"];
        return (string?)status["currentRevision"] == (string?)status["updateRevision"];
    }

    private static JsonObject StripVolatile(JsonObject obj)
    {
        var copy = (JsonObject)obj.DeepClone();
        if (copy["metadata"] is JsonObject m) { m.Remove("resourceVersion"); m.Remove("managedFields"); }
        return copy;
    }

    private static void RecordManager(JsonObject meta, ResourceType type, string manager, DateTimeOffset now)
    {
        var fields = meta["managedFields"] as JsonArray ?? new JsonArray();
        foreach (var existing in fields.OfType<JsonObject>().Where(f => (string?)f["manager"] == manager && (string?)f["operation"] == "Update").ToList())
            fields.Remove(existing);
        fields.Add(new JsonObject
        {
            ["manager"] = manager,
            ["operation"] = "Update",
            ["apiVersion"] = type.ApiVersion,
            ["time"] = KubeJson.Time(now),
            ["fieldsType"] = "FieldsV1",
            ["fieldsV1"] = new JsonObject(),
        });
        meta["managedFields"] = fields;
    }
}
