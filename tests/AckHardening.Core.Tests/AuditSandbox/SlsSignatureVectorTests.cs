using AckHardening.Sandbox.Auth;

namespace AckHardening.Core.Tests.AuditSandbox;

/// <summary>The sandbox's own SLS signature code against the reference's vectors (section 1c).</summary>
public class SlsSignatureVectorTests
{
    private static readonly KeyValuePair<string, string>[] V1Headers =
    [
        new("x-log-apiversion", "0.6.0"), new("x-log-signaturemethod", "hmac-sha1"), new("x-log-bodyrawsize", "0"),
    ];

    [Fact]
    public void Sls1_get_logstores()
    {
        var toSign = SlsSignatureV1.StringToSign("GET", null, null, "Mon, 3 Jan 2010 08:33:47 GMT", V1Headers, "/logstores", []);
        Assert.Equal("GET\n\n\nMon, 3 Jan 2010 08:33:47 GMT\nx-log-apiversion:0.6.0\nx-log-bodyrawsize:0\nx-log-signaturemethod:hmac-sha1\n/logstores", toSign);
        Assert.Equal("Rwm6cTKzoti4HWoe+GKcb6Kv07E=", SlsSignatureV1.Sign("mockAccessKeySecret", toSign));
    }

    [Fact]
    public void Sls2_content_md5_and_type_lines()
    {
        var headers = new KeyValuePair<string, string>[]
        {
            new("x-log-apiversion", "0.6.0"), new("x-log-signaturemethod", "hmac-sha1"), new("x-log-bodyrawsize", "50"),
            new("Content-Type", "application/x-protobuf"), new("Content-MD5", "8D6881250FF5559F59BBDF04100F6E59"),
        };
        var toSign = SlsSignatureV1.StringToSign("GET", "8D6881250FF5559F59BBDF04100F6E59", "application/x-protobuf",
            "Mon, 3 Jan 2010 08:33:47 GMT", headers, "/logstores/app_log", []);
        Assert.Equal("87xQWqFaOSewqRIma8kPjGYlXHc=", SlsSignatureV1.Sign("mockAccessKeySecret", toSign));
    }

    [Fact]
    public void Sls3_getlogs_with_sts_token_and_unencoded_query()
    {
        const string query = "* and event.userIdentity.userName: KubernetesWorkerRole-abc | select \"event.serviceName\", \"event.eventName\", count(*) as total GROUP BY \"event.eventName\", \"event.serviceName\"";
        var headers = V1Headers.Append(new("x-acs-security-token", "STS.TOKEN/+=EXAMPLE")).ToArray();
        var parameters = new KeyValuePair<string, string>[]
        {
            new("type", "log"), new("from", "1700000000"), new("to", "1700086400"), new("line", "100"), new("offset", "0"),
            new("reverse", "false"), new("query", query),
        };
        var toSign = SlsSignatureV1.StringToSign("GET", "", "", "Tue, 02 Jan 2024 03:04:05 GMT", headers, "/logstores/actiontrail_mytrail", parameters);
        Assert.Equal("GET\n\n\nTue, 02 Jan 2024 03:04:05 GMT\nx-acs-security-token:STS.TOKEN/+=EXAMPLE\nx-log-apiversion:0.6.0\nx-log-bodyrawsize:0\n"
            + "x-log-signaturemethod:hmac-sha1\n/logstores/actiontrail_mytrail?from=1700000000&line=100&offset=0&query=" + query + "&reverse=false&to=1700086400&type=log", toSign);
        Assert.Equal("m0SJ9MriDd9ofriJkjuv+/Wy82c=", SlsSignatureV1.Sign("testsecret", toSign));
    }

    [Fact]
    public void Sls4_case2_v4_signature()
    {
        var body = "adasd= -asd zcas"u8.ToArray();
        var payload = SlsSignatureV4.PayloadHash(body);
        Assert.Equal("c7a4fd95f1d70933caf91641e8000768cea86100dc5649fd4f16fead718a62e4", payload);
        var headers = new KeyValuePair<string, string>[] { new("x-log-date", "20220808T032330Z"), new("x-log-content-sha256", payload) };
        var canonical = SlsSignatureV4.CanonicalRequest("POST", "/logstores", [], headers, payload);
        var toSign = SlsSignatureV4.StringToSign("20220808T032330Z", "cn-shanghai", canonical);
        Assert.Equal("8a10a5e723cb2e75964816de660b2c16a58af8bc0261f7f0722d832468c76ce8", SlsSignatureV4.Signature("zxasdasdasw2", "20220808", "cn-shanghai", toSign));
    }

    [Fact]
    public void V4_signs_only_log_acs_host_and_content_type_headers()
    {
        Assert.True(SlsSignatureV4.IsSignedHeader("x-log-date"));
        Assert.True(SlsSignatureV4.IsSignedHeader("x-acs-security-token"));
        Assert.True(SlsSignatureV4.IsSignedHeader("host"));
        Assert.False(SlsSignatureV4.IsSignedHeader("x-log-meta-foo"));
        Assert.False(SlsSignatureV4.IsSignedHeader("user-agent"));
    }
}
