using System.Net;
using System.Text.Json.Nodes;

namespace AckHardening.Core.Tests.Sandbox;

/// <summary>CS ROA reads: DescribeClustersV1 paging and filters, DescribeClusterDetail, DescribeClusterNodePools, 404s.</summary>
public class SandboxCsTests(SandboxFixture sbx) : IClassFixture<SandboxFixture>
{
    private async Task<JsonNode> Get(string action, string path)
    {
        var r = await sbx.Cs(action, path);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.True(r.Headers.Contains("x-acs-request-id"));
        return JsonNode.Parse(await r.Content.ReadAsStringAsync())!;
    }

    [Fact]
    public async Task Page_size_two_gives_two_pages()
    {
        var first = await Get("DescribeClustersV1", "/api/v1/clusters?page_size=2&page_number=1");
        var second = await Get("DescribeClustersV1", "/api/v1/clusters?page_size=2&page_number=2");
        Assert.Equal(3, (int)first["page_info"]!["total_count"]!);
        Assert.Equal(2, (int)first["page_info"]!["page_size"]!);
        Assert.Equal(2, (int)second["page_info"]!["page_number"]!);
        var ids = first["clusters"]!.AsArray().Concat(second["clusters"]!.AsArray()).Select(c => (string)c!["cluster_id"]!).ToList();
        Assert.Equal([SandboxFixture.ProdCluster, SandboxFixture.StagingCluster, SandboxFixture.DedicatedCluster], ids);
        Assert.Null(first["clusters"]![0]!["parameters"]);
    }

    [Fact]
    public async Task Filters_by_cluster_type_and_name()
    {
        var managed = await Get("DescribeClustersV1", "/api/v1/clusters?cluster_type=ManagedKubernetes");
        Assert.Equal(2, (int)managed["page_info"]!["total_count"]!);
        var byName = await Get("DescribeClustersV1", "/api/v1/clusters?name=prod-legacy");
        var c = Assert.Single(byName["clusters"]!.AsArray())!;
        Assert.Equal("ack.pro.small", (string?)c["cluster_spec"]);
        Assert.Equal("1.30.7-aliyun.1", (string?)c["current_version"]);
        Assert.IsType<string>((string?)c["meta_data"]);
    }

    [Fact]
    public async Task Cluster_detail_has_worker_role_and_parameters()
    {
        var c = await Get("DescribeClusterDetail", "/clusters/" + SandboxFixture.ProdCluster);
        Assert.Equal("ManagedKubernetes", (string?)c["cluster_type"]);
        Assert.Equal("running", (string?)c["state"]);
        Assert.Equal(SandboxFixture.ProdWorkerRole, (string?)c["worker_ram_role_name"]);
        Assert.Equal(SandboxFixture.ProdWorkerRole, (string?)c["parameters"]!["WorkerRamRoleName"]);
    }

    [Fact]
    public async Task Node_pools_have_their_ram_roles()
    {
        var pools = (await Get("DescribeClusterNodePools", $"/clusters/{SandboxFixture.ProdCluster}/nodepools"))["nodepools"]!.AsArray();
        Assert.Equal(["default-nodepool", "gpu-pool"], pools.Select(p => (string)p!["nodepool_info"]!["name"]!).ToArray());
        Assert.Equal(SandboxFixture.ProdWorkerRole, (string?)pools[0]!["scaling_group"]!["ram_role_name"]);
        Assert.Equal("AckGpuNodeRole", (string?)pools[1]!["scaling_group"]!["ram_role_name"]);
        Assert.Equal("active", (string?)pools[1]!["status"]!["state"]);
        Assert.True((bool)pools[1]!["auto_scaling"]!["enable"]!);
        var filtered = (await Get("DescribeClusterNodePools", $"/clusters/{SandboxFixture.ProdCluster}/nodepools?NodepoolName=gpu-pool"))["nodepools"]!.AsArray();
        Assert.Single(filtered);
    }

    [Fact]
    public async Task Unknown_cluster_is_404_ErrorClusterNotFound()
    {
        foreach (var (action, path) in new[] { ("DescribeClusterDetail", "/clusters/cnotthere"), ("DescribeClusterNodePools", "/clusters/cnotthere/nodepools") })
        {
            var r = await sbx.Cs(action, path);
            Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
            var body = await SandboxFixture.Json(r);
            Assert.Equal("ErrorClusterNotFound", (string?)body["code"]);
            Assert.Equal(r.Headers.GetValues("x-acs-request-id").Single(), (string?)body["requestId"]);
            Assert.Contains("cnotthere", (string?)body["message"]);
        }
    }

    [Fact]
    public async Task Bad_signature_on_ROA_uses_the_ROA_envelope()
    {
        var r = await sbx.Cs("DescribeClusterDetail", "/clusters/" + SandboxFixture.ProdCluster, TestKey.Admin with { Secret = "nope" });
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Equal("SignatureDoesNotMatch", (string?)(await SandboxFixture.Json(r))["code"]);
    }
}
