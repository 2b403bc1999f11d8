using System.Net;
using AckHardening.Clusters;
using AckHardening.Core.Clusters;
using AckHardening.Core.Errors;
using AckHardening.Core.Http;
using AckHardening.Core.Services.Cs;
using static AckHardening.Core.Tests.Step1.Step1Json;

namespace AckHardening.Core.Tests.Step1;

public class ClusterInventoryTests
{
    private static readonly Dictionary<string, string> Details = new()
    {
        [ProId] = Cluster(ProId, "prod-legacy", "ManagedKubernetes", "ack.pro.small", "Default", ProRole),
        [BasicId] = Cluster(BasicId, "staging-basic", "ManagedKubernetes", "ack.standard", "Default", BasicRole),
        [DedicatedId] = Cluster(DedicatedId, "old-dedicated", "Kubernetes", null, null, "KubernetesWorkerRole-dedicated"),
        ["c00000000000000000000000000serverless"] = Cluster("c00000000000000000000000000serverless", "sls", "ManagedKubernetes", "ack.pro.small", "Serverless", null),
        ["c000000000000000000000000000000edge"] = Cluster("c000000000000000000000000000000edge", "edge", "ManagedKubernetes", "ack.pro.small", "Edge", null),
    };

    private static FakeTransport DefaultScenario()
    {
        var fake = new FakeTransport()
            .On(ServiceDescriptor.Cs, "DescribeClustersV1", Page(Details.Values, 1, 100, Details.Count))
            .On(ServiceDescriptor.Cs, "DescribeClusterDetail", r =>
            {
                var id = r.Path["/clusters/".Length..];
                return Details.TryGetValue(id, out var json) ? json
                    : throw FakeTransport.Error("Cs", "DescribeClusterDetail", "ErrorClusterNotFound", HttpStatusCode.NotFound, "req-404");
            })
            .On(ServiceDescriptor.Cs, "DescribeClusterNodePools", r => r.Path.Contains(ProId)
                ? NodePools(NodePool("np-default", "default-nodepool", true, ProRole), NodePool("np-gpu", "gpu-pool", false, "AckGpuNodeRole"))
                : NodePools(NodePool("np-basic", "default-nodepool", true, BasicRole)));
        return fake;
    }

    private static async Task<List<AckCluster>> ListAll(ClusterInventory inventory, Func<CsCluster, bool>? filter = null)
    {
        var list = new List<AckCluster>();
        await foreach (var c in inventory.ListClustersAsync(filter, CancellationToken.None)) list.Add(c);
        return list;
    }

    [Fact]
    public async Task Lists_only_managed_pro_and_basic_and_warns_about_the_others()
    {
        var log = new RecordingLog();
        var fake = DefaultScenario();

        var clusters = await ListAll(new ClusterInventory(new CsClient(fake, "cn-hangzhou"), "cn-hangzhou", log));

        Assert.Equal(new[] { ProId, BasicId }, clusters.Select(c => c.ClusterId));
        Assert.Equal(3, log.Warnings.Count);
        Assert.Contains(log.Warnings, w => w.Contains(DedicatedId) && w.Contains("dedicated"));
        Assert.Contains(log.Warnings, w => w.Contains("Serverless"));
        Assert.Contains(log.Warnings, w => w.Contains("Edge"));
        // Out-of-scope clusters are not read any further.
        Assert.DoesNotContain(fake.Requests, r => r.Path.Contains(DedicatedId));
        Assert.Contains(log.Progress, p => p.Completed);
    }

    [Fact]
    public async Task Reports_the_cluster_role_and_the_distinct_node_pool_roles()
    {
        var clusters = await ListAll(new ClusterInventory(new CsClient(DefaultScenario()), "cn-hangzhou"));

        var pro = clusters.Single(c => c.ClusterId == ProId);
        Assert.Equal(ProRole, pro.WorkerRamRoleName);
        Assert.Equal("Detail", pro.WorkerRamRoleSource);
        Assert.Equal("Pro", pro.Edition);
        Assert.Equal("1.30.7-aliyun.1", pro.KubernetesVersion);
        Assert.Equal(2, pro.NodePoolCount);
        Assert.Equal(new[] { ProRole, "AckGpuNodeRole" }, pro.NodePoolWorkerRoles);
        Assert.Equal(ProRole + "; AckGpuNodeRole", pro.NodePoolRoleNames);
        Assert.Equal(new[] { ProRole }, pro.GetWorkerRoleNames(false));
        Assert.Equal(new[] { ProRole, "AckGpuNodeRole" }, pro.GetWorkerRoleNames(true));

        var basic = clusters.Single(c => c.ClusterId == BasicId);
        Assert.Equal("Basic", basic.Edition);
        Assert.Equal(new[] { BasicRole }, basic.GetWorkerRoleNames(true));
    }

    [Fact]
    public async Task The_filter_sees_the_list_entries()
    {
        var clusters = await ListAll(new ClusterInventory(new CsClient(DefaultScenario()), "cn-hangzhou"), c => c.Name!.StartsWith("prod"));
        Assert.Equal(ProId, Assert.Single(clusters).ClusterId);
    }

    [Fact]
    public async Task Unknown_cluster_id_is_AckClusterNotFound_keeping_code_and_request_id()
    {
        var inventory = new ClusterInventory(new CsClient(DefaultScenario()), "cn-hangzhou");

        var e = await Assert.ThrowsAsync<AckException>(() => inventory.GetClusterAsync("c99999999999999999999999999999999", CancellationToken.None));

        Assert.Equal("AckClusterNotFound", e.ErrorId);
        Assert.Equal(AckErrorKind.ObjectNotFound, e.Kind);
        Assert.Equal("c99999999999999999999999999999999", e.Target);
        var inner = Assert.IsType<AlibabaServiceException>(e.InnerException);
        Assert.Equal("ErrorClusterNotFound", inner.Code);
        Assert.Contains("req-404", e.Message);
    }

    [Fact]
    public async Task A_dedicated_cluster_asked_by_id_is_skipped_with_a_warning()
    {
        var log = new RecordingLog();
        var inventory = new ClusterInventory(new CsClient(DefaultScenario()), "cn-hangzhou", log);

        Assert.Null(await inventory.GetClusterAsync(DedicatedId, CancellationToken.None));
        Assert.Contains(log.Warnings, w => w.Contains("old-dedicated"));
    }

    [Theory]
    [InlineData("../clusters")]
    [InlineData("c1/nodepools")]
    [InlineData("")]
    public async Task Ids_that_are_not_ids_are_refused_before_any_call(string id)
    {
        var fake = DefaultScenario();
        var e = await Assert.ThrowsAsync<AckException>(() => new ClusterInventory(new CsClient(fake), "cn-hangzhou").GetClusterAsync(id, CancellationToken.None));
        Assert.Equal("AckInvalidClusterId", e.ErrorId);
        Assert.Empty(fake.Requests);
    }

    [Fact]
    public void Worker_role_falls_back_to_parameters_default_pool_then_stack_id()
    {
        CsCluster Detail(Dictionary<string, string> p) => new() { ClusterId = ProId, ClusterType = "ManagedKubernetes", Parameters = p };
        var noPools = Array.Empty<CsNodePool>();
        var pools = new[] { new CsNodePool { NodePoolId = "np1", IsDefault = true, RamRoleName = "KubernetesWorkerRole-from-pool" } };

        Assert.Equal(("KubernetesWorkerRole-p", "Parameters"),
            ClusterInventory.ResolveWorkerRoleName(Detail(new() { ["WorkerRamRoleName"] = "KubernetesWorkerRole-p", ["ALIYUN::StackId"] = "s" }), pools));
        Assert.Equal(("KubernetesWorkerRole-from-pool", "NodePool"),
            ClusterInventory.ResolveWorkerRoleName(Detail(new() { ["ALIYUN::StackId"] = "s" }), pools));
        Assert.Equal(("KubernetesWorkerRole-00623c79-cd5b-4325-bcd2-b0f0b9bf8396", "StackId"),
            ClusterInventory.ResolveWorkerRoleName(Detail(new() { ["ALIYUN::StackId"] = "00623c79-cd5b-4325-bcd2-b0f0b9bf8396" }), noPools));
        Assert.Equal(((string?)null, (string?)null), ClusterInventory.ResolveWorkerRoleName(Detail(new()), noPools));
    }

    [Fact]
    public async Task A_cluster_deleted_between_list_and_detail_is_skipped_with_a_warning()
    {
        var log = new RecordingLog();
        var fake = DefaultScenario().On(ServiceDescriptor.Cs, "DescribeClusterDetail", r => r.Path.Contains(BasicId)
            ? throw FakeTransport.Error("Cs", "DescribeClusterDetail", "ErrorClusterNotFound", HttpStatusCode.NotFound)
            : Details[ProId]);

        var clusters = await ListAll(new ClusterInventory(new CsClient(fake), "cn-hangzhou", log));

        Assert.Equal(ProId, Assert.Single(clusters).ClusterId);
        Assert.Contains(log.Warnings, w => w.Contains(BasicId) && w.Contains("disappeared"));
    }

    [Fact]
    public async Task Other_service_errors_propagate_unchanged()
    {
        var fake = DefaultScenario().On(ServiceDescriptor.Cs, "DescribeClusterDetail",
            _ => throw FakeTransport.Error("Cs", "DescribeClusterDetail", "ServiceUnavailable", HttpStatusCode.ServiceUnavailable));

        var e = await Assert.ThrowsAsync<AlibabaServiceException>(() => new ClusterInventory(new CsClient(fake), "cn-hangzhou").GetClusterAsync(ProId, CancellationToken.None));
        Assert.Equal("ServiceUnavailable", e.Code);
    }
}
