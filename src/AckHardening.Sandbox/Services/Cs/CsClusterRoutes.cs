using System.Globalization;
using System.Text.Json.Nodes;
using AckHardening.Sandbox.Pipeline;

namespace AckHardening.Sandbox.Services.Cs;

/// <summary>CS cluster reads: DescribeClustersV1 (paged), DescribeClusters (old, bare array), DescribeClusterDetail.</summary>
public sealed class CsClusterRoutes : IApiModule
{
    /// <summary>Default and largest page size of DescribeClustersV1 (not in the reference; unverified).</summary>
    public const int DefaultPageSize = 10, MaxPageSize = 100;

    public void Register(ApiRegistry r)
    {
        r.Roa(SandboxServices.Cs, "GET", "/api/v1/clusters", "DescribeClustersV1", DescribeClustersV1);
        r.Roa(SandboxServices.Cs, "GET", "/clusters", "DescribeClusters", DescribeClusters);
        r.Roa(SandboxServices.Cs, "GET", "/clusters/{ClusterId}", "DescribeClusterDetail", DescribeClusterDetail);
    }

    private static ValueTask<ApiResult> DescribeClustersV1(ApiCall c)
    {
        var pageNumber = PositiveInt(c, "page_number", 1, int.MaxValue);
        var pageSize = PositiveInt(c, "page_size", DefaultPageSize, MaxPageSize);
        var store = c.State.Clusters;
        lock (store.Gate)
        {
            var matching = store.All.Where(cl =>
                Equal(c.Param("cluster_type"), cl.Get("cluster_type"))
                && Equal(c.Param("cluster_spec"), cl.Get("cluster_spec"))
                && Equal(c.Param("profile"), cl.Get("profile"))
                && Equal(c.Param("region_id"), cl.Get("region_id"))
                && Equal(c.Param("cluster_id"), cl.Id)
                // Name matching is a substring search in the console; the API's exact rule is unverified.
                && (c.Param("name") is not { Length: > 0 } n || cl.Get("name")?.Contains(n, StringComparison.OrdinalIgnoreCase) == true))
                .ToList();
            var page = new JsonArray();
            foreach (var cluster in matching.Skip((int)Math.Min(int.MaxValue, (long)(pageNumber - 1) * pageSize)).Take(pageSize))
            {
                var item = (JsonObject)cluster.Fields.DeepClone();
                foreach (var f in ClusterStore.DetailOnlyFields) item.Remove(f);
                page.Add(item);
            }
            return ValueTask.FromResult(ApiResult.Ok(new JsonObject
            {
                ["clusters"] = page,
                ["page_info"] = new JsonObject { ["page_number"] = pageNumber, ["page_size"] = pageSize, ["total_count"] = matching.Count },
            }));
        }
    }

    /// <summary>The old list API: a bare JSON array, filters clusterType and name, no cluster_spec in its model.</summary>
    private static ValueTask<ApiResult> DescribeClusters(ApiCall c)
    {
        var store = c.State.Clusters;
        lock (store.Gate)
        {
            var array = new JsonArray();
            foreach (var cl in store.All.Where(cl => Equal(c.Param("clusterType"), cl.Get("cluster_type"))
                         && (c.Param("name") is not { Length: > 0 } n || cl.Get("name")?.Contains(n, StringComparison.OrdinalIgnoreCase) == true)))
            {
                var item = (JsonObject)cl.Fields.DeepClone();
                foreach (var f in ClusterStore.DetailOnlyFields.Append("cluster_spec")) item.Remove(f);
                array.Add(item);
            }
            return ValueTask.FromResult(ApiResult.Ok(array));
        }
    }

    private static ValueTask<ApiResult> DescribeClusterDetail(ApiCall c)
    {
        var store = c.State.Clusters;
        lock (store.Gate)
        {
            var cluster = Find(c);
            return ValueTask.FromResult(ApiResult.Ok(cluster.Fields.DeepClone()));
        }
    }

    /// <summary>The cluster of the {ClusterId} route value, or CS's 404 ErrorClusterNotFound.</summary>
    internal static ClusterRecord Find(ApiCall c)
    {
        var id = c.RouteValue("ClusterId");
        return c.State.Clusters.Find(id) ?? throw new ApiException(404, "ErrorClusterNotFound", $"cluster ({id}) not found in our records");
    }

    private static bool Equal(string? filter, string? value) => string.IsNullOrEmpty(filter) || string.Equals(filter, value, StringComparison.Ordinal);

    private static int PositiveInt(ApiCall c, string name, int fallback, int max)
    {
        var text = c.Param(name);
        if (string.IsNullOrEmpty(text)) return fallback;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1 || value > max)
            throw new ApiException(400, "InvalidParameter", $"{name} must be an integer from 1 to {max}.");
        return value;
    }
}
