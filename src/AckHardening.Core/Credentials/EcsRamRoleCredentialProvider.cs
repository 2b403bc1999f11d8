using System.Globalization;
using System.Net;
using System.Text.Json;
using AckHardening.Core.Errors;
using AckHardening.Core.Http;

namespace AckHardening.Core.Credentials;

/// <summary>
/// Credentials of the RAM role attached to the ECS instance this runs on, read from the instance metadata service.
/// Uses the IMDSv2 session token (falling back to IMDSv1 unless that is disabled). The base address is injectable so
/// tests use a loopback stub.
/// </summary>
public sealed class EcsRamRoleCredentialProvider : RefreshingCredentialProvider
{
    public static readonly Uri DefaultMetadataAddress = new("http://100.100.100.200/");
    private const string CredentialsPath = "latest/meta-data/ram/security-credentials/";
    private const string TokenPath = "latest/api/token";

    private readonly Uri _base;
    private readonly HttpClient _client;
    private readonly TimeSpan _timeout;
    private readonly bool _imdsV1Disabled;
    private string? _roleName;

    /// <param name="roleName">The role; discovered from the metadata service when null.</param>
    /// <param name="metadataAddress">Base address of the metadata service (tests: a loopback stub).</param>
    /// <param name="handler">Optional handler (tests); the module's shared client otherwise.</param>
    public EcsRamRoleCredentialProvider(string? roleName = null, Uri? metadataAddress = null, HttpMessageHandler? handler = null,
        TimeSpan? timeout = null, bool imdsV1Disabled = false, Func<DateTimeOffset>? clock = null)
        : base(clock)
    {
        _roleName = string.IsNullOrWhiteSpace(roleName) ? null : roleName;
        _base = metadataAddress ?? DefaultMetadataAddress;
        if (!_base.AbsoluteUri.EndsWith('/')) _base = new Uri(_base.AbsoluteUri + "/");
        _client = handler is null ? SharedHttp.Client : new HttpClient(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        _timeout = timeout ?? TimeSpan.FromSeconds(1);
        _imdsV1Disabled = imdsV1Disabled;
    }

    public string? RoleName => _roleName;

    public override string Source => _roleName is null ? "EcsRamRole" : $"EcsRamRole:{_roleName}";

    protected override async Task<AckCredential> FetchAsync(CancellationToken cancellationToken)
    {
        var token = await GetSessionTokenAsync(cancellationToken).ConfigureAwait(false);
        if (_roleName is null)
        {
            var (status, listing) = await GetAsync(CredentialsPath, token, cancellationToken).ConfigureAwait(false);
            var first = status == HttpStatusCode.OK ? listing.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() : null;
            _roleName = first ?? throw Fail($"no RAM role is attached to this instance (HTTP {(int)status}).");
        }

        var (code, body) = await GetAsync(CredentialsPath + Uri.EscapeDataString(_roleName), token, cancellationToken).ConfigureAwait(false);
        if (code == HttpStatusCode.NotFound) throw Fail($"the instance has no RAM role named '{_roleName}'.");
        if (code != HttpStatusCode.OK) throw Fail($"the metadata service answered HTTP {(int)code}.");
        return Parse(body);
    }

    private AckCredential Parse(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var r = doc.RootElement;
            string? S(string n) => r.TryGetProperty(n, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            if (S("Code") != "Success") throw Fail($"the metadata service returned Code '{S("Code")}' instead of Success.");
            var id = S("AccessKeyId");
            var secret = S("AccessKeySecret");
            var token = S("SecurityToken");
            if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(secret) || string.IsNullOrEmpty(token)
                || !DateTimeOffset.TryParse(S("Expiration"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var expires))
                throw Fail("the metadata credentials lack a key id, secret, token or Expiration.");
            return new AckCredential(id, secret, token, expires);
        }
        catch (JsonException)
        {
            throw Fail("the metadata service returned a body that is not JSON.");
        }
    }

    /// <summary>IMDSv2 session token; null means "use IMDSv1" (allowed only when not disabled).</summary>
    private async Task<string?> GetSessionTokenAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(_base, TokenPath));
            request.Headers.TryAddWithoutValidation("X-aliyun-ecs-metadata-token-ttl-seconds", "21600");
            using var cts = Linked(cancellationToken);
            using var response = await _client.SendAsync(request, cts.Token).ConfigureAwait(false);
            if (response.IsSuccessStatusCode) return (await response.Content.ReadAsStringAsync(cts.Token).ConfigureAwait(false)).Trim();
            if (_imdsV1Disabled) throw Fail($"the IMDSv2 token request failed (HTTP {(int)response.StatusCode}) and IMDSv1 is disabled.");
            return null;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            if (_imdsV1Disabled) throw Fail($"the IMDSv2 token request failed ({e.Message}) and IMDSv1 is disabled.", e);
            throw Fail($"the instance metadata service at {_base} is not reachable ({Describe(e)}).", e);
        }
    }

    private async Task<(HttpStatusCode, string)> GetAsync(string path, string? token, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_base, path));
            if (token is not null) request.Headers.TryAddWithoutValidation("X-aliyun-ecs-metadata-token", token);
            using var cts = Linked(cancellationToken);
            using var response = await _client.SendAsync(request, cts.Token).ConfigureAwait(false);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(cts.Token).ConfigureAwait(false));
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw Fail($"the instance metadata service at {_base} is not reachable ({Describe(e)}).", e);
        }
    }

    private CancellationTokenSource Linked(CancellationToken cancellationToken)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(_timeout);
        return cts;
    }

    private static string Describe(Exception e) => e is OperationCanceledException ? "timed out" : e.Message;

    private static AckException Fail(string why, Exception? inner = null) =>
        new("AckEcsRamRoleUnavailable", AckErrorKind.AuthenticationError, "ECS RAM role credentials are not available: " + why, null, inner);
}
