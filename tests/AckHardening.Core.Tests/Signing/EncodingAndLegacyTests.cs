using AckHardening.Core.Signing;

namespace AckHardening.Core.Tests.Signing;

public class EncodingAndLegacyTests
{
    [Fact]
    public void HexEncodeHash_OfTest() => Assert.Equal("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", Hashing.Sha256Hex("test"));

    [Fact]
    public void EncodePath_KeepsSlashes() => Assert.Equal("/path/%20test", PercentEncoding.EncodePath("/path/ test"));

    [Fact]
    public void EncodeParam_EncodesSlashAndSpace() => Assert.Equal("a%2Fb%2Fc%2F%20test", PercentEncoding.Encode("a/b/c/ test"));

    [Theory]
    [InlineData(" ", "%20")]
    [InlineData("*", "%2A")]
    [InlineData("~", "~")]
    [InlineData("/", "%2F")]
    [InlineData(":", "%3A")]
    [InlineData("+", "%2B")]
    [InlineData("=", "%3D")]
    [InlineData("AZaz09-_.", "AZaz09-_.")]
    [InlineData("é", "%C3%A9")]
    [InlineData("STS.TOKEN/+=EXAMPLE", "STS.TOKEN%2F%2B%3DEXAMPLE")]
    public void Encode_Rfc3986(string raw, string encoded) => Assert.Equal(encoded, PercentEncoding.Encode(raw));

    [Fact]
    public void EncodePath_EmptyIsRoot() => Assert.Equal("/", PercentEncoding.EncodePath(""));

    private static Dictionary<string, string> Classic(string nonce, string ts, string action, string format, params (string, string)[] extra)
    {
        var d = new Dictionary<string, string>
        {
            ["AccessKeyId"] = "testid", ["Action"] = action, ["Format"] = format, ["SignatureMethod"] = "HMAC-SHA1",
            ["SignatureNonce"] = nonce, ["SignatureVersion"] = "1.0", ["Timestamp"] = ts, ["Version"] = "2014-05-26",
        };
        foreach (var (k, v) in extra) d[k] = v;
        return d;
    }

    [Fact]
    public void V2_1_ClassicDocExample()
    {
        var p = Classic("3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf", "2016-02-23T12:46:24Z", "DescribeRegions", "XML");
        Assert.Equal("OLeaidS1JvxuMvnyHOwuJ+uX5qY=", LegacySignatures.RpcV2("GET", p, "testsecret"));
        Assert.Equal("MxbnVAM4w6sft9xjVpe/GCKueuk=", LegacySignatures.RpcV2("POST", p, "testsecret"));
    }

    [Fact]
    public void V2_2_CurrentDocFixedParameters()
    {
        var p = Classic("edb2b34af0af9a6d14deaf7c1a5315eb", "2023-03-13T08:34:30Z", "DescribeDedicatedHosts", "JSON", ("RegionId", "cn-beijing"));
        Assert.Equal("AccessKeyId=testid&Action=DescribeDedicatedHosts&Format=JSON&RegionId=cn-beijing&SignatureMethod=HMAC-SHA1&SignatureNonce=edb2b34af0af9a6d14deaf7c1a5315eb&SignatureVersion=1.0&Timestamp=2023-03-13T08%3A34%3A30Z&Version=2014-05-26",
            PercentEncoding.CanonicalQuery(p));
        Assert.Equal("9NaGiOspFP5UPcwX8Iwt2YJXXuk=", LegacySignatures.RpcV2("GET", p, "testsecret"));
        Assert.Equal("ZvQ9xGiFnquSJRvj+WE6kdSpTwU=", LegacySignatures.RpcV2("POST", p, "testsecret"));
    }

    [Fact]
    public void V2_3_SdkUnitTests()
    {
        Assert.Equal("XlUyV4sXjOuX5FnjUz9IF9tm5rU=", LegacySignatures.RpcV2("GET", new Dictionary<string, string> { ["query"] = "test", ["body"] = "test" }, "secret"));
        Assert.Equal("OmuTAr79tpI6CRoAdmzKRq5lHs0=", LegacySignatures.RoaV1("stringtosign", "secret"));
    }

    [Fact]
    public void V2_4_Derived_RamWithStsToken()
    {
        var p = new Dictionary<string, string>
        {
            ["AccessKeyId"] = "testid", ["Action"] = "GetPolicyVersion", ["Format"] = "JSON", ["PolicyName"] = "k8sWorkerRolePolicy-abc",
            ["PolicyType"] = "Custom", ["SecurityToken"] = "STS.TOKEN/+=EXAMPLE", ["SignatureMethod"] = "HMAC-SHA1",
            ["SignatureNonce"] = "0123456789abcdef0123456789abcdef", ["SignatureVersion"] = "1.0", ["Timestamp"] = "2024-01-02T03:04:05Z",
            ["Version"] = "2015-05-01", ["VersionId"] = "v3",
        };
        Assert.Contains("SecurityToken=STS.TOKEN%2F%2B%3DEXAMPLE", PercentEncoding.CanonicalQuery(p));
        Assert.Equal("Q46WjPvPOaQkOSVZo34HPart3gs=", LegacySignatures.RpcV2("GET", p, "testsecret"));
    }

    [Fact]
    public void Roa_E_LegacyHmacSha1()
    {
        var headers = new Dictionary<string, string>
        {
            ["x-acs-signature-method"] = "HMAC-SHA1", ["x-acs-signature-version"] = "1.0", ["x-acs-version"] = "2015-12-15",
            ["x-acs-action"] = "DescribeClusterDetail", ["x-acs-signature-nonce"] = "3c7b6a1f-2e4d-4a5b-9c8d-0123456789ab",
        };
        var sts = LegacySignatures.RoaV1StringToSign("GET", "application/json", "", "", "Wed, 01 May 2024 08:00:00 GMT", headers,
            "/clusters/c82e6987e2961451182edacd74faf1234", null);
        Assert.Equal("acs YourAccessKeyId:+rLCjYqtV58Tr/r+frWDGDouEAE=", "acs YourAccessKeyId:" + LegacySignatures.RoaV1(sts, "YourAccessKeySecret"));
    }
}
