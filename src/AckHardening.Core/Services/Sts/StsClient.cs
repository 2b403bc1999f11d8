using System.Globalization;
using System.Text;
using System.Text.Json;
using AckHardening.Core.Credentials;
using AckHardening.Core.Http;

namespace AckHardening.Core.Services.Sts;

/// <summary>Temporary credentials returned by STS, with the role identity they belong to.</summary>
public sealed record StsCredentials(AckCredential Credential, string? AssumedRoleArn, string? AssumedRoleId, string? RequestId);

/// <summary>The caller's identity (GetCallerIdentity).</summary>
public sealed record StsCallerIdentity(string? AccountId, string? UserId, string? Arn, string? IdentityType, string? PrincipalId);

/// <summary>STS 2015-04-01 calls the credential providers need.</summary>
public sealed class StsClient
{
    public const int MinDurationSeconds = 900;
    public const int DefaultDurationSeconds = 3600;
    private readonly IApiTransport _transport;

    public StsClient(IApiTransport transport) => _transport = transport ?? throw new ArgumentNullException(nameof(transport));

    /// <summary>AssumeRole, signed with the transport's credentials. <paramref name="policy"/> narrows the session further.</summary>
    public async Task<StsCredentials> AssumeRoleAsync(string roleArn, string roleSessionName, int durationSeconds = DefaultDurationSeconds,
        string? policy = null, string? externalId = null, CancellationToken cancellationToken = default)
    {
        ValidateRoleArgs(roleArn, roleSessionName, durationSeconds);
        var request = new ApiRequest(ServiceDescriptor.Sts, "AssumeRole") { Idempotent = true }
            .With("RoleArn", roleArn)
            .With("RoleSessionName", roleSessionName)
            .With("DurationSeconds", durationSeconds.ToString(CultureInfo.InvariantCulture))
            .With("Policy", policy)
            .With("ExternalId", externalId);
        if (policy is not null) request.ElidedParameters.Add("Policy");
        var response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return ParseCredentials(response, "AssumeRole");
    }

    /// <summary>AssumeRoleWithOIDC: unsigned, the OIDC token (sent in the form body, never logged) is the proof.</summary>
    public async Task<StsCredentials> AssumeRoleWithOidcAsync(string roleArn, string oidcProviderArn, string oidcToken, string roleSessionName,
        int durationSeconds = DefaultDurationSeconds, string? policy = null, CancellationToken cancellationToken = default)
    {
        ValidateRoleArgs(roleArn, roleSessionName, durationSeconds);
        if (string.IsNullOrWhiteSpace(oidcProviderArn)) throw new ArgumentException("An OIDC provider ARN is required.", nameof(oidcProviderArn));
        if (string.IsNullOrWhiteSpace(oidcToken)) throw new ArgumentException("The OIDC token is empty.", nameof(oidcToken));
        var form = new List<KeyValuePair<string, string>>
        {
            new("DurationSeconds", durationSeconds.ToString(CultureInfo.InvariantCulture)),
            new("OIDCProviderArn", oidcProviderArn),
            new("OIDCToken", oidcToken.Trim()),
            new("RoleArn", roleArn),
            new("RoleSessionName", roleSessionName),
        };
        if (policy is not null) form.Add(new("Policy", policy));
        var body = string.Join('&', form.Select(p => Signing.PercentEncoding.Encode(p.Key) + "=" + Signing.PercentEncoding.Encode(p.Value)));
        var request = new ApiRequest(ServiceDescriptor.Sts, "AssumeRoleWithOIDC")
        {
            Anonymous = true,
            Idempotent = true,
            Body = Encoding.UTF8.GetBytes(body),
            ContentType = "application/x-www-form-urlencoded",
        };
        var response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return ParseCredentials(response, "AssumeRoleWithOIDC");
    }

    public async Task<StsCallerIdentity> GetCallerIdentityAsync(CancellationToken cancellationToken = default)
    {
        var response = await _transport.SendAsync(new ApiRequest(ServiceDescriptor.Sts, "GetCallerIdentity") { Idempotent = true }, cancellationToken)
            .ConfigureAwait(false);
        var b = response.Body;
        return new StsCallerIdentity(Str(b, "AccountId"), Str(b, "UserId"), Str(b, "Arn"), Str(b, "IdentityType"), Str(b, "PrincipalId"));
    }

    /// <summary>Default session name: "ackhardening-&lt;unix ms&gt;" (RoleSessionName allows 2-64 of [A-Za-z0-9.@_-]).</summary>
    public static string DefaultSessionName(DateTimeOffset now) => "ackhardening-" + now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    private static void ValidateRoleArgs(string roleArn, string roleSessionName, int durationSeconds)
    {
        if (string.IsNullOrWhiteSpace(roleArn) || !roleArn.StartsWith("acs:ram::", StringComparison.Ordinal))
            throw new ArgumentException($"'{roleArn}' is not a RAM role ARN (acs:ram::<account>:role/<name>).", nameof(roleArn));
        if (string.IsNullOrEmpty(roleSessionName) || roleSessionName.Length is < 2 or > 64
            || roleSessionName.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '@' or '_' or '-')))
            throw new ArgumentException($"RoleSessionName '{roleSessionName}' must be 2-64 characters of letters, digits, '.', '@', '_' and '-'.", nameof(roleSessionName));
        if (durationSeconds < MinDurationSeconds || durationSeconds > 43200)
            throw new ArgumentOutOfRangeException(nameof(durationSeconds), $"DurationSeconds must be between {MinDurationSeconds} and 43200.");
    }

    private static StsCredentials ParseCredentials(ApiResponse response, string action)
    {
        var body = response.Body;
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("Credentials", out var c) || c.ValueKind != JsonValueKind.Object)
            throw new AlibabaServiceException("Sts", action, "MalformedResponse", "The response has no Credentials object.", response.StatusCode, response.RequestId);
        var id = Str(c, "AccessKeyId");
        var secret = Str(c, "AccessKeySecret");
        var token = Str(c, "SecurityToken");
        var expiration = Str(c, "Expiration");
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(secret) || string.IsNullOrEmpty(token)
            || !DateTimeOffset.TryParse(expiration, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var expires))
            throw new AlibabaServiceException("Sts", action, "MalformedResponse", "The Credentials object lacks a key id, secret, token or valid Expiration.",
                response.StatusCode, response.RequestId);
        string? arn = null, roleId = null;
        if (body.TryGetProperty("AssumedRoleUser", out var user) && user.ValueKind == JsonValueKind.Object)
        {
            arn = Str(user, "Arn");
            roleId = Str(user, "AssumedRoleId");
        }
        return new StsCredentials(new AckCredential(id, secret, token, expires), arn, roleId, response.RequestId);
    }

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
