using AckHardening.Sandbox.Auth;
using AckHardening.Sandbox.Pipeline;

namespace AckHardening.Core.Tests.Sandbox;

/// <summary>The sandbox's V3 verifier against the published (V3-1) and derived (V3-3, V3-4) vectors.</summary>
public class AcsV3VerifierVectorTests
{
    private const string EmptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private sealed class Keys(Dictionary<string, ResolvedKey> keys) : ICredentialResolver
    {
        public ResolvedKey? Resolve(string accessKeyId) => keys.GetValueOrDefault(accessKeyId);
    }

    private static ResolvedKey Key(string id, string secret, string? token = null) =>
        new(secret, true, token, token is null ? null : DateTimeOffset.MaxValue,
            new CallerIdentity(CallerKind.RamUser, "1", id, "acs:ram::1:user/t", "u", "u", ["*"]));

    private static AuthRequest Request(string method, string rawQuery, Dictionary<string, string> headers, string authorization)
    {
        var all = headers.ToDictionary(h => h.Key, h => (IReadOnlyList<string>)[h.Value]);
        all["authorization"] = [authorization];
        return new AuthRequest(method, "/", rawQuery, all, []);
    }

    private static CallerIdentity Verify(AuthRequest request, ICredentialResolver keys, string date) =>
        new AcsV3Authenticator().Authenticate(request, new AuthContext(keys, DateTimeOffset.Parse(date), DateTimeOffset.Parse(date), new NonceCache()));

    // ---- V3-1 (official) ----
    private static readonly Dictionary<string, string> V31Headers = new()
    {
        ["host"] = "ecs.cn-shanghai.aliyuncs.com",
        ["x-acs-action"] = "RunInstances",
        ["x-acs-content-sha256"] = EmptyHash,
        ["x-acs-date"] = "2023-10-26T10:22:32Z",
        ["x-acs-signature-nonce"] = "3156853299f313e23d1673dc12e1703d",
        ["x-acs-version"] = "2014-05-26",
    };
    private const string V31Query = "ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai";
    private const string V31Signed = "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version";
    private const string V31Signature = "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0";

    [Fact]
    public void V3_1_canonical_request_hash_and_signature_match_the_published_values()
    {
        var signed = V31Signed.Split(';');
        var all = V31Headers.ToDictionary(h => h.Key, h => (IReadOnlyList<string>)[h.Value]);
        var canonical = AcsV3Canonicalizer.CanonicalRequest("POST", AcsV3Canonicalizer.CanonicalUri("/"),
            AcsV3Canonicalizer.CanonicalQuery("RegionId=cn-shanghai&ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd"),
            AcsV3Canonicalizer.CanonicalHeaders(signed, all)!, signed, AcsV3Canonicalizer.Sha256Hex([]));

        Assert.Equal(
            "POST\n/\n" + V31Query + "\n" +
            "host:ecs.cn-shanghai.aliyuncs.com\nx-acs-action:RunInstances\nx-acs-content-sha256:" + EmptyHash + "\n" +
            "x-acs-date:2023-10-26T10:22:32Z\nx-acs-signature-nonce:3156853299f313e23d1673dc12e1703d\nx-acs-version:2014-05-26\n\n" +
            V31Signed + "\n" + EmptyHash, canonical);
        var toSign = AcsV3Canonicalizer.StringToSign(canonical);
        Assert.Equal("ACS3-HMAC-SHA256\n7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259", toSign);
        Assert.Equal(V31Signature, AcsV3Canonicalizer.Signature("YourAccessKeySecret", toSign));
    }

    [Fact]
    public void V3_1_request_is_accepted_by_the_verifier()
    {
        var keys = new Keys(new() { ["YourAccessKeyId"] = Key("YourAccessKeyId", "YourAccessKeySecret") });
        var auth = $"ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders={V31Signed},Signature={V31Signature}";
        var caller = Verify(Request("POST", V31Query, V31Headers, auth), keys, "2023-10-26T10:25:00Z");
        Assert.Equal("YourAccessKeyId", caller.AccessKeyId);
    }

    [Theory]
    [InlineData("query")]
    [InlineData("header")]
    [InlineData("method")]
    [InlineData("secret")]
    [InlineData("signature")]
    public void Tampered_V3_1_requests_are_rejected_with_SignatureDoesNotMatch(string what)
    {
        var headers = new Dictionary<string, string>(V31Headers);
        var query = V31Query;
        var method = "POST";
        var secret = "YourAccessKeySecret";
        var signature = V31Signature;
        switch (what)
        {
            case "query": query = query.Replace("cn-shanghai", "cn-beijing"); break;
            case "header": headers["x-acs-action"] = "DeleteInstances"; break;
            case "method": method = "GET"; break;
            case "secret": secret = "YourAccessKeySecreT"; break;
            case "signature": signature = "16563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0"; break;
        }
        var keys = new Keys(new() { ["YourAccessKeyId"] = Key("YourAccessKeyId", secret) });
        var auth = $"ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders={V31Signed},Signature={signature}";
        var e = Assert.Throws<ApiException>(() => Verify(Request(method, query, headers, auth), keys, "2023-10-26T10:22:32Z"));
        Assert.Equal("SignatureDoesNotMatch", e.Code);
        Assert.Equal(400, e.Status);
    }

    [Fact]
    public void V3_1_with_a_date_sixteen_minutes_off_is_expired()
    {
        var keys = new Keys(new() { ["YourAccessKeyId"] = Key("YourAccessKeyId", "YourAccessKeySecret") });
        var auth = $"ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders={V31Signed},Signature={V31Signature}";
        var e = Assert.Throws<ApiException>(() => Verify(Request("POST", V31Query, V31Headers, auth), keys, "2023-10-26T10:38:33Z"));
        Assert.Equal("InvalidTimeStamp.Expired", e.Code);
    }

    // ---- V3-3 (derived; STS credentials) ----
    [Fact]
    public void V3_3_sts_request_matches_and_is_accepted_with_its_token()
    {
        var headers = new Dictionary<string, string>
        {
            ["host"] = "ram.aliyuncs.com",
            ["x-acs-accesskey-id"] = "STS.testid",
            ["x-acs-action"] = "ListPoliciesForRole",
            ["x-acs-content-sha256"] = EmptyHash,
            ["x-acs-date"] = "2024-01-02T03:04:05Z",
            ["x-acs-security-token"] = "STS.TOKEN/+=EXAMPLE",
            ["x-acs-signature-nonce"] = "0123456789abcdef0123456789abcdef",
            ["x-acs-version"] = "2015-05-01",
        };
        const string signedList = "host;x-acs-accesskey-id;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version";
        var signed = signedList.Split(';');
        var canonical = AcsV3Canonicalizer.CanonicalRequest("POST", "/", AcsV3Canonicalizer.CanonicalQuery("RoleName=KubernetesWorkerRole-abc"),
            AcsV3Canonicalizer.CanonicalHeaders(signed, headers.ToDictionary(h => h.Key, h => (IReadOnlyList<string>)[h.Value]))!, signed, EmptyHash);
        var toSign = AcsV3Canonicalizer.StringToSign(canonical);
        Assert.Equal("ACS3-HMAC-SHA256\n5dfa48fcbb1abe6496ed1a027f25cca63d8a4bbf2017c19546683855dc92c36b", toSign);
        const string sig = "760c0faf91b2540b4b141a7785ebe5e09ece921aed80b3f375f2c533eb7ba60b";
        Assert.Equal(sig, AcsV3Canonicalizer.Signature("testsecret", toSign));

        var auth = $"ACS3-HMAC-SHA256 Credential=STS.testid,SignedHeaders={signedList},Signature={sig}";
        var good = new Keys(new() { ["STS.testid"] = Key("STS.testid", "testsecret", "STS.TOKEN/+=EXAMPLE") });
        Assert.Equal("STS.testid", Verify(Request("POST", "RoleName=KubernetesWorkerRole-abc", headers, auth), good, "2024-01-02T03:04:05Z").AccessKeyId);

        var otherToken = new Keys(new() { ["STS.testid"] = Key("STS.testid", "testsecret", "STS.OTHER") });
        Assert.Equal("InvalidSecurityToken.MismatchWithAccessKey",
            Assert.Throws<ApiException>(() => Verify(Request("POST", "RoleName=KubernetesWorkerRole-abc", headers, auth), otherToken, "2024-01-02T03:04:05Z")).Code);
    }

    // ---- V3-4 (derived; JSON policy document in the query) ----
    [Fact]
    public void V3_4_json_in_query_canonicalizes_and_signs_as_published()
    {
        const string doc = "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"ecs:DescribeInstances\",\"log:GetProject\"],\"Resource\":\"*\"}]}";
        var raw = "SetAsDefault=true&PolicyName=k8sWorkerRolePolicy-abc&PolicyDocument=" + Uri.EscapeDataString(doc)
                  + "&RotateStrategy=DeleteOldestNonDefaultVersionWhenLimitExceeded";
        var canonicalQuery = AcsV3Canonicalizer.CanonicalQuery(raw);
        Assert.Equal("PolicyDocument=%7B%22Version%22%3A%221%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%5B%22ecs%3ADescribeInstances%22%2C%22log%3AGetProject%22%5D%2C%22Resource%22%3A%22%2A%22%7D%5D%7D&PolicyName=k8sWorkerRolePolicy-abc&RotateStrategy=DeleteOldestNonDefaultVersionWhenLimitExceeded&SetAsDefault=true",
            canonicalQuery);

        var headers = new Dictionary<string, string>
        {
            ["host"] = "ram.aliyuncs.com", ["x-acs-action"] = "CreatePolicyVersion", ["x-acs-content-sha256"] = EmptyHash,
            ["x-acs-date"] = "2024-01-02T03:04:05Z", ["x-acs-signature-nonce"] = "0123456789abcdef0123456789abcdef", ["x-acs-version"] = "2015-05-01",
        };
        var signed = headers.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList();
        var canonical = AcsV3Canonicalizer.CanonicalRequest("POST", "/", canonicalQuery,
            AcsV3Canonicalizer.CanonicalHeaders(signed, headers.ToDictionary(h => h.Key, h => (IReadOnlyList<string>)[h.Value]))!, signed, EmptyHash);
        var toSign = AcsV3Canonicalizer.StringToSign(canonical);
        Assert.Equal("ACS3-HMAC-SHA256\n22362521c2fb440a26715accdf68abdacb441668fbee004dbb067795afd6ad6c", toSign);
        const string sig = "bf54c9dbf2d9df27820d63df54fdd3e2695e9cb28ea570d1eb42f7efa50309d6";
        Assert.Equal(sig, AcsV3Canonicalizer.Signature("testsecret", toSign));

        var keys = new Keys(new() { ["testid"] = Key("testid", "testsecret") });
        var auth = $"ACS3-HMAC-SHA256 Credential=testid,SignedHeaders={string.Join(';', signed)},Signature={sig}";
        Assert.Equal("testid", Verify(Request("POST", raw, headers, auth), keys, "2024-01-02T03:10:00Z").AccessKeyId);
        var tampered = raw.Replace("log%3AGetProject", "log%3A%2A");
        Assert.Equal("SignatureDoesNotMatch", Assert.Throws<ApiException>(() => Verify(Request("POST", tampered, headers, auth), keys, "2024-01-02T03:10:00Z")).Code);
    }

    [Theory]
    [InlineData("a/b/c/ test", "a%2Fb%2Fc%2F%20test")]
    [InlineData("*~", "%2A~")]
    [InlineData("é", "%C3%A9")]
    public void Percent_encoding_follows_RFC3986(string input, string expected) =>
        Assert.Equal(expected, AcsV3Canonicalizer.PercentEncode(input));

    [Fact]
    public void Canonical_uri_encodes_each_segment() => Assert.Equal("/path/%20test", AcsV3Canonicalizer.CanonicalUri("/path/%20test"));

    [Fact]
    public void Signed_headers_must_include_host()
    {
        var keys = new Keys(new() { ["YourAccessKeyId"] = Key("YourAccessKeyId", "YourAccessKeySecret") });
        var auth = $"ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders={V31Signed[5..]},Signature={V31Signature}";
        Assert.Equal("IncompleteSignature", Assert.Throws<ApiException>(() => Verify(Request("POST", V31Query, V31Headers, auth), keys, "2023-10-26T10:22:32Z")).Code);
    }
}
