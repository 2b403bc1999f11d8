using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AckHardening.Core.Tests.Sandbox;

/// <summary>Fault injection, the request log, reset and the clock through the control API.</summary>
public class SandboxFaultAndControlTests(SandboxFixture sbx) : IClassFixture<SandboxFixture>, IAsyncLifetime
{
    private static readonly (string, string) Role = ("RoleName", SandboxFixture.ProdWorkerRole);

    public Task InitializeAsync() => sbx.Reset();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Throttle_applies_count_times_then_the_call_succeeds()
    {
        await sbx.AddFault(new { service = "Ram", action = "GetRole", kind = "throttle", count = 2, retryAfterMs = 250 });
        for (var i = 0; i < 2; i++)
        {
            var r = await sbx.Ram("GetRole", Role);
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            Assert.Equal("Throttling.User", (string?)(await SandboxFixture.Json(r))["Code"]);
            Assert.Equal("250", r.Headers.GetValues("x-acs-retry-after").Single());
        }
        Assert.Equal(HttpStatusCode.OK, (await sbx.Ram("GetRole", Role)).StatusCode);
        var log = await sbx.Requests("?service=Ram");
        Assert.Equal([400, 400, 200], log.Select(e => (int)e!["status"]!).ToArray());
        Assert.Equal("throttle,throttle,", string.Join(",", log.Select(e => (string?)e!["fault"])));
    }

    [Fact]
    public async Task Error_fault_uses_status_and_code_and_other_actions_are_untouched()
    {
        await sbx.AddFault(new { service = "Ram", action = "GetPolicy", kind = "error", status = 503 });
        Assert.Equal(HttpStatusCode.OK, (await sbx.Ram("GetRole", Role)).StatusCode);
        var r = await sbx.Ram("GetPolicy", ("PolicyType", "Custom"), ("PolicyName", SandboxFixture.ProdWorkerPolicy));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, r.StatusCode);
        Assert.Equal("ServiceUnavailable", (string?)(await SandboxFixture.Json(r))["Code"]);
    }

    [Fact]
    public async Task Wildcard_action_matches_any_action_of_the_service()
    {
        await sbx.AddFault(new { service = "Cs", action = "*", kind = "error", status = 500, code = "InternalError" });
        var r = await sbx.Cs("DescribeClusterDetail", "/clusters/" + SandboxFixture.ProdCluster);
        Assert.Equal(HttpStatusCode.InternalServerError, r.StatusCode);
        Assert.Equal("InternalError", (string?)(await SandboxFixture.Json(r))["code"]);
        Assert.Equal(HttpStatusCode.OK, (await sbx.Cs("DescribeClusterDetail", "/clusters/" + SandboxFixture.ProdCluster)).StatusCode);
    }

    [Fact]
    public async Task Reset_fault_aborts_the_connection()
    {
        await sbx.AddFault(new { service = "Ram", action = "GetRole", kind = "reset" });
        await Assert.ThrowsAsync<HttpRequestException>(() => sbx.Ram("GetRole", Role));
        Assert.Equal(HttpStatusCode.OK, (await sbx.Ram("GetRole", Role)).StatusCode);
    }

    [Fact]
    public async Task Malformed_fault_returns_200_with_broken_json()
    {
        await sbx.AddFault(new { service = "Ram", action = "GetRole", kind = "malformed" });
        var r = await sbx.Ram("GetRole", Role);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var text = await r.Content.ReadAsStringAsync();
        Assert.StartsWith("{", text);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(text));
    }

    [Fact]
    public async Task Delay_fault_holds_the_response()
    {
        await sbx.AddFault(new { service = "Ram", action = "GetRole", kind = "delay", delayMs = 400 });
        var watch = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.OK, (await sbx.Ram("GetRole", Role)).StatusCode);
        Assert.True(watch.ElapsedMilliseconds >= 380, $"took {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Invalid_fault_rules_are_refused()
    {
        var r = await sbx.Http.PostAsync(new Uri(sbx.Base("Control"), "/_sandbox/faults"),
            new StringContent("{\"service\":\"Ram\",\"kind\":\"explode\"}"));
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
    }

    [Fact]
    public async Task Request_log_records_rejected_requests_without_secrets_and_can_be_cleared()
    {
        await sbx.Ram("GetRole", Role);
        await sbx.Rpc("Ram", "GetRole", [new(Role.Item1, Role.Item2)], TestKey.Admin with { Secret = "wrong" });
        await sbx.Cs("DescribeClusterDetail", "/clusters/cmissing");
        var raw = await sbx.Http.GetStringAsync(new Uri(sbx.Base("Control"), "/_sandbox/requests"));
        Assert.DoesNotContain("sbx-Secret", raw);
        Assert.DoesNotContain("ACS3-HMAC-SHA256", raw);
        var log = JsonNode.Parse(raw)!.AsArray();
        Assert.Equal(3, log.Count);
        Assert.Equal([1L, 2L, 3L], log.Select(e => (long)e!["seq"]!).ToArray());
        Assert.Equal("GetRole", (string?)log[0]!["action"]);
        Assert.Equal("POST", (string?)log[0]!["method"]);
        Assert.Equal("/", (string?)log[0]!["path"]);
        Assert.False((bool)log[0]!["isWrite"]!);
        Assert.Equal(SandboxFixture.Admin, (string?)log[0]!["accessKeyId"]);
        Assert.Equal("SignatureDoesNotMatch", (string?)log[1]!["code"]);
        Assert.Equal(404, (int)log[2]!["status"]!);
        Assert.Equal("/clusters/cmissing", (string?)log[2]!["path"]);
        Assert.NotNull((string?)log[2]!["time"]);

        await sbx.ClearRequests();
        Assert.Empty(await sbx.Requests());
    }

    [Fact]
    public async Task Reset_reloads_the_scenario_and_clears_faults_clock_and_log()
    {
        await sbx.AddFault(new { service = "*", action = "*", kind = "error", count = -1 });
        await sbx.AdvanceClock(7200);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await sbx.Ram("GetRole", Role)).StatusCode);
        await sbx.Reset();
        Assert.Equal(HttpStatusCode.OK, (await sbx.Ram("GetRole", Role)).StatusCode);
        Assert.Single(await sbx.Requests());
        var clock = JsonNode.Parse(await sbx.Http.GetStringAsync(new Uri(sbx.Base("Control"), "/_sandbox/clock")))!;
        Assert.Equal(0, (double)clock["offsetSeconds"]!);
    }

    [Fact]
    public async Task Clock_only_moves_forward()
    {
        var r = await sbx.Http.PostAsync(new Uri(sbx.Base("Control"), "/_sandbox/clock"), new StringContent("{\"advanceSeconds\":-5}"));
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        await sbx.AdvanceClock(60);
        var clock = JsonNode.Parse(await sbx.Http.GetStringAsync(new Uri(sbx.Base("Control"), "/_sandbox/clock")))!;
        Assert.Equal(60, (double)clock["offsetSeconds"]!);
    }
}
