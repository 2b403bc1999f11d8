using System.Net;
using AckHardening.Core.Credentials;
using AckHardening.Core.Http;
using AckHardening.Core.Tests.Http;

namespace AckHardening.Core.Tests.Credentials;

internal static class CredentialTestSupport
{
    public static string StsBody(string id, DateTimeOffset expires) =>
        "{\"RequestId\":\"sts-req\",\"AssumedRoleUser\":{\"Arn\":\"acs:ram::1234567890123456:role/ackhardeningoperator/s1\",\"AssumedRoleId\":\"3000:s1\"}," +
        $"\"Credentials\":{{\"AccessKeyId\":\"{id}\",\"AccessKeySecret\":\"sts-secret-{id}\",\"SecurityToken\":\"sts-token-{id}\",\"Expiration\":\"{expires.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}\"}}}}";

    /// <summary>An STS transport factory whose requests go to <paramref name="stub"/>, signed by whichever provider it is given.</summary>
    public static Func<ICredentialProvider, IApiTransport> StsFactory(StubHandler stub) => provider =>
        new AlibabaTransport(new AckSession(provider, "cn-hangzhou", new Dictionary<string, Uri> { ["Sts"] = new("http://127.0.0.1:9005/") }),
            new ListLog(), new TransportOptions { MaxAttempts = 1 }, stub);

    public static Func<string, string?> Env(params (string, string)[] vars)
    {
        var map = vars.ToDictionary(v => v.Item1, v => v.Item2);
        return name => map.TryGetValue(name, out var v) ? v : null;
    }

    public static string TempFile(string content)
    {
        var path = Path.Combine(Path.GetTempPath(), "ackh-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, content);
        return path;
    }
}
