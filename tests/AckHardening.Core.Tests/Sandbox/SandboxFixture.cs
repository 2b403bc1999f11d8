using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AckHardening.Sandbox.Hosting;

namespace AckHardening.Core.Tests.Sandbox;

/// <summary>An in-process sandbox on loopback, loaded from the default scenario in the source tree; one per test class.</summary>
public sealed class SandboxFixture : IAsyncLifetime
{
    public const string Admin = "LTAI5tSbxAdminKey0000001";
    public const string ProdCluster = "c5b1e8f2a3d4c6e7f8091a2b3c4d5e6f7";
    public const string StagingCluster = "c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a";
    public const string DedicatedCluster = "c1a2b3c4d5e6f708192a3b4c5d6e7f809";
    public const string ProdWorkerRole = "KubernetesWorkerRole-4a9e2f1c-7b3d-4e8a-9c6f-1d2e3f4a5b6c";
    public const string ProdWorkerPolicy = "k8sWorkerRolePolicy-4a9e2f1c-7b3d-4e8a-9c6f-1d2e3f4a5b6c";
    public const string OperatorRoleArn = "acs:ram::1234567890123456:role/AckHardeningOperator";

    private static readonly Dictionary<string, string> Versions = new()
    {
        ["Ram"] = "2015-05-01", ["Sts"] = "2015-04-01", ["Cs"] = "2015-12-15", ["ActionTrail"] = "2020-07-06",
    };

    public SandboxHost Host { get; private set; } = null!;
    public HttpClient Http { get; } = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };

    public static string RepoRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "AckHardening.slnx"))) return dir.FullName;
            throw new InvalidOperationException("Repository root not found above " + AppContext.BaseDirectory);
        }
    }

    public static string DefaultScenario => Path.Combine(RepoRoot, "src", "AckHardening.Sandbox", "Scenarios", "default");

    public async Task InitializeAsync() => Host = await SandboxHost.StartAsync(new SandboxOptions(DefaultScenario));

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
    }

    public Uri Base(string service) => Host.Endpoints.Services[service];

    /// <summary>POST / with every parameter in the query, as the POP SDKs send RPC calls.</summary>
    public async Task<HttpResponseMessage> Rpc(string service, string action, IEnumerable<KeyValuePair<string, string>>? parameters = null,
        TestKey? key = null, DateTimeOffset? date = null, string? nonce = null, Action<HttpRequestMessage>? afterSigning = null,
        HttpContent? content = null)
    {
        var query = TestSigner.Query(parameters ?? []);
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Base(service), query.Length == 0 ? "/" : "/?" + query)) { Content = content };
        await TestSigner.SignAsync(request, action, Versions[service], key ?? TestKey.Admin, date, nonce);
        afterSigning?.Invoke(request);
        return await Http.SendAsync(request);
    }

    public Task<HttpResponseMessage> Ram(string action, params (string Name, string Value)[] parameters) =>
        Rpc("Ram", action, parameters.Select(p => new KeyValuePair<string, string>(p.Name, p.Value)));

    /// <summary>An ROA call to CS; <paramref name="pathAndQuery"/> must already be encoded.</summary>
    public async Task<HttpResponseMessage> Cs(string action, string pathAndQuery, TestKey? key = null, HttpMethod? method = null)
    {
        var request = new HttpRequestMessage(method ?? HttpMethod.Get, new Uri(Base("Cs"), pathAndQuery));
        await TestSigner.SignAsync(request, action, Versions["Cs"], key ?? TestKey.Admin);
        return await Http.SendAsync(request);
    }

    public static async Task<JsonObject> Json(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    public async Task<JsonArray> Requests(string? query = null) =>
        JsonNode.Parse(await Http.GetStringAsync(new Uri(Base("Control"), "/_sandbox/requests" + query)))!.AsArray();

    public Task ClearRequests() => Http.DeleteAsync(new Uri(Base("Control"), "/_sandbox/requests"));

    public async Task AddFault(object rule)
    {
        var response = await Http.PostAsJsonAsync(new Uri(Base("Control"), "/_sandbox/faults"), rule);
        Assert.Equal(201, (int)response.StatusCode);
    }

    public Task ClearFaults() => Http.DeleteAsync(new Uri(Base("Control"), "/_sandbox/faults"));

    public async Task Reset() => (await Http.PostAsync(new Uri(Base("Control"), "/_sandbox/reset"), null)).EnsureSuccessStatusCode();

    public async Task AdvanceClock(double seconds) =>
        (await Http.PostAsync(new Uri(Base("Control"), "/_sandbox/clock"),
            new StringContent($"{{\"advanceSeconds\":{seconds}}}", Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
}
