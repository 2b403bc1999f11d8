using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using AckHardening.Sandbox.Kubernetes;

namespace AckHardening.Core.Tests.KubeAccess;

/// <summary>The emulated API server's wire shapes, checked with a plain HttpClient.</summary>
public sealed class SandboxApiShapeTests : IClassFixture<KubernetesSandboxFixture>
{
    private readonly KubernetesSandboxFixture _sandbox;

    public SandboxApiShapeTests(KubernetesSandboxFixture sandbox)
    {
        _sandbox = sandbox;
        sandbox.State.Reset();
    }

    private HttpClient Client(string? token = TestScenario.Token)
    {
        var client = new HttpClient { BaseAddress = _sandbox.BaseAddress };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static void SameJson(string expected, JsonNode actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), actual.ToJsonString());

    private static async Task<(HttpStatusCode, JsonObject)> Send(HttpClient client, HttpRequestMessage request)
    {
        using var response = await client.SendAsync(request);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    [Fact]
    public async Task Failures_are_Status_objects()
    {
        using var anonymous = Client(token: null);
        var (code, body) = await Send(anonymous, new HttpRequestMessage(HttpMethod.Get, "api/v1/nodes"));
        Assert.Equal(HttpStatusCode.Unauthorized, code);
        SameJson("""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}""", body);

        using var client = Client();
        (code, body) = await Send(client, new HttpRequestMessage(HttpMethod.Get, "apis/apps/v1/namespaces/kube-system/daemonsets/terway"));
        Assert.Equal(HttpStatusCode.NotFound, code);
        SameJson("""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"daemonsets.apps \"terway\" not found","reason":"NotFound","details":{"name":"terway","group":"apps","kind":"daemonsets"},"code":404}""", body);

        var jsonPatch = new HttpRequestMessage(HttpMethod.Patch, "apis/apps/v1/namespaces/kube-system/deployments/web")
        { Content = new StringContent("""[{"op":"add","path":"/metadata/labels/x","value":"y"}]""", Encoding.UTF8, "application/json-patch+json") };
        (code, body) = await Send(client, jsonPatch);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, code);
        Assert.Equal("UnsupportedMediaType", (string?)body["reason"]);

        (code, body) = await Send(client, new HttpRequestMessage(HttpMethod.Get, "api/v1/pods?labelSelector=app%20in%20(a"));
        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Equal("BadRequest", (string?)body["reason"]);
    }

    [Fact]
    public async Task Version_is_public_and_lists_look_like_the_api_server()
    {
        using var anonymous = Client(token: null);
        var (code, version) = await Send(anonymous, new HttpRequestMessage(HttpMethod.Get, "version"));
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal(("1", "30", "v1.30.7-aliyun.1"), ((string?)version["major"], (string?)version["minor"], (string?)version["gitVersion"]));

        using var client = Client();
        var (_, list) = await Send(client, new HttpRequestMessage(HttpMethod.Get, "apis/apps/v1/deployments?labelSelector=app%3Dweb"));
        Assert.Equal(("DeploymentList", "apps/v1"), ((string?)list["kind"], (string?)list["apiVersion"]));
        Assert.NotNull((string?)list["metadata"]!["resourceVersion"]);
        var item = list["items"]!.AsArray().Single()!.AsObject();
        Assert.Null(item["kind"]);                                   // typed list items carry no kind
        Assert.Equal("web", (string?)item["metadata"]!["name"]);
        SameJson("""{"matchLabels":{"app":"web"}}""", item["spec"]!["selector"]!);

        var (_, groups) = await Send(client, new HttpRequestMessage(HttpMethod.Get, "apis"));
        Assert.Equal("apps", (string?)groups["groups"]![0]!["name"]);
    }

    [Fact]
    public async Task A_no_op_patch_keeps_generation_and_resource_version()
    {
        using var client = Client();
        const string patch = """{"metadata":{"labels":{"tier":"system"}}}""";
        HttpRequestMessage Patch() => new(HttpMethod.Patch, "apis/apps/v1/namespaces/kube-system/deployments/web")
        { Content = new StringContent(patch, Encoding.UTF8, "application/merge-patch+json") };
        var (_, first) = await Send(client, Patch());
        var (_, second) = await Send(client, Patch());
        Assert.Equal(1, (long?)first["metadata"]!["generation"]);    // labels are not spec
        Assert.Equal((string?)first["metadata"]!["resourceVersion"], (string?)second["metadata"]!["resourceVersion"]);
        Assert.Equal("system", (string?)second["metadata"]!["labels"]!["tier"]);
    }

    [Fact]
    public void Default_scenario_holds_both_in_scope_clusters()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "src", "AckHardening.Sandbox", "Scenarios", "default", KubernetesScenario.FileName)))
            dir = dir.Parent;
        Assert.NotNull(dir);
        var clusters = KubernetesScenario.LoadFolder(Path.Combine(dir!.FullName, "src", "AckHardening.Sandbox", "Scenarios", "default"));
        Assert.Equal(["c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a", "c5b1e8f2a3d4c6e7f8091a2b3c4d5e6f7"], clusters.Keys.Order().ToArray());

        var prod = clusters["c5b1e8f2a3d4c6e7f8091a2b3c4d5e6f7"];
        var now = DateTimeOffset.UtcNow;
        var eni = prod.Get(ResourceType.ConfigMap, "kube-system", "eni-config", now);
        Assert.Equal(200, eni.StatusCode);
        Assert.DoesNotContain("credential_path", (string?)eni.Body["data"]!["eni_conf"]);
        var autoscaler = prod.Get(ResourceType.Deployment, "kube-system", "cluster-autoscaler", now).Body;
        Assert.Contains("/acs/autoscaler:v1.3.0-", (string?)autoscaler["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]);
        Assert.True((bool?)prod.Get(ResourceType.Deployment, "kube-system", "ack-node-problem-detector-eventer", now).Body["spec"]!["paused"]);
        Assert.Equal("OnDelete", (string?)prod.Get(ResourceType.DaemonSet, "kube-system", "logtail-ds", now).Body["spec"]!["updateStrategy"]!["type"]);
        var tokens = prod.List(ResourceType.Secret, "kube-system", "ack.aliyun.com/addon-token=true", null, now).Body["items"]!.AsArray();
        Assert.Contains(tokens, s => Encoding.UTF8.GetString(Convert.FromBase64String((string)s!["data"]!["addon.token.config"]!)).StartsWith("{\"error\":", StringComparison.Ordinal));
        Assert.Equal(4, prod.Get(ResourceType.DaemonSet, "kube-system", "terway-eniip", now).Body["status"]!["desiredNumberScheduled"]!.GetValue<int>());

        var staging = clusters["c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a"];
        Assert.Contains("\"credential_path\": \"/var/addon/token-config\"", (string?)staging.Get(ResourceType.ConfigMap, "kube-system", "eni-config", now).Body["data"]!["eni_conf"]);
    }
}
