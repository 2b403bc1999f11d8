using System.Text.Json;
using System.Text.Json.Nodes;

namespace AckHardening.Sandbox.Kubernetes;

/// <summary>Reads a scenario's kubernetes.json into one <see cref="KubernetesClusterState"/> per cluster id.</summary>
public static class KubernetesScenario
{
    public const string FileName = "kubernetes.json";

    /// <summary>Loads <c>&lt;scenarioFolder&gt;/kubernetes.json</c>; a scenario without the file has no Kubernetes clusters.</summary>
    public static IReadOnlyDictionary<string, KubernetesClusterState> LoadFolder(string scenarioFolder)
    {
        var path = Path.Combine(scenarioFolder, FileName);
        return File.Exists(path) ? Parse(File.ReadAllText(path)) : new Dictionary<string, KubernetesClusterState>();
    }

    public static IReadOnlyDictionary<string, KubernetesClusterState> Parse(string json)
    {
        var root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) as JsonObject
            ?? throw new InvalidDataException("kubernetes.json must hold a JSON object.");
        var clusters = root["clusters"] as JsonObject ?? throw new InvalidDataException("kubernetes.json needs a \"clusters\" object keyed by cluster id.");
        var result = new Dictionary<string, KubernetesClusterState>(StringComparer.Ordinal);
        foreach (var (id, entry) in clusters)
        {
            if (entry is not JsonObject cluster) throw new InvalidDataException($"kubernetes.json: cluster {id} must be an object.");
            result[id] = new KubernetesClusterState(id, cluster);
        }
        return result;
    }
}
