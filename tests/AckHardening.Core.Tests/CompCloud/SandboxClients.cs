using AckHardening.Core.Credentials;
using AckHardening.Core.Diagnostics;
using AckHardening.Core.Http;
using AckHardening.Core.Tests.Sandbox;

namespace AckHardening.Core.Tests.CompCloud;

/// <summary>The module's real transport, signed with the admin key, pointed at the in-process sandbox.</summary>
internal static class SandboxClients
{
    public static IApiTransport Transport(SandboxFixture sbx, IAckLog? log = null) =>
        new AlibabaTransport(
            new AckSession(new StaticCredentialProvider(new AckCredential(SandboxFixture.Admin, "sbx-Secret-7f3a9c2e5b8d1f4a6c0e")), "cn-hangzhou",
                new Dictionary<string, Uri> { ["Cs"] = sbx.Base("Cs"), ["Ram"] = sbx.Base("Ram") }),
            log ?? NullAckLog.Instance, new TransportOptions { MaxAttempts = 1 });
}
