using AckHardening.Core.Errors;
using AckHardening.Core.Http;
using AckHardening.Core.Services.Sts;

namespace AckHardening.Core.Credentials;

/// <summary>
/// RRSA / OIDC: exchanges the projected service-account token (re-read from its file at each refresh, as the kubelet
/// rotates it) for role credentials with the unsigned AssumeRoleWithOIDC call.
/// </summary>
public sealed class OidcCredentialProvider : RefreshingCredentialProvider
{
    public const string RoleArnVariable = "ALIBABA_CLOUD_ROLE_ARN";
    public const string ProviderArnVariable = "ALIBABA_CLOUD_OIDC_PROVIDER_ARN";
    public const string TokenFileVariable = "ALIBABA_CLOUD_OIDC_TOKEN_FILE";
    public const string SessionNameVariable = "ALIBABA_CLOUD_ROLE_SESSION_NAME";

    private readonly StsClient _sts;

    /// <param name="transport">A transport for STS; the calls are anonymous, so its session's credentials are not used.</param>
    public OidcCredentialProvider(IApiTransport transport, string roleArn, string oidcProviderArn, string tokenFile, string? roleSessionName = null,
        int durationSeconds = StsClient.DefaultDurationSeconds, string? policy = null, Func<DateTimeOffset>? clock = null)
        : base(clock)
    {
        _sts = new StsClient(transport ?? throw new ArgumentNullException(nameof(transport)));
        RoleArn = string.IsNullOrWhiteSpace(roleArn) ? throw new ArgumentException("A role ARN is required.", nameof(roleArn)) : roleArn;
        OidcProviderArn = string.IsNullOrWhiteSpace(oidcProviderArn) ? throw new ArgumentException("An OIDC provider ARN is required.", nameof(oidcProviderArn)) : oidcProviderArn;
        TokenFile = string.IsNullOrWhiteSpace(tokenFile) ? throw new ArgumentException("An OIDC token file is required.", nameof(tokenFile)) : tokenFile;
        RoleSessionName = string.IsNullOrEmpty(roleSessionName) ? StsClient.DefaultSessionName(Now) : roleSessionName;
        DurationSeconds = durationSeconds;
        Policy = policy;
    }

    /// <summary>Builds the provider from the three standard variables; null with a reason when any is missing.</summary>
    public static OidcCredentialProvider? FromEnvironment(Func<string, string?> env, IApiTransport transport, out string? missing,
        Func<DateTimeOffset>? clock = null)
    {
        var names = new[] { RoleArnVariable, ProviderArnVariable, TokenFileVariable };
        var absent = names.Where(n => string.IsNullOrWhiteSpace(env(n))).ToList();
        if (absent.Count > 0)
        {
            missing = string.Join(", ", absent) + (absent.Count == 1 ? " is" : " are") + " not set";
            return null;
        }
        missing = null;
        return new OidcCredentialProvider(transport, env(RoleArnVariable)!, env(ProviderArnVariable)!, env(TokenFileVariable)!, env(SessionNameVariable), clock: clock);
    }

    public string RoleArn { get; }
    public string OidcProviderArn { get; }
    public string TokenFile { get; }
    public string RoleSessionName { get; }
    public int DurationSeconds { get; }
    public string? Policy { get; }

    public override string Source => "Oidc";

    protected override async Task<AckCredential> FetchAsync(CancellationToken cancellationToken)
    {
        string token;
        try
        {
            token = await File.ReadAllTextAsync(TokenFile, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AckException("AckOidcTokenUnreadable", AckErrorKind.AuthenticationError,
                $"Cannot read the OIDC token file '{TokenFile}' ({ALIBABA_TOKEN_FILE_HINT}): {e.Message}", TokenFile, e);
        }
        if (string.IsNullOrWhiteSpace(token))
            throw new AckException("AckOidcTokenUnreadable", AckErrorKind.AuthenticationError, $"The OIDC token file '{TokenFile}' is empty.", TokenFile);
        var result = await _sts.AssumeRoleWithOidcAsync(RoleArn, OidcProviderArn, token, RoleSessionName, DurationSeconds, Policy, cancellationToken)
            .ConfigureAwait(false);
        return result.Credential;
    }

    private const string ALIBABA_TOKEN_FILE_HINT = "from " + TokenFileVariable;
}
