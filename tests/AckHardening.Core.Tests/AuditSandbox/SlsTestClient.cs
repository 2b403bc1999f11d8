using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AckHardening.Core.Tests.Sandbox;

namespace AckHardening.Core.Tests.AuditSandbox;

/// <summary>
/// A tiny SLS V1 signer and GetLogs caller written for these tests from the documented layout; it shares no code
/// with the sandbox's verifier or the module's signer.
/// </summary>
internal sealed class SlsTestClient(SandboxFixture sbx)
{
    public const string Project = "ack-audit-1234567890123456";
    public const string Logstore = "actiontrail_ack-audit";

    public sealed record Response(int Status, string Body, IReadOnlyDictionary<string, string> Headers)
    {
        public JsonArray Rows => JsonNode.Parse(Body)!.AsArray();
        public string? ErrorCode => (string?)JsonNode.Parse(Body)?["errorCode"];
        public string Header(string name) => Headers.TryGetValue(name, out var v) ? v : "";
    }

    public static string Sign(string secret, string stringToSign) =>
        Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(stringToSign)));

    public async Task<Response> Get(string logstore, IEnumerable<(string Name, string Value)> query, TestKey? key = null, string project = Project,
        DateTimeOffset? date = null, Action<HttpRequestMessage>? tamper = null, bool sign = true)
    {
        key ??= TestKey.Admin;
        var parameters = query.ToList();
        var baseUri = sbx.Base("Sls");
        var uri = new Uri(baseUri, "/logstores/" + Uri.EscapeDataString(logstore) + "?" +
            string.Join("&", parameters.Select(p => Uri.EscapeDataString(p.Name) + "=" + Uri.EscapeDataString(p.Value))));
        var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Host = $"{project}.{baseUri.Host}:{baseUri.Port}";
        var dateText = (date ?? DateTimeOffset.UtcNow).UtcDateTime.ToString("r", CultureInfo.InvariantCulture);
        var logHeaders = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["x-log-apiversion"] = "0.6.0", ["x-log-bodyrawsize"] = "0", ["x-log-signaturemethod"] = "hmac-sha1",
        };
        if (key.Token is not null) logHeaders["x-acs-security-token"] = key.Token;
        var resource = "/logstores/" + logstore + "?" + string.Join("&", parameters.OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => p.Name + "=" + p.Value));
        var toSign = "GET\n\n\n" + dateText + "\n" + string.Join("\n", logHeaders.Select(h => h.Key + ":" + h.Value)) + "\n" + resource;
        request.Headers.TryAddWithoutValidation("Date", dateText);
        foreach (var (k, v) in logHeaders) request.Headers.TryAddWithoutValidation(k, v);
        if (sign) request.Headers.TryAddWithoutValidation("Authorization", $"LOG {key.Id}:{Sign(key.Secret, toSign)}");
        tamper?.Invoke(request);
        var response = await sbx.Http.SendAsync(request);
        var headers = response.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(",", h.Value));
        return new Response((int)response.StatusCode, await response.Content.ReadAsStringAsync(), headers);
    }

    /// <summary>GetLogs with a [from, to) window covering the whole scenario history.</summary>
    public Task<Response> Query(string query, string logstore = Logstore, params (string, string)[] extra) =>
        Get(logstore, new[] { ("type", "log"), ("from", _from), ("to", _to), ("query", query) }.Concat(extra));

    // Fixed per client, so repeated calls are identical requests (Incomplete is counted per identical request).
    private readonly string _from = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 40 * 86400).ToString(CultureInfo.InvariantCulture);
    private readonly string _to = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 3600).ToString(CultureInfo.InvariantCulture);

    /// <summary>Re-issues the identical request while the sandbox answers Incomplete, as a correct client must.</summary>
    public async Task<Response> QueryComplete(string query, string logstore = Logstore, params (string, string)[] extra)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var r = await Query(query, logstore, extra);
            if (r.Status != 200 || r.Header("x-log-progress") == "Complete") return r;
        }
        throw new InvalidOperationException("GetLogs never completed.");
    }
}
