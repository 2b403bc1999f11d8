using AckHardening.Core.Http;
using AckHardening.Core.Services.Sts;

namespace AckHardening.Core.Credentials;

/// <summary>
/// Credentials of a RAM role assumed with any other provider's credentials (STS AssumeRole), refreshed before they expire.
/// </summary>
public sealed class AssumeRoleCredentialProvider : RefreshingCredentialProvider
{
    private readonly ICredentialProvider _source;
    private readonly StsClient _sts;

    /// <param name="source">Credentials that sign the AssumeRole call.</param>
    /// <param name="transportFactory">Builds a transport that signs with the given provider (endpoint, region and log are the caller's choice).</param>
    public AssumeRoleCredentialProvider(ICredentialProvider source, Func<ICredentialProvider, IApiTransport> transportFactory, string roleArn,
        string? roleSessionName = null, int durationSeconds = StsClient.DefaultDurationSeconds, string? policy = null, string? externalId = null,
        Func<DateTimeOffset>? clock = null)
        : base(clock)
    {
        _source = source ?? throw new ArgumentNullException(nameof(source));
        ArgumentNullException.ThrowIfNull(transportFactory);
        if (string.IsNullOrWhiteSpace(roleArn)) throw new ArgumentException("A role ARN is required.", nameof(roleArn));
        RoleArn = roleArn;
        RoleSessionName = string.IsNullOrEmpty(roleSessionName) ? StsClient.DefaultSessionName(Now) : roleSessionName;
        DurationSeconds = durationSeconds;
        Policy = policy;
        ExternalId = externalId;
        _sts = new StsClient(transportFactory(source));
    }

    public string RoleArn { get; }
    public string RoleSessionName { get; }
    public int DurationSeconds { get; }
    public string? Policy { get; }
    public string? ExternalId { get; }
    public ICredentialProvider SourceProvider => _source;
    /// <summary>ARN of the assumed-role session from the last refresh.</summary>
    public string? AssumedRoleArn { get; private set; }

    public override string Source => "RamRoleArn(" + _source.Source + ")";

    protected override async Task<AckCredential> FetchAsync(CancellationToken cancellationToken)
    {
        var result = await _sts.AssumeRoleAsync(RoleArn, RoleSessionName, DurationSeconds, Policy, ExternalId, cancellationToken).ConfigureAwait(false);
        AssumedRoleArn = result.AssumedRoleArn;
        return result.Credential;
    }
}
