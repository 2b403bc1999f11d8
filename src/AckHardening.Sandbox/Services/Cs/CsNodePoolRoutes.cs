using System.Text.Json.Nodes;
using AckHardening.Sandbox.Pipeline;

namespace AckHardening.Sandbox.Services.Cs;

/// <summary>CS node pool reads: DescribeClusterNodePools (optional NodepoolName filter).</summary>
public sealed class CsNodePoolRoutes : IApiModule
{
    public void Register(ApiRegistry r) =>
        r.Roa(SandboxServices.Cs, "GET", "/clusters/{ClusterId}/nodepools", "DescribeClusterNodePools", DescribeClusterNodePools);

    private static ValueTask<ApiResult> DescribeClusterNodePools(ApiCall c)
    {
        var store = c.State.Clusters;
        lock (store.Gate)
        {
            var cluster = CsClusterRoutes.Find(c);
            var filter = c.Param("NodepoolName");
            var pools = new JsonArray();
            foreach (var pool in cluster.NodePools)
                if (string.IsNullOrEmpty(filter) || pool["nodepool_info"]?["name"]?.GetValue<string>() == filter)
                    pools.Add(pool.DeepClone());
            return ValueTask.FromResult(ApiResult.Ok(new JsonObject { ["nodepools"] = pools }));
        }
    }
}
