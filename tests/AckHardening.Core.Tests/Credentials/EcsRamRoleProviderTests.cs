using System.Net;
using System.Net.Sockets;
using AckHardening.Core.Credentials;
using AckHardening.Core.Errors;
using AckHardening.Core.Tests.Http;

namespace AckHardening.Core.Tests.Credentials;

public class EcsRamRoleProviderTests
{
    private static readonly Uri Stub = new("http://127.0.0.1:9006/");
    private DateTimeOffset _now = new(2024, 1, 2, 0, 0, 0, TimeSpan.Zero);

    private string Creds(string id, int hours = 6) =>
        $"{{\"Code\":\"Success\",\"AccessKeyId\":\"{id}\",\"AccessKeySecret\":\"ecs-secret\",\"SecurityToken\":\"ecs-token\",\"Expiration\":\"{_now.AddHours(hours).UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}\",\"LastUpdated\":\"2024-01-02T00:00:00Z\"}}";

    [Fact]
    public async Task ImdsV2_TokenThenDiscoveredRole()
    {
        var stub = new StubHandler()
            .ThenText(HttpStatusCode.OK, "imds-token-1")
            .ThenText(HttpStatusCode.OK, "KubernetesWorkerRole-4a9e2f1c\n")
            .ThenJson(HttpStatusCode.OK, Creds("STS.ecs1"));
        var provider = new EcsRamRoleCredentialProvider(null, Stub, stub, clock: () => _now);
        var c = await provider.GetCredentialAsync(CancellationToken.None);

        Assert.Equal("STS.ecs1", c.AccessKeyId);
        Assert.Equal("ecs-token", c.SecurityToken);
        Assert.Equal("EcsRamRole:KubernetesWorkerRole-4a9e2f1c", provider.Source);
        Assert.Equal("PUT", stub.Requests[0].Method);
        Assert.Equal("http://127.0.0.1:9006/latest/api/token", stub.Requests[0].Uri.AbsoluteUri);
        Assert.Equal("21600", stub.Requests[0].Headers["X-aliyun-ecs-metadata-token-ttl-seconds"]);
        Assert.Equal("http://127.0.0.1:9006/latest/meta-data/ram/security-credentials/", stub.Requests[1].Uri.AbsoluteUri);
        Assert.Equal("http://127.0.0.1:9006/latest/meta-data/ram/security-credentials/KubernetesWorkerRole-4a9e2f1c", stub.Requests[2].Uri.AbsoluteUri);
        Assert.Equal("imds-token-1", stub.Requests[2].Headers["X-aliyun-ecs-metadata-token"]);
    }

    [Fact]
    public async Task ImdsV1Fallback_WhenTokenRefused_UnlessDisabled()
    {
        var stub = new StubHandler().ThenText(HttpStatusCode.Forbidden, "no").ThenJson(HttpStatusCode.OK, Creds("STS.v1"));
        var c = await new EcsRamRoleCredentialProvider("r1", Stub, stub, clock: () => _now).GetCredentialAsync(CancellationToken.None);
        Assert.Equal("STS.v1", c.AccessKeyId);
        Assert.False(stub.Requests[1].Headers.ContainsKey("X-aliyun-ecs-metadata-token"));

        var strict = new StubHandler().ThenText(HttpStatusCode.Forbidden, "no");
        var e = await Assert.ThrowsAsync<AckException>(() => new EcsRamRoleCredentialProvider("r1", Stub, strict, imdsV1Disabled: true).GetCredentialAsync(CancellationToken.None));
        Assert.Equal("AckEcsRamRoleUnavailable", e.ErrorId);
    }

    [Fact]
    public async Task RefreshesBeforeExpiry()
    {
        var stub = new StubHandler().ThenText(HttpStatusCode.OK, "t").ThenJson(HttpStatusCode.OK, Creds("STS.a", 1))
            .ThenText(HttpStatusCode.OK, "t").ThenJson(HttpStatusCode.OK, Creds("STS.b", 2));
        var provider = new EcsRamRoleCredentialProvider("r1", Stub, stub, clock: () => _now);
        Assert.Equal("STS.a", (await provider.GetCredentialAsync(CancellationToken.None)).AccessKeyId);
        _now = _now.AddMinutes(58);
        Assert.Equal("STS.b", (await provider.GetCredentialAsync(CancellationToken.None)).AccessKeyId);
    }

    [Fact]
    public async Task MissingRole_AndNonSuccessCode_AreClearErrors()
    {
        var notFound = new StubHandler().ThenText(HttpStatusCode.OK, "t").ThenText(HttpStatusCode.NotFound, "");
        var e1 = await Assert.ThrowsAsync<AckException>(() => new EcsRamRoleCredentialProvider("nope", Stub, notFound).GetCredentialAsync(CancellationToken.None));
        Assert.Contains("no RAM role named 'nope'", e1.Message);

        var failed = new StubHandler().ThenText(HttpStatusCode.OK, "t").ThenJson(HttpStatusCode.OK, "{\"Code\":\"Failed\"}");
        var e2 = await Assert.ThrowsAsync<AckException>(() => new EcsRamRoleCredentialProvider("r", Stub, failed).GetCredentialAsync(CancellationToken.None));
        Assert.Contains("Code 'Failed'", e2.Message);
    }

    [Fact]
    public async Task RealLoopbackListener_ServesCredentials()
    {
        using var listener = new HttpListenerHost(Creds("STS.live"));
        var provider = new EcsRamRoleCredentialProvider("r-live", listener.BaseAddress, clock: () => _now);
        var c = await provider.GetCredentialAsync(CancellationToken.None);
        Assert.Equal("STS.live", c.AccessKeyId);
        Assert.Contains("PUT /latest/api/token", listener.Seen);
        Assert.Contains("GET /latest/meta-data/ram/security-credentials/r-live token=live-token", listener.Seen);
    }

    [Fact]
    public async Task UnreachableLoopbackPort_IsNotReachable()
    {
        var port = FreePort();
        var e = await Assert.ThrowsAsync<AckException>(() =>
            new EcsRamRoleCredentialProvider("r", new Uri($"http://127.0.0.1:{port}/")).GetCredentialAsync(CancellationToken.None));
        Assert.Contains("not reachable", e.Message);
    }

    internal static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    /// <summary>A tiny metadata service on 127.0.0.1: token on PUT, credentials on GET.</summary>
    private sealed class HttpListenerHost : IDisposable
    {
        private readonly HttpListener _listener = new();
        public List<string> Seen { get; } = new();
        public Uri BaseAddress { get; }

        public HttpListenerHost(string credentials)
        {
            var port = FreePort();
            BaseAddress = new Uri($"http://127.0.0.1:{port}/");
            _listener.Prefixes.Add(BaseAddress.AbsoluteUri);
            _listener.Start();
            _ = Task.Run(async () =>
            {
                while (_listener.IsListening)
                {
                    HttpListenerContext ctx;
                    try { ctx = await _listener.GetContextAsync(); } catch { return; }
                    var token = ctx.Request.Headers["X-aliyun-ecs-metadata-token"];
                    lock (Seen) Seen.Add($"{ctx.Request.HttpMethod} {ctx.Request.Url!.AbsolutePath}" + (token is null ? "" : " token=" + token));
                    var body = ctx.Request.HttpMethod == "PUT" ? "live-token" : credentials;
                    var bytes = System.Text.Encoding.UTF8.GetBytes(body);
                    ctx.Response.OutputStream.Write(bytes);
                    ctx.Response.Close();
                }
            });
        }

        public void Dispose() => _listener.Close();
    }
}
