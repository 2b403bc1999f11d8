using System.Net;
using AckHardening.Core.Credentials;
using AckHardening.Core.Http;
using AckHardening.Core.KubeAccess;
using AckHardening.Core.Services.Cs;
using AckHardening.Core.Tests.KubeAccess;
using AckHardening.Core.Tests.Sandbox;

namespace AckHardening.Core.Tests.CompKube;

/// <summary>DescribeClusterUserKubeconfig in the sandbox and through <see cref="CsKubeconfigClient"/>: the kubeconfig reaches the cluster's API server.</summary>
public sealed class CsKubeconfigTests(SandboxFixture sbx) : IClassFixture<SandboxFixture>
{
    private const string ProdToken = "sbx-k8s-prod-legacy-7c1e9a3f5b2d4e6a8c0f";

    private CsKubeconfigClient Client() =>
        new(new AlibabaTransport(new AckSession(new StaticCredentialProvider(SandboxFixture.Admin, "sbx-Secret-7f3a9c2e5b8d1f4a6c0e"), "cn-hangzhou",
            new Dictionary<string, Uri> { ["Cs"] = sbx.Base("Cs") }), new ListLog()), "cn-hangzhou");

    [Fact]
    public async Task Temporary_kubeconfig_points_at_the_cluster_port_with_its_token_and_expires_as_asked()
    {
        var before = DateTimeOffset.UtcNow;
        var k = await Client().DescribeClusterUserKubeconfigAsync(SandboxFixture.ProdCluster, false, 60, CancellationToken.None);
        Assert.Contains("server: " + sbx.Host.Endpoints.Kubernetes[SandboxFixture.ProdCluster].ToString().TrimEnd('/'), k.Config);
        Assert.Contains("token: " + ProdToken, k.Config);
        Assert.NotNull(k.Expiration);
        Assert.InRange(k.Expiration!.Value, before.AddMinutes(59), DateTimeOffset.UtcNow.AddMinutes(61));
        Assert.DoesNotContain(ProdToken, k.ToString());

        using var gateway = KubernetesGateway.Connect(KubeconfigSource.FromYaml(k.Config, description: k.ToString()));
        var metrics = await gateway.GetDeploymentAsync("kube-system", "metrics-server");
        Assert.Equal("metrics-server", metrics.Metadata.Name);
    }

    [Fact]
    public async Task Private_flag_is_sent_and_named_in_the_kubeconfig()
    {
        var k = await Client().DescribeClusterUserKubeconfigAsync(SandboxFixture.StagingCluster, true, null, CancellationToken.None);
        Assert.True(k.PrivateIpAddress);
        Assert.Contains("kubernetes-internal", k.Config);
        Assert.Contains("sbx-k8s-staging-basic-2b4d6f8a0c1e3a5c7e9b", k.Config);
        // Without TemporaryDurationMinutes the long-lived kubeconfig (years) is issued.
        Assert.True(k.Expiration > DateTimeOffset.UtcNow.AddDays(365));
    }

    [Theory]
    [InlineData("14")]
    [InlineData("4321")]
    [InlineData("abc")]
    public async Task Sandbox_refuses_a_duration_outside_15_to_4320(string minutes)
    {
        var r = await sbx.Cs("DescribeClusterUserKubeconfig", $"/k8s/{SandboxFixture.ProdCluster}/user_config?TemporaryDurationMinutes={minutes}");
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        var body = await SandboxFixture.Json(r);
        Assert.Equal("InvalidParameter", (string?)body["code"]);
        Assert.Contains("TemporaryDurationMinutes", (string?)body["message"]);
    }

    [Fact]
    public async Task Client_checks_the_range_before_sending_and_maps_unknown_clusters()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Client().DescribeClusterUserKubeconfigAsync(SandboxFixture.ProdCluster, false, 10, CancellationToken.None));
        var e = await Assert.ThrowsAsync<AlibabaServiceException>(() => Client().DescribeClusterUserKubeconfigAsync("cnotthere", false, 15, CancellationToken.None));
        Assert.Equal("ErrorClusterNotFound", e.Code);
    }
}
