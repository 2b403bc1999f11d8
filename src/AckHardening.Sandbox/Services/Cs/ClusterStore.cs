using System.Text.Json.Nodes;
using AckHardening.Sandbox.State;

namespace AckHardening.Sandbox.Services.Cs;

/// <summary>
/// clusters.json: { "clusters": [ { &lt;CS cluster fields in the API's snake_case&gt;, "nodepools": [ &lt;node pool objects&gt; ] } ] }.
/// Fields are kept as JSON so the scenario is written in the API's own shape and later tasks can change them.
/// </summary>
public sealed class ClustersFile
{
    public List<JsonObject> Clusters { get; set; } = new();
}

public sealed class ClusterRecord
{
    public required string Id { get; init; }
    /// <summary>The cluster object (without node pools); meta_data and master_url are stored as the strings the API returns.</summary>
    public required JsonObject Fields { get; init; }
    public required List<JsonObject> NodePools { get; init; }

    public string? Get(string name) => Fields[name] is JsonValue v && v.TryGetValue(out string? s) ? s : null;
}

public sealed class ClusterStore
{
    /// <summary>Fields DescribeClusterDetail returns but the DescribeClustersV1 list items do not.</summary>
    public static readonly string[] DetailOnlyFields = ["parameters", "rrsa_config", "control_plane_endpoints_config", "auto_mode"];

    private static readonly string[] Required = ["cluster_id", "name", "cluster_type", "region_id", "state"];
    private readonly List<ClusterRecord> _clusters = new();

    public ClusterStore(ClustersFile file)
    {
        foreach (var raw in file.Clusters)
        {
            var fields = (JsonObject)raw.DeepClone();
            foreach (var name in Required)
                if (fields[name] is not JsonValue) throw new ScenarioException($"clusters.json: a cluster lacks '{name}'.");
            var pools = fields["nodepools"] as JsonArray;
            fields.Remove("nodepools");
            // The API sends these two as JSON text inside a string; scenarios may write them as objects.
            foreach (var name in new[] { "meta_data", "master_url" })
                if (fields[name] is JsonObject obj) fields[name] = obj.ToJsonString();
            var record = new ClusterRecord
            {
                Id = fields["cluster_id"]!.GetValue<string>(),
                Fields = fields,
                NodePools = pools?.Select(p => (JsonObject)p!.DeepClone()).ToList() ?? new(),
            };
            if (_clusters.Any(c => c.Id == record.Id)) throw new ScenarioException($"clusters.json: duplicate cluster_id {record.Id}.");
            foreach (var pool in record.NodePools)
                if (pool["nodepool_info"]?["nodepool_id"] is null) throw new ScenarioException($"clusters.json: a node pool of {record.Id} lacks nodepool_info.nodepool_id.");
            _clusters.Add(record);
        }
    }

    public object Gate { get; } = new();

    public IReadOnlyList<ClusterRecord> All => _clusters;

    public ClusterRecord? Find(string id) => _clusters.FirstOrDefault(c => c.Id == id);
}
