using AckHardening.Core.Errors;
using AckHardening.Core.Http;

namespace AckHardening.Core.Credentials;

/// <summary>Where the default chain looks, and the seams tests replace (environment, files, metadata address, STS transport).</summary>
public sealed class DefaultCredentialChainOptions
{
    public const string AccessKeyIdVariable = "ALIBABA_CLOUD_ACCESS_KEY_ID";
    public const string AccessKeySecretVariable = "ALIBABA_CLOUD_ACCESS_KEY_SECRET";
    public const string SecurityTokenVariable = "ALIBABA_CLOUD_SECURITY_TOKEN";
    public const string ProfileVariable = "ALIBABA_CLOUD_PROFILE";
    public const string CliProfileDisabledVariable = "ALIBABA_CLOUD_CLI_PROFILE_DISABLED";
    public const string EcsRoleVariable = "ALIBABA_CLOUD_ECS_METADATA";
    public const string EcsDisabledVariable = "ALIBABA_CLOUD_ECS_METADATA_DISABLED";
    public const string ImdsV1DisabledVariable = "ALIBABA_CLOUD_IMDSV1_DISABLED";
    public const string RegionVariable = "ALIBABA_CLOUD_REGION_ID";

    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;
    /// <summary>The aliyun CLI configuration; ~/.aliyun/config.json when null.</summary>
    public string? CliConfigPath { get; init; }
    public Uri? MetadataAddress { get; init; }
    public HttpMessageHandler? MetadataHandler { get; init; }
    public TimeSpan? MetadataTimeout { get; init; }
    /// <summary>Builds an STS transport signing with the given provider (RamRoleArn profiles, OIDC). Required.</summary>
    public required Func<ICredentialProvider, IApiTransport> StsTransportFactory { get; init; }
    public Func<DateTimeOffset>? Clock { get; init; }

    internal bool Flag(string name) => string.Equals(Environment(name)?.Trim(), "true", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// The default credential chain, in the order of the official tools: environment variables, OIDC (RRSA), the aliyun CLI
/// profile, the ECS instance RAM role. The first source that yields credentials is kept for later calls. When none does,
/// one AckNoCredentials error names every source and why it was skipped or failed.
/// </summary>
public sealed class DefaultCredentialProvider : ICredentialProvider
{
    private readonly DefaultCredentialChainOptions _options;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ICredentialProvider? _chosen;

    public DefaultCredentialProvider(DefaultCredentialChainOptions options) => _options = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>"Default" until resolved, then "Default:&lt;source&gt;" (e.g. "Default:Environment").</summary>
    public string Source => _chosen is { } p ? "Default:" + p.Source : "Default";

    /// <summary>The provider that won, once resolved.</summary>
    public ICredentialProvider? Resolved => _chosen;

    public async Task<AckCredential> GetCredentialAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _chosen) is { } chosen) return await chosen.GetCredentialAsync(cancellationToken).ConfigureAwait(false);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_chosen is { } again) return await again.GetCredentialAsync(cancellationToken).ConfigureAwait(false);
            var notes = new List<string>();
            foreach (var (name, factory) in Sources())
            {
                ICredentialProvider? candidate;
                try
                {
                    candidate = factory(out var skipped);
                    if (candidate is null)
                    {
                        notes.Add($"{name}: {skipped}");
                        continue;
                    }
                }
                catch (AckException e)
                {
                    notes.Add($"{name}: {e.Message}");
                    continue;
                }

                try
                {
                    var credential = await candidate.GetCredentialAsync(cancellationToken).ConfigureAwait(false);
                    Volatile.Write(ref _chosen, candidate);
                    return credential;
                }
                catch (Exception e) when (e is AckException or AlibabaServiceException or ArgumentException or IOException)
                {
                    notes.Add($"{name}: failed: {e.Message}");
                }
            }
            throw new AckException("AckNoCredentials", AckErrorKind.AuthenticationError,
                "No Alibaba Cloud credentials were found. Sources tried in order: " + string.Join("; ", notes) + ".")
            {
                RecommendedAction = "Run Connect-AckAccount (with -Credential, -ProfileName, -EcsRamRole or -Oidc), or set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET.",
            };
        }
        finally
        {
            _gate.Release();
        }
    }

    private delegate ICredentialProvider? SourceFactory(out string? skipped);

    private IEnumerable<(string Name, SourceFactory Factory)> Sources()
    {
        yield return ("Environment", FromEnvironment);
        yield return ("Oidc", FromOidc);
        yield return ("CliProfile", FromCliProfile);
        yield return ("EcsRamRole", FromEcs);
    }

    private ICredentialProvider? FromEnvironment(out string? skipped)
    {
        var env = _options.Environment;
        var id = env(DefaultCredentialChainOptions.AccessKeyIdVariable);
        var secret = env(DefaultCredentialChainOptions.AccessKeySecretVariable);
        skipped = null;
        if (string.IsNullOrWhiteSpace(id) && string.IsNullOrWhiteSpace(secret))
        {
            skipped = $"{DefaultCredentialChainOptions.AccessKeyIdVariable} and {DefaultCredentialChainOptions.AccessKeySecretVariable} are not set";
            return null;
        }
        if (string.IsNullOrWhiteSpace(id) || string.IsNullOrWhiteSpace(secret))
        {
            skipped = (string.IsNullOrWhiteSpace(id) ? DefaultCredentialChainOptions.AccessKeyIdVariable : DefaultCredentialChainOptions.AccessKeySecretVariable)
                      + " is empty while the other is set";
            return null;
        }
        return new StaticCredentialProvider(id.Trim(), secret.Trim(), env(DefaultCredentialChainOptions.SecurityTokenVariable), "Environment");
    }

    private ICredentialProvider? FromOidc(out string? skipped)
    {
        var sts = _options.StsTransportFactory(AnonymousCredentialProvider.Instance);
        return OidcCredentialProvider.FromEnvironment(_options.Environment, sts, out skipped, _options.Clock);
    }

    private ICredentialProvider? FromCliProfile(out string? skipped)
    {
        skipped = null;
        if (_options.Flag(DefaultCredentialChainOptions.CliProfileDisabledVariable))
        {
            skipped = $"disabled by {DefaultCredentialChainOptions.CliProfileDisabledVariable}";
            return null;
        }
        var path = _options.CliConfigPath ?? AliyunCliConfig.DefaultPath;
        if (!File.Exists(path))
        {
            skipped = $"'{path}' does not exist";
            return null;
        }
        var profile = AliyunCliConfig.Load(path).GetProfile(_options.Environment(DefaultCredentialChainOptions.ProfileVariable));
        return CliProfileCredentialFactory.Create(profile, _options.StsTransportFactory, EcsFactory, _options.Clock);
    }

    private ICredentialProvider? FromEcs(out string? skipped)
    {
        skipped = null;
        if (_options.Flag(DefaultCredentialChainOptions.EcsDisabledVariable))
        {
            skipped = $"disabled by {DefaultCredentialChainOptions.EcsDisabledVariable}";
            return null;
        }
        return EcsFactory(_options.Environment(DefaultCredentialChainOptions.EcsRoleVariable));
    }

    private ICredentialProvider EcsFactory(string? role) =>
        new EcsRamRoleCredentialProvider(role, _options.MetadataAddress, _options.MetadataHandler, _options.MetadataTimeout,
            _options.Flag(DefaultCredentialChainOptions.ImdsV1DisabledVariable), _options.Clock);
}
