using AckHardening.Components;
using AckHardening.Core.Kubernetes;
using k8s.Models;

namespace AckHardening.Core.Tests.Components;

public class ImageVersionReaderTests
{
    [Theory]
    [InlineData("registry-vpc.cn-hangzhou.aliyuncs.com/acs/autoscaler:v1.3.1-bcf13de9-aliyun", "registry-vpc.cn-hangzhou.aliyuncs.com", "acs/autoscaler", "v1.3.1-bcf13de9-aliyun", null)]
    [InlineData("registry-cn-shanghai-vpc.ack.aliyuncs.com/acs/autoscaler:v1.9.0", "registry-cn-shanghai-vpc.ack.aliyuncs.com", "acs/autoscaler", "v1.9.0", null)]
    [InlineData("registry.example.com:5000/acs/autoscaler:v1.3.1", "registry.example.com:5000", "acs/autoscaler", "v1.3.1", null)]
    [InlineData("registry.example.com:5000/acs/autoscaler", "registry.example.com:5000", "acs/autoscaler", null, null)]
    [InlineData("localhost:5000/acs/autoscaler@sha256:0123abcd", "localhost:5000", "acs/autoscaler", null, "sha256:0123abcd")]
    [InlineData("registry.example.com:5000/acs/autoscaler:v1.3.2@sha256:0123abcd", "registry.example.com:5000", "acs/autoscaler", "v1.3.2", "sha256:0123abcd")]
    [InlineData("acs/autoscaler:v1.3.1", null, "acs/autoscaler", "v1.3.1", null)]
    [InlineData("busybox", null, "busybox", null, null)]
    [InlineData("localhost/acs/autoscaler:1", "localhost", "acs/autoscaler", "1", null)]
    public void Parses_image_references(string image, string? registry, string repository, string? tag, string? digest)
    {
        var reference = ContainerImageReference.Parse(image);
        Assert.Equal(registry, reference.Registry);
        Assert.Equal(repository, reference.Repository);
        Assert.Equal(tag, reference.Tag);
        Assert.Equal(digest, reference.Digest);
    }

    [Theory]
    [InlineData("acs/autoscaler", true)]
    [InlineData("mirror/acs/autoscaler", true)]
    [InlineData("acs/autoscaler-helper", false)]
    [InlineData("xacs/autoscaler", false)]
    [InlineData("autoscaler", false)]
    public void Repository_match_is_by_path_suffix(string repository, bool matches) =>
        Assert.Equal(matches, new ContainerImageReference(repository, null, repository, null, null).RepositoryMatches("acs/autoscaler"));

    private static V1Deployment AutoscalerWith(params (string Name, string Image)[] containers) => new()
    {
        Metadata = new V1ObjectMeta { Name = "cluster-autoscaler", NamespaceProperty = "kube-system" },
        Spec = new V1DeploymentSpec
        {
            Template = new V1PodTemplateSpec
            {
                Spec = new V1PodSpec
                {
                    InitContainers = [new V1Container { Name = "init", Image = "registry.example.com/acs/autoscaler:v0.0.1" }],
                    Containers = containers.Select(c => new V1Container { Name = c.Name, Image = c.Image }).ToList(),
                },
            },
        },
    };

    [Fact]
    public void Picks_the_container_by_repository_not_by_position()
    {
        var deployment = AutoscalerWith(
            ("sidecar", "registry-vpc.cn-hangzhou.aliyuncs.com/acs/kube-rbac-proxy:v0.8.0"),
            ("cluster-autoscaler", "registry-vpc.cn-hangzhou.aliyuncs.com/acs/autoscaler:v1.3.1-bcf13de9-aliyun"));
        var reading = ImageVersionReader.Read(deployment, "acs/autoscaler");
        Assert.True(reading.HasVersion);
        Assert.Equal("cluster-autoscaler", reading.ContainerName);
        Assert.Equal("v1.3.1-bcf13de9-aliyun", reading.Version);

        var component = reading.ToComponent("c1", "cluster-autoscaler");
        Assert.Equal(ComponentSource.Workload, component.Source);
        Assert.Equal("v1.3.1-bcf13de9-aliyun", component.Version);
    }

    [Fact]
    public void Digest_only_image_has_no_version()
    {
        var reading = ImageVersionReader.Read(AutoscalerWith(("ca", "registry.example.com:5000/acs/autoscaler@sha256:feed")), "acs/autoscaler");
        Assert.True(reading.ContainerFound);
        Assert.False(reading.HasVersion);
        Assert.Equal("sha256:feed", reading.Digest);
        Assert.Contains("pinned by digest", reading.Reason);
    }

    [Fact]
    public void Non_version_tag_is_reported_not_guessed()
    {
        var reading = ImageVersionReader.Read(AutoscalerWith(("ca", "registry.example.com/acs/autoscaler:latest")), "acs/autoscaler");
        Assert.True(reading.ContainerFound);
        Assert.Null(reading.Version);
        Assert.Equal("latest", reading.Tag);
        Assert.Contains("not a version", reading.Reason);
    }

    [Fact]
    public void No_matching_container()
    {
        var reading = ImageVersionReader.Read(AutoscalerWith(("x", "registry.example.com/acs/other:v1")), "acs/autoscaler");
        Assert.False(reading.ContainerFound);
        Assert.Contains("acs/autoscaler", reading.Reason);
        Assert.False(ImageVersionReader.Read(new V1Deployment(), "acs/autoscaler").ContainerFound);
    }
}
