using AckHardening.Core.Errors;
using AckHardening.Core.KubeAccess;

namespace AckHardening.Core.Tests.KubeAccess;

public sealed class KubeconfigSourceTests
{
    private static string Config(string server, string token = "secret-token-abc") => $"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: c
          cluster:
            server: {server}
        contexts:
        - name: main
          context:
            cluster: c
            user: u
        - name: other
          context:
            cluster: c
            user: u
        current-context: main
        users:
        - name: u
          user:
            token: {token}
        """;

    [Fact]
    public void In_memory_kubeconfig_builds_a_configuration_and_never_shows_its_content()
    {
        var source = KubeconfigSource.FromYaml(Config("https://47.96.1.2:6443"), context: "other", description: "kubeconfig of cluster c-1 from CS");
        var config = source.BuildConfiguration();
        Assert.Equal("https://47.96.1.2:6443", config.Host.TrimEnd('/'));
        Assert.Equal("other", config.CurrentContext);
        Assert.Equal("secret-token-abc", config.AccessToken);
        Assert.True(source.IsInMemory);
        Assert.Equal("kubeconfig of cluster c-1 from CS (context other)", source.ToString());
        Assert.DoesNotContain("secret-token", source.ToString());
    }

    [Fact]
    public void Plain_http_is_refused_off_loopback()
    {
        var e = Assert.Throws<AckException>(() => KubeconfigSource.FromYaml(Config("http://10.0.0.5:6443")).BuildConfiguration());
        Assert.Equal("AckKubernetesEndpointRefused", e.ErrorId);
        Assert.NotNull(KubeconfigSource.FromYaml(Config("http://127.0.0.1:6443")).BuildConfiguration());
    }

    [Fact]
    public void Broken_documents_and_unknown_contexts_are_reported_without_their_content()
    {
        var broken = Assert.Throws<AckException>(() => KubeconfigSource.FromYaml("clusters: [ { secret-token-abc").BuildConfiguration());
        Assert.Equal("AckKubeconfigInvalid", broken.ErrorId);
        Assert.DoesNotContain("secret-token", broken.Message);

        var context = Assert.Throws<AckException>(() => KubeconfigSource.FromYaml(Config("https://k8s.example:6443"), "nope").BuildConfiguration());
        Assert.Equal("AckKubeconfigInvalid", context.ErrorId);

        var missing = Assert.Throws<AckException>(() => KubeconfigSource.FromFile(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "config")).BuildConfiguration());
        Assert.Equal("AckKubeconfigInvalid", missing.ErrorId);
    }
}
