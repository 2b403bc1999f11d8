using AckHardening.Core.Audit;
using AckHardening.Core.Audit.Sls;
using AckHardening.Core.Credentials;
using AckHardening.Core.Http;
using AckHardening.Core.Tests.Sandbox;

namespace AckHardening.Core.Tests.AuditSandbox;

/// <summary>
/// The module's own SLS path (transport + V1 signer + query + response parser) against the sandbox: the two sides
/// were written independently, so agreement here checks both. Counts must equal the generator's ground truth.
/// </summary>
public class SlsModuleInteropTests(SandboxFixture sbx) : IClassFixture<SandboxFixture>
{
    private AlibabaTransport Transport(string keyId = SandboxFixture.Admin, string secret = "sbx-Secret-7f3a9c2e5b8d1f4a6c0e") =>
        new(new AckSession(new StaticCredentialProvider(keyId, secret, null), "cn-hangzhou", new Dictionary<string, Uri> { ["Sls"] = sbx.Base("Sls") }),
            new Http.ListLog());

    private static ApiRequest GetLogs(SlsGetLogsRequest r, string project = SlsTestClient.Project)
    {
        var request = new ApiRequest(ServiceDescriptor.Sls, "GetLogs") { Method = "GET", Path = r.Path, SlsProject = project, Idempotent = true };
        foreach (var (k, v) in r.ToQueryParameters()) request.Query[k] = v;
        return request;
    }

    [Fact]
    public async Task Module_signed_GetLogs_is_accepted_and_its_parsed_counts_match_ground_truth()
    {
        var transport = Transport();
        var now = DateTimeOffset.UtcNow;
        var request = SlsActivityQuery.BuildRequest(SlsTestClient.Logstore, now.AddDays(-30), now.AddHours(1), [SandboxFixture.ProdWorkerRole]);
        var matcher = new RolePrincipalMatcher([SandboxFixture.ProdWorkerRole]);
        SlsActivityPage page;
        var attempts = 0;
        var progress = new List<bool>();
        do
        {
            var response = await transport.SendAsync(GetLogs(request), CancellationToken.None);
            page = SlsActivityResponse.Parse(response.Body, response.Headers, matcher);
            progress.Add(page.IsComplete);
        }
        while (!page.IsComplete && ++attempts < 5);
        Assert.Equal([false, true], progress); // the scenario's first identical call is Incomplete

        var expected = System.Text.Json.Nodes.JsonNode.Parse(await sbx.Http.GetStringAsync(new Uri(sbx.Base("Control"), "/_sandbox/expected-activity?role=" + SandboxFixture.ProdWorkerRole)))!;
        var truth = expected["activities"]!.AsArray().ToDictionary(a => ((string)a!["serviceName"]!, (string)a["eventName"]!), a => (long)a!["total"]!);
        Assert.Equal(truth.Count, page.Rows.Count);
        foreach (var row in page.Rows) Assert.Equal(truth[(row.ServiceName, row.EventName)], row.Total);
    }

    [Fact]
    public async Task Module_sees_SLS_errors_with_their_codes()
    {
        var now = DateTimeOffset.UtcNow;
        var request = SlsActivityQuery.BuildRequest("actiontrail_missing", now.AddDays(-1), now, [SandboxFixture.ProdWorkerRole]);
        var missing = await Assert.ThrowsAsync<AlibabaServiceException>(() => Transport().SendAsync(GetLogs(request), CancellationToken.None));
        Assert.Equal("LogStoreNotExist", missing.Code);
        var project = await Assert.ThrowsAsync<AlibabaServiceException>(() => Transport().SendAsync(GetLogs(request, "no-such-project"), CancellationToken.None));
        Assert.Equal("ProjectNotExist", project.Code);
        var signature = await Assert.ThrowsAsync<AlibabaServiceException>(() => Transport(secret: "wrong").SendAsync(GetLogs(request), CancellationToken.None));
        Assert.Equal("SignatureNotMatch", signature.Code);
    }
}
