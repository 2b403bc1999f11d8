using System.Globalization;
using AckHardening.Core.Http;
using AckHardening.Core.Services.Cs;
using static AckHardening.Core.Tests.Step1.Step1Json;

namespace AckHardening.Core.Tests.Step1;

public class CsClientTests
{
    [Fact]
    public async Task DescribeClustersV1_walks_every_page_with_page_size_100()
    {
        var all = Enumerable.Range(0, 230).Select(i => Cluster($"c{i:D32}", $"k{i}", "ManagedKubernetes", "ack.pro.small", "Default", null)).ToList();
        var fake = new FakeTransport().On(ServiceDescriptor.Cs, "DescribeClustersV1", r =>
        {
            var page = int.Parse(r.Query["page_number"], CultureInfo.InvariantCulture);
            var size = int.Parse(r.Query["page_size"], CultureInfo.InvariantCulture);
            return Page(all.Skip((page - 1) * size).Take(size), page, size, all.Count);
        });

        var clusters = await new CsClient(fake, "cn-hangzhou").DescribeClustersV1Async(new CsClusterListFilter { RegionId = "cn-hangzhou" }, CancellationToken.None);

        Assert.Equal(230, clusters.Count);
        Assert.Equal(230, clusters.Select(c => c.ClusterId).Distinct().Count());
        Assert.Equal(3, fake.Count("DescribeClustersV1"));
        Assert.All(fake.Requests, r =>
        {
            Assert.Equal("GET", r.Method);
            Assert.Equal("/api/v1/clusters", r.Path);
            Assert.Equal("100", r.Query["page_size"]);
            Assert.Equal("cn-hangzhou", r.Query["region_id"]);
            Assert.True(r.Idempotent);
            Assert.Equal("cn-hangzhou", r.RegionId);
        });
        Assert.Equal(new[] { "1", "2", "3" }, fake.Requests.Select(r => r.Query["page_number"]));
    }

    [Fact]
    public async Task DescribeClustersV1_keeps_going_when_the_service_uses_a_smaller_page_than_asked()
    {
        var all = Enumerable.Range(0, 120).Select(i => Cluster($"c{i:D32}", $"k{i}", "ManagedKubernetes", "ack.standard", "Default", null)).ToList();
        var fake = new FakeTransport().On(ServiceDescriptor.Cs, "DescribeClustersV1", r =>
        {
            var page = int.Parse(r.Query["page_number"], CultureInfo.InvariantCulture);
            return Page(all.Skip((page - 1) * 50).Take(50), page, 50, all.Count);
        });

        var clusters = await new CsClient(fake).DescribeClustersV1Async(null, CancellationToken.None);

        Assert.Equal(120, clusters.Count);
        Assert.Equal(3, fake.Count("DescribeClustersV1"));
    }

    [Fact]
    public async Task DescribeClustersV1_without_page_info_stops_at_a_short_page()
    {
        var fake = new FakeTransport().On(ServiceDescriptor.Cs, "DescribeClustersV1",
            $"{{\"clusters\":[{Cluster(ProId, "prod-legacy", "ManagedKubernetes", "ack.pro.small", "Default", ProRole)}]}}");

        var clusters = await new CsClient(fake).DescribeClustersV1Async(null, CancellationToken.None);

        Assert.Single(clusters);
        Assert.Equal(1, fake.Count("DescribeClustersV1"));
        Assert.Null(fake.Requests[0].RegionId);
    }

    [Fact]
    public async Task DescribeClusterDetail_reads_the_reference_fields()
    {
        var fake = new FakeTransport().On(ServiceDescriptor.Cs, "DescribeClusterDetail",
            Cluster(ProId, "prod-legacy", "ManagedKubernetes", "ack.pro.small", "Default", ProRole)
                .TrimEnd('}') + ",\"parameters\":{\"ALIYUN::StackId\":\"4a9e2f1c\",\"DisableAutoCreateK8sWorkerRolePolicy\":\"False\",\"Size\":3}}");

        var c = await new CsClient(fake, "cn-hangzhou").DescribeClusterDetailAsync(ProId, CancellationToken.None);

        Assert.Equal("GET", fake.Requests[0].Method);
        Assert.Equal("/clusters/" + ProId, fake.Requests[0].Path);
        Assert.Equal(ProId, c.ClusterId);
        Assert.Equal("prod-legacy", c.Name);
        Assert.Equal("ManagedKubernetes", c.ClusterType);
        Assert.Equal("ack.pro.small", c.ClusterSpec);
        Assert.Equal("Default", c.Profile);
        Assert.Equal("1.30.7-aliyun.1", c.CurrentVersion);
        Assert.Equal(ProRole, c.WorkerRamRoleName);
        Assert.Equal(new DateTimeOffset(2023, 5, 10, 0, 0, 0, TimeSpan.Zero), c.Created);
        Assert.Equal("4a9e2f1c", c.Parameters["ALIYUN::StackId"]);
        Assert.Equal("3", c.Parameters["Size"]);
        Assert.Equal("prod", c.Tags["env"]);
        Assert.True(c.DeletionProtection);
    }

    [Fact]
    public async Task DescribeClusterNodePools_reads_each_pools_role_with_the_deprecated_field_as_fallback()
    {
        var legacyPool = "{\"nodepool_info\":{\"nodepool_id\":\"np-old\",\"name\":\"old\",\"is_default\":\"false\"},\"scaling_group\":{\"ram_policy\":\"LegacyRole\"}}";
        var fake = new FakeTransport().On(ServiceDescriptor.Cs, "DescribeClusterNodePools",
            NodePools(NodePool("np-default", "default-nodepool", true, ProRole), NodePool("np-gpu", "gpu-pool", false, "AckGpuNodeRole"), legacyPool));

        var pools = await new CsClient(fake).DescribeClusterNodePoolsAsync(ProId, CancellationToken.None);

        Assert.Equal($"/clusters/{ProId}/nodepools", fake.Requests[0].Path);
        Assert.Equal(new[] { ProRole, "AckGpuNodeRole", "LegacyRole" }, pools.Select(p => p.RamRoleName));
        Assert.True(pools[0].IsDefault);
        Assert.False(pools[2].IsDefault);
        Assert.Equal(3, pools[0].TotalNodes);
        Assert.Equal("active", pools[1].State);
    }

    [Theory]
    [InlineData("[]", "body is an array")]
    [InlineData("{\"clusters\":{\"cluster_id\":\"c1\"}}", "clusters is an object")]
    [InlineData("{\"clusters\":[\"c1\"]}", "clusters[0] is a string")]
    [InlineData("{\"clusters\":[{\"name\":\"no id\"}]}", "cluster_id is missing")]
    [InlineData("{\"clusters\":[{\"cluster_id\":{\"x\":1}}]}", "cluster_id is an object")]
    public async Task Wrong_shapes_raise_MalformedResponse(string body, string expected)
    {
        var fake = new FakeTransport().On(ServiceDescriptor.Cs, "DescribeClustersV1", body);

        var e = await Assert.ThrowsAsync<AlibabaServiceException>(() => new CsClient(fake).DescribeClustersV1Async(null, CancellationToken.None));

        Assert.Equal("MalformedResponse", e.Code);
        Assert.Equal("DescribeClustersV1", e.Action);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public async Task Cancellation_reaches_the_transport()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var fake = new FakeTransport().On(ServiceDescriptor.Cs, "DescribeClustersV1", "{\"clusters\":[]}");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new CsClient(fake).DescribeClustersV1Async(null, cts.Token));
    }
}
