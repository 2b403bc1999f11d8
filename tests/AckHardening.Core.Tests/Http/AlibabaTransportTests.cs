using System.Net;
using System.Net.Sockets;
using System.Text;
using AckHardening.Core.Credentials;
using AckHardening.Core.Http;
using AckHardening.Core.Signing;

namespace AckHardening.Core.Tests.Http;

public class AlibabaTransportTests
{
    private const string Secret = "sbx-Secret-7f3a9c2e5b8d1f4a6c0e";
    private const string Token = "STS.SecretTokenValue/+=xyz";
    private static readonly DateTimeOffset Now = new(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private readonly List<TimeSpan> _delays = new();
    private int _nonce;

    private TransportOptions Options(int attempts = 4, TimeSpan? timeout = null) => new()
    {
        MaxAttempts = attempts,
        BaseDelay = TimeSpan.FromMilliseconds(1),
        MaxDelay = TimeSpan.FromMilliseconds(5),
        Timeout = timeout ?? TimeSpan.FromSeconds(10),
        Clock = () => Now.AddSeconds(_nonce),
        NonceFactory = () => "nonce-" + (++_nonce),
        Jitter = () => 0.5,
        Delay = (d, ct) => { _delays.Add(d); return Task.CompletedTask; },
    };

    private static AckSession Session(string? token = null) =>
        new(new StaticCredentialProvider("LTAI5tSbxAdminKey0000001", Secret, token), "cn-hangzhou",
            new Dictionary<string, Uri> { ["Ram"] = new("http://127.0.0.1:9001/"), ["Cs"] = new("http://127.0.0.1:9002/"), ["Sls"] = new("http://127.0.0.1:9003/") });

    private AlibabaTransport Transport(StubHandler stub, ListLog? log = null, string? token = null, int attempts = 4, TimeSpan? timeout = null) =>
        new(Session(token), log ?? new ListLog(), Options(attempts, timeout), stub);

    private static ApiRequest GetRole(bool idempotent = true) =>
        new ApiRequest(ServiceDescriptor.Ram, "GetRole") { Idempotent = idempotent }.With("RoleName", "AckHardeningOperator");

    private const string Throttle = "{\"RequestId\":\"r-t\",\"Code\":\"Throttling.User\",\"Message\":\"Request was denied due to user flow control.\"}";

    [Fact]
    public async Task Rpc_IsSignedAsV3_AndVerifiable()
    {
        var stub = new StubHandler().ThenJson(HttpStatusCode.OK, "{\"RequestId\":\"req-1\",\"Role\":{\"RoleName\":\"x\"}}");
        var response = await Transport(stub).SendAsync(GetRole(), CancellationToken.None);

        Assert.Equal("req-1", response.RequestId);
        Assert.Equal("x", response.Body.GetProperty("Role").GetProperty("RoleName").GetString());
        Assert.Equal(1, response.Attempts);
        var sent = Assert.Single(stub.Requests);
        Assert.Equal("POST", sent.Method);
        Assert.Equal("http://127.0.0.1:9001/?RoleName=AckHardeningOperator", sent.Uri.AbsoluteUri);
        Assert.Equal("GetRole", sent.Headers["x-acs-action"]);
        Assert.Equal("2015-05-01", sent.Headers["x-acs-version"]);
        Assert.Equal("2024-01-02T03:04:05Z", sent.Headers["x-acs-date"]);
        Assert.Equal(Hashing.EmptySha256Hex, sent.Headers["x-acs-content-sha256"]);
        Assert.StartsWith("AckHardening/", sent.Headers["User-Agent"]);
        Assert.Equal("application/json", sent.Headers["Accept"]);
        Assert.Empty(sent.Body);

        // Recompute the signature independently from what went over the wire.
        var signedNames = new[] { "x-acs-action", "x-acs-version", "x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256" };
        var headers = signedNames.Select(n => new KeyValuePair<string, string>(n, sent.Headers[n])).Append(new("host", "127.0.0.1:9001"));
        var expected = Acs3Signature.Sign("POST", "/", new Dictionary<string, string> { ["RoleName"] = "AckHardeningOperator" }, headers,
            Hashing.EmptySha256Hex, "LTAI5tSbxAdminKey0000001", Secret);
        Assert.Equal(expected.Authorization, sent.Headers["Authorization"]);
    }

    [Fact]
    public async Task StsToken_GoesInSignedHeaders()
    {
        var stub = new StubHandler().ThenJson(HttpStatusCode.OK, "{\"RequestId\":\"r\"}");
        await Transport(stub, token: Token).SendAsync(GetRole(), CancellationToken.None);
        var sent = stub.Requests[0];
        Assert.Equal(Token, sent.Headers["x-acs-security-token"]);
        Assert.Equal("LTAI5tSbxAdminKey0000001", sent.Headers["x-acs-accesskey-id"]);
        Assert.Contains("x-acs-accesskey-id;x-acs-action", sent.Headers["Authorization"]);
        Assert.Contains("x-acs-security-token", sent.Headers["Authorization"]);
    }

    [Fact]
    public async Task Roa_EncodesPath_SignsContentType_SendsJsonBody()
    {
        var stub = new StubHandler().ThenJson(HttpStatusCode.Accepted, "{\"task_id\":\"T1\"}", ("x-acs-request-id", "roa-req"));
        var body = Encoding.UTF8.GetBytes("[{\"component_name\":\"a\"}]");
        var request = new ApiRequest(ServiceDescriptor.Cs, "UpgradeClusterAddons") { Method = "POST", Path = "/clusters/c 1/components/upgrade", Body = body };
        var response = await Transport(stub).SendAsync(request, CancellationToken.None);

        Assert.Equal("roa-req", response.RequestId);
        Assert.Equal("T1", response.Body.GetProperty("task_id").GetString());
        var sent = stub.Requests[0];
        Assert.Equal("/clusters/c%201/components/upgrade", sent.Uri.AbsolutePath);
        Assert.Equal("application/json; charset=utf-8", sent.Headers["Content-Type"]);
        Assert.Equal(Hashing.Sha256Hex(body), sent.Headers["x-acs-content-sha256"]);
        Assert.Contains("SignedHeaders=content-type;host;", sent.Headers["Authorization"]);
        Assert.Equal(body, sent.Body);
    }

    [Fact]
    public async Task Sls_ConnectsToAddress_SendsProjectInHost_SignsV1()
    {
        var stub = new StubHandler().ThenJson(HttpStatusCode.OK, "[]", ("x-log-requestid", "sls-req"));
        var request = new ApiRequest(ServiceDescriptor.Sls, "GetLogs") { Method = "GET", Path = "/logstores/trail", SlsProject = "aliyun-actiontrail", Idempotent = true }
            .With("query", "* | select 1").With("type", "log");
        var response = await Transport(stub, token: Token).SendAsync(request, CancellationToken.None);

        Assert.Equal("sls-req", response.RequestId);
        var sent = stub.Requests[0];
        Assert.Equal("127.0.0.1", sent.Uri.Host);
        Assert.Equal(9003, sent.Uri.Port);
        Assert.Equal("aliyun-actiontrail.127.0.0.1:9003", sent.Headers["Host"]);
        Assert.Equal("/logstores/trail?query=%2A%20%7C%20select%201&type=log", sent.Uri.PathAndQuery);
        Assert.Equal("0.6.0", sent.Headers["x-log-apiversion"]);
        Assert.Equal("0", sent.Headers["x-log-bodyrawsize"]);
        Assert.Equal(Token, sent.Headers["x-acs-security-token"]);
        var expected = SlsV1Signature.Sign("GET", "", "", sent.Headers["Date"],
            new[] { "x-log-apiversion", "x-log-signaturemethod", "x-log-bodyrawsize", "x-acs-security-token" }.Select(n => new KeyValuePair<string, string>(n, sent.Headers[n])),
            "/logstores/trail", new Dictionary<string, string> { ["query"] = "* | select 1", ["type"] = "log" }, "LTAI5tSbxAdminKey0000001", Secret);
        Assert.Equal(expected.Authorization, sent.Headers["Authorization"]);
        Assert.Equal("Tue, 02 Jan 2024 03:04:05 GMT", sent.Headers["Date"]);
    }

    [Fact]
    public async Task Throttling_TwiceThenSuccess_ResignsEachAttempt()
    {
        var log = new ListLog();
        var stub = new StubHandler().ThenJson(HttpStatusCode.BadRequest, Throttle).ThenJson(HttpStatusCode.BadRequest, Throttle)
            .ThenJson(HttpStatusCode.OK, "{\"RequestId\":\"ok\"}");
        var response = await Transport(stub, log).SendAsync(GetRole(idempotent: false), CancellationToken.None);

        Assert.Equal(3, response.Attempts);
        Assert.Equal(3, stub.Requests.Select(r => r.Headers["x-acs-signature-nonce"]).Distinct().Count());
        Assert.Equal(3, stub.Requests.Select(r => r.Headers["x-acs-date"]).Distinct().Count());
        Assert.Equal(3, stub.Requests.Select(r => r.Headers["Authorization"]).Distinct().Count());
        Assert.Equal(2, _delays.Count);
        Assert.Equal(2, log.Verboses.Count(v => v.Contains("throttled, retrying in")));
    }

    [Fact]
    public async Task ServiceUnavailable_UntilAttemptsRunOut_RecordsAttempts()
    {
        var stub = new StubHandler();
        for (var i = 0; i < 4; i++) stub.ThenJson(HttpStatusCode.ServiceUnavailable, "{\"Code\":\"ServiceUnavailable\",\"Message\":\"busy\",\"RequestId\":\"r" + i + "\"}");
        var e = await Assert.ThrowsAsync<AlibabaServiceException>(() => Transport(stub).SendAsync(GetRole(), CancellationToken.None));
        Assert.Equal(4, e.Attempts);
        Assert.Equal(4, stub.Requests.Count);
        Assert.Equal("ServiceUnavailable", e.Code);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, e.StatusCode);
        Assert.Equal("r3", e.RequestId);
        // Full jitter at 0.5 of min(cap 5 ms, 1 ms * 2^(n-1)).
        Assert.Equal(new[] { 0.5, 1, 2 }.Select(TimeSpan.FromMilliseconds), _delays);
    }

    [Fact]
    public async Task NonIdempotent_NotRetriedAfterTimeout()
    {
        var stub = new StubHandler().ThenHang().ThenJson(HttpStatusCode.OK, "{}");
        var e = await Assert.ThrowsAsync<AlibabaServiceException>(() =>
            Transport(stub, timeout: TimeSpan.FromMilliseconds(100)).SendAsync(GetRole(idempotent: false), CancellationToken.None));
        Assert.Equal("Timeout", e.Code);
        Assert.Equal(1, e.Attempts);
        Assert.Single(stub.Requests);
    }

    [Fact]
    public async Task Idempotent_RetriedAfterTimeout()
    {
        var stub = new StubHandler().ThenHang().ThenJson(HttpStatusCode.OK, "{\"RequestId\":\"late\"}");
        var r = await Transport(stub, timeout: TimeSpan.FromMilliseconds(100)).SendAsync(GetRole(), CancellationToken.None);
        Assert.Equal(2, r.Attempts);
    }

    [Fact]
    public async Task NonIdempotent_NotRetriedAfterResetOr500_ButAfterRefusedConnection()
    {
        var reset = new StubHandler().ThenThrow(new HttpRequestException("reset", new IOException("Connection reset by peer")));
        var e1 = await Assert.ThrowsAsync<AlibabaServiceException>(() => Transport(reset).SendAsync(GetRole(false), CancellationToken.None));
        Assert.Equal("NetworkError", e1.Code);
        Assert.Equal(1, e1.Attempts);

        var err500 = new StubHandler().ThenJson(HttpStatusCode.InternalServerError, "{\"Code\":\"InternalError\",\"Message\":\"x\"}");
        var e2 = await Assert.ThrowsAsync<AlibabaServiceException>(() => Transport(err500).SendAsync(GetRole(false), CancellationToken.None));
        Assert.Equal(1, e2.Attempts);

        var refused = new StubHandler()
            .ThenThrow(new HttpRequestException("refused", new SocketException((int)SocketError.ConnectionRefused)))
            .ThenJson(HttpStatusCode.OK, "{}");
        var ok = await Transport(refused).SendAsync(GetRole(false), CancellationToken.None);
        Assert.Equal(2, ok.Attempts);
    }

    [Fact]
    public async Task NonIdempotent_NeverRetriedOn5xx_ButRetriedWhenThrottled()
    {
        // A 503 with a body does not prove the write was not applied: no second attempt.
        var withBody = new StubHandler().ThenJson(HttpStatusCode.ServiceUnavailable, "{\"Code\":\"ServiceUnavailable\",\"Message\":\"m\"}").ThenJson(HttpStatusCode.OK, "{}");
        var e1 = await Assert.ThrowsAsync<AlibabaServiceException>(() => Transport(withBody).SendAsync(GetRole(false), CancellationToken.None));
        Assert.Equal(1, e1.Attempts);

        var bare = new StubHandler().ThenText(HttpStatusCode.ServiceUnavailable, "<html>down</html>");
        var e2 = await Assert.ThrowsAsync<AlibabaServiceException>(() => Transport(bare).SendAsync(GetRole(false), CancellationToken.None));
        Assert.Equal(1, e2.Attempts);

        // A throttling answer is an explicit refusal: safe to repeat even a write.
        var throttled = new StubHandler().ThenJson(HttpStatusCode.BadRequest, Throttle).ThenJson(HttpStatusCode.OK, "{}");
        Assert.Equal(2, (await Transport(throttled).SendAsync(GetRole(false), CancellationToken.None)).Attempts);

        // A Retry-After on a plain client error does not turn it into throttling.
        var hinted = new StubHandler().ThenJson(HttpStatusCode.BadRequest, "{\"Code\":\"InvalidParameter\",\"Message\":\"m\"}", ("Retry-After", "1"));
        var e3 = await Assert.ThrowsAsync<AlibabaServiceException>(() => Transport(hinted).SendAsync(GetRole(), CancellationToken.None));
        Assert.Equal(1, e3.Attempts);
    }

    [Fact]
    public async Task ConnectTimeout_IsATimeoutThatProvesNotSent_NotACancellation()
    {
        // SocketsHttpHandler reports its ConnectTimeout as a cancellation wrapping a TimeoutException.
        var stub = new StubHandler()
            .ThenThrow(new TaskCanceledException("connect", new TimeoutException("connect timed out")))
            .ThenThrow(new TaskCanceledException("connect", new TimeoutException("connect timed out")))
            .ThenJson(HttpStatusCode.OK, "{}");
        var r = await Transport(stub).SendAsync(GetRole(false), CancellationToken.None);
        Assert.Equal(3, r.Attempts);

        var always = new StubHandler();
        for (var i = 0; i < 4; i++) always.ThenThrow(new TaskCanceledException("connect", new TimeoutException("connect timed out")));
        var e = await Assert.ThrowsAsync<AlibabaServiceException>(() => Transport(always).SendAsync(GetRole(), CancellationToken.None));
        Assert.Equal("Timeout", e.Code);
        Assert.Equal(4, e.Attempts);
    }

    [Fact]
    public async Task RetryAfterHeaders_AreHonoured()
    {
        var stub = new StubHandler()
            .ThenJson(HttpStatusCode.BadRequest, Throttle, ("x-acs-retry-after", "1234"))
            .ThenJson(HttpStatusCode.TooManyRequests, "{\"code\":\"TooMany\"}", ("Retry-After", "2"))
            .ThenJson(HttpStatusCode.OK, "{}");
        var r = await Transport(stub).SendAsync(GetRole(), CancellationToken.None);
        Assert.Equal(3, r.Attempts);
        Assert.Equal(new[] { TimeSpan.FromMilliseconds(1234), TimeSpan.FromSeconds(2) }, _delays);
    }

    [Fact]
    public async Task MalformedSuccessBody_IsMalformedResponse_NotRetried()
    {
        var stub = new StubHandler().ThenText(HttpStatusCode.OK, "{\"RequestId\": trunc");
        var e = await Assert.ThrowsAsync<AlibabaServiceException>(() => Transport(stub).SendAsync(GetRole(), CancellationToken.None));
        Assert.Equal("MalformedResponse", e.Code);
        Assert.Equal(1, e.Attempts);
    }

    [Fact]
    public async Task EmptySuccessBody_IsUndefined()
    {
        var stub = new StubHandler().Then((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.NoContent)));
        var r = await Transport(stub).SendAsync(GetRole(), CancellationToken.None);
        Assert.Equal(System.Text.Json.JsonValueKind.Undefined, r.Body.ValueKind);
    }

    [Fact]
    public async Task NonJsonErrorBody_GivesStatusCodeAndClearMessage()
    {
        var stub = new StubHandler().ThenText(HttpStatusCode.Forbidden, "<html><body>Forbidden by gateway</body></html>");
        var e = await Assert.ThrowsAsync<AlibabaServiceException>(() => Transport(stub).SendAsync(GetRole(), CancellationToken.None));
        Assert.Equal("Forbidden", e.Code);
        Assert.Equal(HttpStatusCode.Forbidden, e.StatusCode);
        Assert.Contains("HTTP 403 Forbidden", e.ServiceMessage);
        Assert.Contains("Forbidden by gateway", e.ServiceMessage);
    }

    [Fact]
    public async Task RpcErrorBody_IsParsed()
    {
        var stub = new StubHandler().ThenJson(HttpStatusCode.NotFound,
            "{\"RequestId\":\"rid-9\",\"HostId\":\"ram.aliyuncs.com\",\"Code\":\"EntityNotExist.Role\",\"Message\":\"The role does not exist.\",\"Recommend\":\"https://api.aliyun.com/troubleshoot?q=EntityNotExist.Role\",\"AccessDeniedDetail\":{\"PolicyType\":\"AccountLevelIdentityBasedPolicy\"}}");
        var e = await Assert.ThrowsAsync<AlibabaServiceException>(() => Transport(stub).SendAsync(GetRole(), CancellationToken.None));
        Assert.Equal("EntityNotExist.Role", e.Code);
        Assert.Equal("The role does not exist.", e.ServiceMessage);
        Assert.Equal("rid-9", e.RequestId);
        Assert.StartsWith("https://api.aliyun.com/troubleshoot", e.Recommend);
        Assert.Contains("AccountLevelIdentityBasedPolicy", e.AccessDeniedDetail);
        Assert.Equal("Ram", e.Service);
        Assert.Equal("GetRole", e.Action);
        Assert.Equal(1, e.Attempts);
    }

    [Theory]
    [InlineData("{\"code\":\"ErrorClusterNotFound\",\"message\":\"cluster (c-1) not found\",\"requestId\":\"R1\",\"status\":404}")]
    [InlineData("{\"Code\":\"ErrorClusterNotFound\",\"Message\":\"cluster (c-1) not found\",\"RequestId\":\"R1\",\"data\":null}")]
    public async Task RoaErrorBody_EitherKeyCase(string json)
    {
        var stub = new StubHandler().ThenJson(HttpStatusCode.NotFound, json);
        var request = new ApiRequest(ServiceDescriptor.Cs, "DescribeClusterDetail") { Method = "GET", Path = "/clusters/c-1", Idempotent = true };
        var e = await Assert.ThrowsAsync<AlibabaServiceException>(() => Transport(stub).SendAsync(request, CancellationToken.None));
        Assert.Equal("ErrorClusterNotFound", e.Code);
        Assert.Equal("cluster (c-1) not found", e.ServiceMessage);
        Assert.Equal("R1", e.RequestId);
        Assert.Equal(HttpStatusCode.NotFound, e.StatusCode);
    }

    [Fact]
    public async Task SlsErrorBody_UsesErrorCodeAndRequestIdHeader()
    {
        var stub = new StubHandler().ThenJson(HttpStatusCode.NotFound, "{\"errorCode\":\"LogStoreNotExist\",\"errorMessage\":\"logstore x does not exist\"}",
            ("x-log-requestid", "SLSREQ"));
        var request = new ApiRequest(ServiceDescriptor.Sls, "GetLogs") { Method = "GET", Path = "/logstores/x", SlsProject = "p", Idempotent = true };
        var e = await Assert.ThrowsAsync<AlibabaServiceException>(() => Transport(stub).SendAsync(request, CancellationToken.None));
        Assert.Equal("LogStoreNotExist", e.Code);
        Assert.Equal("SLSREQ", e.RequestId);
    }

    [Fact]
    public async Task UserCancellation_StaysOperationCanceled()
    {
        using var cts = new CancellationTokenSource();
        var stub = new StubHandler().Then(async (_, ct) => { cts.Cancel(); await Task.Delay(Timeout.Infinite, ct); throw new InvalidOperationException(); });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Transport(stub).SendAsync(GetRole(), cts.Token));
        Assert.Single(stub.Requests);
    }

    [Fact]
    public async Task CancellationDuringBackoff_StopsRetrying()
    {
        using var cts = new CancellationTokenSource();
        var stub = new StubHandler().ThenJson(HttpStatusCode.BadRequest, Throttle).ThenJson(HttpStatusCode.OK, "{}");
        var options = new TransportOptions { BaseDelay = TimeSpan.FromMilliseconds(1), Delay = (d, ct) => { cts.Cancel(); return Task.Delay(d, ct); } };
        var transport = new AlibabaTransport(Session(), new ListLog(), options, stub);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => transport.SendAsync(GetRole(), cts.Token));
        Assert.Single(stub.Requests);
    }

    [Fact]
    public async Task DebugLog_HasDetails_ButNoSecretTokenSignatureOrElidedValue()
    {
        var log = new ListLog();
        var stub = new StubHandler().ThenJson(HttpStatusCode.BadRequest, Throttle).ThenJson(HttpStatusCode.OK, "{\"RequestId\":\"rid-ok\"}");
        const string document = "{\"Statement\":[{\"Action\":\"ecs:Describe*\",\"Effect\":\"Allow\",\"Resource\":\"*\"}],\"Version\":\"1\"}";
        var request = new ApiRequest(ServiceDescriptor.Ram, "CreatePolicyVersion").With("PolicyName", "p1").With("PolicyDocument", document);
        request.ElidedParameters.Add("PolicyDocument");
        await Transport(stub, log, token: Token).SendAsync(request, CancellationToken.None);

        var all = string.Join("\n", log.All);
        Assert.Contains("POST 127.0.0.1:9001 Ram CreatePolicyVersion -> 200 RequestId=rid-ok", all);
        Assert.Contains("attempt 2/4", all);
        Assert.Contains("PolicyName=p1", all);
        Assert.Contains("PolicyDocument=<elided", all);
        Assert.DoesNotContain("ecs:Describe", all);
        Assert.DoesNotContain(Secret, all);
        Assert.DoesNotContain(Token, all);
        Assert.DoesNotContain("Signature=", all);
        Assert.DoesNotContain("ACS3-HMAC-SHA256", all);
        foreach (var sent in stub.Requests)
        {
            var signature = sent.Headers["Authorization"].Split("Signature=")[1];
            Assert.DoesNotContain(signature, all);
        }
    }

    [Fact]
    public async Task Exceptions_NeverCarrySecrets()
    {
        var stub = new StubHandler().ThenJson(HttpStatusCode.Forbidden, "{\"Code\":\"Forbidden.RAM\",\"Message\":\"no\"}");
        var e = await Assert.ThrowsAsync<AlibabaServiceException>(() => Transport(stub, token: Token).SendAsync(GetRole(), CancellationToken.None));
        Assert.DoesNotContain(Secret, e.ToString());
        Assert.DoesNotContain(Token, e.ToString());
    }

    [Fact]
    public async Task AnonymousRequest_HasNoAuthorization_AndCommonQuery()
    {
        var stub = new StubHandler().ThenJson(HttpStatusCode.OK, "{}");
        var request = new ApiRequest(ServiceDescriptor.Sts, "AssumeRoleWithOIDC") { Anonymous = true, Body = Encoding.UTF8.GetBytes("a=b"), ContentType = "application/x-www-form-urlencoded" };
        var session = new AckSession(AnonymousCredentialProvider.Instance, "cn-hangzhou", new Dictionary<string, Uri> { ["Sts"] = new("http://127.0.0.1:9004/") });
        await new AlibabaTransport(session, new ListLog(), Options(), stub).SendAsync(request, CancellationToken.None);
        var sent = stub.Requests[0];
        Assert.False(sent.Headers.ContainsKey("Authorization"));
        Assert.Contains("Action=AssumeRoleWithOIDC", sent.Uri.Query);
        Assert.Contains("Version=2015-04-01", sent.Uri.Query);
        Assert.Equal("application/x-www-form-urlencoded", sent.Headers["Content-Type"]);
    }

    [Fact]
    public async Task DefaultEndpoint_IsHttpsRegionalHost()
    {
        var stub = new StubHandler().ThenJson(HttpStatusCode.OK, "{}");
        var session = new AckSession(new StaticCredentialProvider("LTAI5tSbxAdminKey0000001", Secret), "cn-beijing");
        var request = new ApiRequest(ServiceDescriptor.Cs, "DescribeClustersV1") { Method = "GET", Path = "/api/v1/clusters", Idempotent = true };
        await new AlibabaTransport(session, new ListLog(), Options(), stub).SendAsync(request, CancellationToken.None);
        Assert.Equal("https://cs.cn-beijing.aliyuncs.com/api/v1/clusters", stub.Requests[0].Uri.AbsoluteUri);
    }
}
