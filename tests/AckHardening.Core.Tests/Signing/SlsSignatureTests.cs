using System.Text;
using AckHardening.Core.Signing;

namespace AckHardening.Core.Tests.Signing;

public class SlsSignatureTests
{
    private static List<KeyValuePair<string, string>> H(params (string, string)[] pairs) => pairs.Select(p => new KeyValuePair<string, string>(p.Item1, p.Item2)).ToList();

    [Fact]
    public void Sls1_GetLogstores()
    {
        var r = SlsV1Signature.Sign("GET", null, null, "Mon, 3 Jan 2010 08:33:47 GMT",
            H(("x-log-apiversion", "0.6.0"), ("x-log-signaturemethod", "hmac-sha1"), ("x-log-bodyrawsize", "0")), "/logstores", null,
            "mockAccessKeyID", "mockAccessKeySecret");
        Assert.Equal("GET\n\n\nMon, 3 Jan 2010 08:33:47 GMT\nx-log-apiversion:0.6.0\nx-log-bodyrawsize:0\nx-log-signaturemethod:hmac-sha1\n/logstores", r.StringToSign);
        Assert.Equal("LOG mockAccessKeyID:Rwm6cTKzoti4HWoe+GKcb6Kv07E=", r.Authorization);
    }

    [Fact]
    public void Sls2_WithBody_Md5AndContentTypeLines()
    {
        var r = SlsV1Signature.Sign("GET", "8D6881250FF5559F59BBDF04100F6E59", "application/x-protobuf", "Mon, 3 Jan 2010 08:33:47 GMT",
            H(("x-log-apiversion", "0.6.0"), ("x-log-signaturemethod", "hmac-sha1"), ("x-log-bodyrawsize", "50"), ("Content-Type", "application/x-protobuf")),
            "/logstores/app_log", null, "mockAccessKeyID", "mockAccessKeySecret");
        Assert.Equal("87xQWqFaOSewqRIma8kPjGYlXHc=", r.Signature);
    }

    [Fact]
    public void Sls3_Derived_GetLogsWithStsTokenAndRawQuery()
    {
        var query = new Dictionary<string, string>
        {
            ["type"] = "log", ["from"] = "1700000000", ["to"] = "1700086400", ["line"] = "100", ["offset"] = "0", ["reverse"] = "false",
            ["query"] = "* and event.userIdentity.userName: KubernetesWorkerRole-abc | select \"event.serviceName\", \"event.eventName\", count(*) as total GROUP BY \"event.eventName\", \"event.serviceName\"",
        };
        var r = SlsV1Signature.Sign("GET", "", "", "Tue, 02 Jan 2024 03:04:05 GMT",
            H(("x-log-apiversion", "0.6.0"), ("x-log-signaturemethod", "hmac-sha1"), ("x-log-bodyrawsize", "0"), ("x-acs-security-token", "STS.TOKEN/+=EXAMPLE")),
            "/logstores/actiontrail_mytrail", query, "STS.testid", "testsecret");
        Assert.Equal("GET\n\n\nTue, 02 Jan 2024 03:04:05 GMT\nx-acs-security-token:STS.TOKEN/+=EXAMPLE\nx-log-apiversion:0.6.0\nx-log-bodyrawsize:0\nx-log-signaturemethod:hmac-sha1\n" +
            "/logstores/actiontrail_mytrail?from=1700000000&line=100&offset=0&query=* and event.userIdentity.userName: KubernetesWorkerRole-abc | select \"event.serviceName\", \"event.eventName\", count(*) as total GROUP BY \"event.eventName\", \"event.serviceName\"&reverse=false&to=1700086400&type=log",
            r.StringToSign);
        Assert.Equal("m0SJ9MriDd9ofriJkjuv+/Wy82c=", r.Signature);
    }

    [Fact]
    public void Sls_DateFormat_Rfc1123() =>
        Assert.Equal("Tue, 02 Jan 2024 03:04:05 GMT", SlsV1Signature.FormatDate(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero)));

    [Fact]
    public void Sls4_1_SignV4Case2()
    {
        var body = Encoding.UTF8.GetBytes("adasd= -asd zcas");
        var r = SlsV4Signature.Sign("POST", "/logstores", null, H(("x-log-date", "20220808T032330Z")), body, "cn-shanghai", "acsddda21dsd", "zxasdasdasw2");
        Assert.Equal("c7a4fd95f1d70933caf91641e8000768cea86100dc5649fd4f16fead718a62e4", r.ContentSha256);
        Assert.Equal("x-log-content-sha256;x-log-date", r.SignedHeaders);
        Assert.Equal("SLS4-HMAC-SHA256 Credential=acsddda21dsd/20220808/cn-shanghai/sls/aliyun_v4_request,Signature=8a10a5e723cb2e75964816de660b2c16a58af8bc0261f7f0722d832468c76ce8", r.Authorization);
    }

    [Fact]
    public void Sls4_DateFormat() => Assert.Equal("20220808T032330Z", SlsV4Signature.FormatDate(new DateTimeOffset(2022, 8, 8, 3, 23, 30, TimeSpan.Zero)));
}
