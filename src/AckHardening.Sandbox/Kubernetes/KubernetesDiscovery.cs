using System.Text.Json.Nodes;

namespace AckHardening.Sandbox.Kubernetes;

/// <summary>The discovery documents (/version, /api, /apis, resource lists) for the emulated resource types.</summary>
internal static class KubernetesDiscovery
{
    public static JsonObject? Document(string path, KubernetesClusterState state, string serverAddress) => path switch
    {
        "version" => Version(state.GitVersion, state.Created),
        "api" => new JsonObject
        {
            ["kind"] = "APIVersions",
            ["versions"] = new JsonArray("v1"),
            ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
        },
        "apis" => new JsonObject
        {
            ["kind"] = "APIGroupList",
            ["apiVersion"] = "v1",
            ["groups"] = new JsonArray(AppsGroup()),
        },
        "apis/apps" => AppsGroup(withTypeMeta: true),
        "api/v1" => Resources("v1", ""),
        "apis/apps/v1" => Resources("apps/v1", "apps"),
        _ => null,
    };

    private static JsonObject Version(string gitVersion, DateTimeOffset built)
    {
        // gitVersion looks like v1.30.7-aliyun.1: major and minor come from it.
        var core = gitVersion.TrimStart('v').Split('-')[0].Split('.');
        return new JsonObject
        {
            ["major"] = core.ElementAtOrDefault(0) ?? "1",
            ["minor"] = core.ElementAtOrDefault(1) ?? "0",
            ["gitVersion"] = gitVersion,
            ["gitCommit"] = "0000000000000000000000000000000000000000",
            ["gitTreeState"] = "clean",
            ["buildDate"] = KubeJson.Time(built),
            ["goVersion"] = "go1.22.8",
            ["compiler"] = "gc",
            ["platform"] = "linux/amd64",
        };
    }

    private static JsonObject AppsGroup(bool withTypeMeta = false)
    {
        var gv = new JsonObject { ["groupVersion"] = "apps/v1", ["version"] = "v1" };
        var group = new JsonObject();
        if (withTypeMeta) { group["kind"] = "APIGroup"; group["apiVersion"] = "v1"; }
        group["name"] = "apps";
        group["versions"] = new JsonArray(gv);
        group["preferredVersion"] = gv.DeepClone();
        return group;
    }

    private static JsonObject Resources(string groupVersion, string group)
    {
        var list = new JsonArray();
        foreach (var t in ResourceType.All.Where(t => t.Group == group))
        {
            var verbs = t == ResourceType.ConfigMap || t == ResourceType.Secret
                ? new JsonArray("get", "list", "patch", "update")
                : t.IsWorkload ? new JsonArray("get", "list", "patch") : new JsonArray("get", "list");
            list.Add(new JsonObject
            {
                ["name"] = t.Plural,
                ["singularName"] = t.Kind.ToLowerInvariant(),
                ["namespaced"] = t.Namespaced,
                ["kind"] = t.Kind,
                ["verbs"] = verbs,
            });
        }
        return new JsonObject { ["kind"] = "APIResourceList", ["apiVersion"] = "v1", ["groupVersion"] = groupVersion, ["resources"] = list };
    }
}
