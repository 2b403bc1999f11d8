using AckHardening.Core.Signing;

namespace AckHardening.Core.Tests.Signing;

/// <summary>ACS3-HMAC-SHA256 against every published and derived vector of the reference notes.</summary>
public class Acs3SignatureTests
{
    private const string Empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static List<KeyValuePair<string, string>> H(params (string, string)[] pairs) => pairs.Select(p => new KeyValuePair<string, string>(p.Item1, p.Item2)).ToList();
    private static Dictionary<string, string> Q(params (string, string)[] pairs) => pairs.ToDictionary(p => p.Item1, p => p.Item2);

    [Fact]
    public void EmptyPayloadHash() => Assert.Equal(Empty, Hashing.EmptySha256Hex);

    [Fact]
    public void V3_1_OfficialFixedParameters()
    {
        var r = Acs3Signature.Sign("POST", "/",
            Q(("ImageId", "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd"), ("RegionId", "cn-shanghai")),
            H(("host", "ecs.cn-shanghai.aliyuncs.com"), ("x-acs-action", "RunInstances"), ("x-acs-version", "2014-05-26"),
              ("x-acs-date", "2023-10-26T10:22:32Z"), ("x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d"), ("x-acs-content-sha256", Empty)),
            Empty, "YourAccessKeyId", "YourAccessKeySecret");
        Assert.Equal(
            "POST\n/\nImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai\n" +
            "host:ecs.cn-shanghai.aliyuncs.com\nx-acs-action:RunInstances\nx-acs-content-sha256:" + Empty + "\n" +
            "x-acs-date:2023-10-26T10:22:32Z\nx-acs-signature-nonce:3156853299f313e23d1673dc12e1703d\nx-acs-version:2014-05-26\n\n" +
            "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version\n" + Empty, r.CanonicalRequest);
        Assert.Equal("7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259", r.HashedCanonicalRequest);
        Assert.Equal("06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0", r.Signature);
        Assert.Equal("ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0", r.Authorization);
    }

    [Fact]
    public void V3_DocHeaderTableExample_FromCsNotes()
    {
        var r = Acs3Signature.Sign("POST", "/",
            Q(("ImageId", "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd"), ("RegionId", "cn-shanghai")),
            H(("host", "ecs.cn-shanghai.aliyuncs.com"), ("x-acs-action", "RunInstances"), ("x-acs-version", "2014-05-26"),
              ("x-acs-date", "2023-10-26T09:01:01Z"), ("x-acs-signature-nonce", "d410180a5abf7fe235dd9b74aca91fc0"), ("x-acs-content-sha256", Empty)),
            Empty, "YourAccessKeyId", "YourAccessKeySecret");
        Assert.Equal("e521358f7776c97df52e6b2891a8bc73026794a071b50c3323388c4e0df64804", r.Signature);
        Assert.Equal("host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version", r.SignedHeaders);
    }

    [Fact]
    public void V3_2_CSharpSdkUnitTest_DuplicateHeadersAndEmptyValue()
    {
        var r = Acs3Signature.Sign("GET", "/", Q(("test", "ok"), ("empty", "")), H(("x-acs-test", "http"), ("x-acs-TEST", "https")),
            "55e12e91650d2fec56ec74e1d3e4ddbfce2ef3a65890c2a19ecf88a307e76a23", "acesskey", "secret");
        Assert.Contains("\n/\nempty=&test=ok\nx-acs-test:http, https\n\n", r.CanonicalRequest);
        Assert.Equal("ACS3-HMAC-SHA256 Credential=acesskey,SignedHeaders=x-acs-test,Signature=be2046c5e1d69e715fec81597bb8f72330a7eab002d5cacd434dec1cb9be74ab", r.Authorization);
    }

    [Fact]
    public void V3_2_GoSdkUnitTest_EmptyMethodCommaJoin()
    {
        var r = Acs3Signature.Sign("", "", Q(("test", "ok"), ("empty", "")), H(("x-acs-test", "http"), ("x-acs-TEST", "https")),
            "55e12e91650d2fec56ec74e1d3e4ddbfce2ef3a65890c2a19ecf88a307e76a23", "acesskey", "secret", duplicateSeparator: ",");
        Assert.Equal("ACS3-HMAC-SHA256 Credential=acesskey,SignedHeaders=x-acs-test,Signature=4ab59fffe3c5738ff8a2729f90cc04fe18b02a4b15b2102cbaf92f9ff3df2ea3", r.Authorization);
    }

    [Fact]
    public void V3_3_Derived_RamWithStsToken()
    {
        var r = Acs3Signature.Sign("POST", "/", Q(("RoleName", "KubernetesWorkerRole-abc")),
            H(("host", "ram.aliyuncs.com"), ("x-acs-action", "ListPoliciesForRole"), ("x-acs-version", "2015-05-01"), ("x-acs-date", "2024-01-02T03:04:05Z"),
              ("x-acs-signature-nonce", "0123456789abcdef0123456789abcdef"), ("x-acs-security-token", "STS.TOKEN/+=EXAMPLE"),
              ("x-acs-accesskey-id", "STS.testid"), ("x-acs-content-sha256", Empty)),
            Empty, "STS.testid", "testsecret");
        Assert.Equal("host;x-acs-accesskey-id;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version", r.SignedHeaders);
        Assert.Equal("5dfa48fcbb1abe6496ed1a027f25cca63d8a4bbf2017c19546683855dc92c36b", r.HashedCanonicalRequest);
        Assert.Equal("760c0faf91b2540b4b141a7785ebe5e09ece921aed80b3f375f2c533eb7ba60b", r.Signature);
    }

    [Fact]
    public void V3_4_Derived_CreatePolicyVersionJsonInQuery()
    {
        const string doc = "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"ecs:DescribeInstances\",\"log:GetProject\"],\"Resource\":\"*\"}]}";
        var query = Q(("PolicyName", "k8sWorkerRolePolicy-abc"), ("SetAsDefault", "true"),
            ("RotateStrategy", "DeleteOldestNonDefaultVersionWhenLimitExceeded"), ("PolicyDocument", doc));
        Assert.Equal("PolicyDocument=%7B%22Version%22%3A%221%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%5B%22ecs%3ADescribeInstances%22%2C%22log%3AGetProject%22%5D%2C%22Resource%22%3A%22%2A%22%7D%5D%7D&PolicyName=k8sWorkerRolePolicy-abc&RotateStrategy=DeleteOldestNonDefaultVersionWhenLimitExceeded&SetAsDefault=true",
            PercentEncoding.CanonicalQuery(query));
        var r = Acs3Signature.Sign("POST", "/", query,
            H(("host", "ram.aliyuncs.com"), ("x-acs-action", "CreatePolicyVersion"), ("x-acs-version", "2015-05-01"), ("x-acs-date", "2024-01-02T03:04:05Z"),
              ("x-acs-signature-nonce", "0123456789abcdef0123456789abcdef"), ("x-acs-content-sha256", Empty)),
            Empty, "testid", "testsecret");
        Assert.Equal("22362521c2fb440a26715accdf68abdacb441668fbee004dbb067795afd6ad6c", r.HashedCanonicalRequest);
        Assert.Equal("bf54c9dbf2d9df27820d63df54fdd3e2695e9cb28ea570d1eb42f7efa50309d6", r.Signature);
    }

    // CS (ROA) derived vectors: same key, host, date, nonce, version; unsigned accept/user-agent omitted.
    private static List<KeyValuePair<string, string>> Cs(string action, string payload, params (string, string)[] extra) =>
        H(new[] { ("host", "cs.cn-hangzhou.aliyuncs.com"), ("x-acs-action", action), ("x-acs-version", "2015-12-15"), ("x-acs-date", "2024-05-01T08:00:00Z"),
            ("x-acs-signature-nonce", "3c7b6a1f-2e4d-4a5b-9c8d-0123456789ab"), ("x-acs-content-sha256", payload), ("user-agent", "ignored"), ("accept", "application/json") }
            .Concat(extra).ToArray());

    [Fact]
    public void Cs_A_DescribeClusterDetail()
    {
        var r = Acs3Signature.Sign("GET", PercentEncoding.EncodePath("/clusters/c82e6987e2961451182edacd74faf1234"), Q(), Cs("DescribeClusterDetail", Empty),
            Empty, "YourAccessKeyId", "YourAccessKeySecret");
        Assert.Equal("ee045f8267affd9f0be813d72b95ad7fd4d07bddb7b1e605472e3e3909b5bc50", r.HashedCanonicalRequest);
        Assert.Equal("d93be2be937ac6333e8f2530d079645445c922114643650af3a740b5072ee822", r.Signature);
    }

    [Fact]
    public void Cs_B_DescribeClustersV1_QuerySorted()
    {
        var query = Q(("page_size", "50"), ("cluster_type", "ManagedKubernetes"), ("page_number", "1"));
        Assert.Equal("cluster_type=ManagedKubernetes&page_number=1&page_size=50", PercentEncoding.CanonicalQuery(query));
        var r = Acs3Signature.Sign("GET", "/api/v1/clusters", query, Cs("DescribeClustersV1", Empty), Empty, "YourAccessKeyId", "YourAccessKeySecret");
        Assert.Equal("b52fdff073681f2d5631b64ba1047fcd73137ad8f7333923836a9c85aad28812", r.Signature);
    }

    [Fact]
    public void Cs_C_UpgradeClusterAddons_JsonBodyAndContentTypeSigned()
    {
        var body = System.Text.Encoding.UTF8.GetBytes("[{\"component_name\":\"metrics-server\",\"next_version\":\"v0.3.9.7-85b3699-aliyun\",\"version\":\"v0.3.9.4-ff225cd-aliyun\"}]");
        var payload = Hashing.Sha256Hex(body);
        Assert.Equal("57a5c747c6c4a7c99ac7c9cef7f97478406ca82dae589c998d14150a800a002d", payload);
        var r = Acs3Signature.Sign("POST", "/clusters/c82e6987e2961451182edacd74faf1234/components/upgrade", Q(),
            Cs("UpgradeClusterAddons", payload, ("content-type", "application/json; charset=utf-8")), payload, "YourAccessKeyId", "YourAccessKeySecret");
        Assert.Equal("content-type;host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version", r.SignedHeaders);
        Assert.Equal("4c423a376bc196e5b44acf79ced1c3c5c0b79139ac2accb6a71d1cec97c39099", r.Signature);
    }

    [Fact]
    public void Cs_D_UpgradeStatus_JsonArrayQueryValue()
    {
        var query = Q(("componentIds", "[\"metrics-server\",\"terway-eniip\"]"));
        Assert.Equal("componentIds=%5B%22metrics-server%22%2C%22terway-eniip%22%5D", PercentEncoding.CanonicalQuery(query));
        var r = Acs3Signature.Sign("GET", "/clusters/c82e6987e2961451182edacd74faf1234/components/upgradestatus", query,
            Cs("DescribeClusterAddonsUpgradeStatus", Empty), Empty, "YourAccessKeyId", "YourAccessKeySecret");
        Assert.Equal("99bf8658ffde8a18652d483815fd98582bd6c2be70e18b2484c8fa0e852ac1b5", r.Signature);
    }

    [Fact]
    public void DateFormat_IsUtcSecondsWithZ() =>
        Assert.Equal("2024-01-02T03:04:05Z", Acs3Signature.FormatDate(new DateTimeOffset(2024, 1, 2, 11, 4, 5, 123, TimeSpan.FromHours(8))));

    [Fact]
    public void ToString_HidesSignature()
    {
        var r = Acs3Signature.Sign("GET", "/", Q(), H(("host", "h")), Empty, "id", "secret");
        Assert.DoesNotContain(r.Signature, r.ToString());
    }
}
