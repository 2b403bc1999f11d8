using System.Collections;
using System.Management.Automation;
using System.Net;
using System.Runtime.CompilerServices;
using System.Security;
using AckHardening.Context;
using AckHardening.Core;
using AckHardening.Core.Http;
using AckHardening.Core.Credentials;
using AckHardening.Core.Errors;
using AckHardening.Core.Services.Sts;
using AckHardening.PowerShell.Infrastructure;

namespace AckHardening.PowerShell.Commands;

/// <summary>
/// Chooses the identity, region and endpoints for this runspace. Validates them first (a credential is obtained, a role
/// is assumed), so nothing changes when something is wrong.
/// </summary>
[Cmdlet(VerbsCommunications.Connect, "AckAccount", DefaultParameterSetName = DefaultSet)]
[OutputType(typeof(AckContextInfo))]
public sealed class ConnectAckAccountCommand : AckCmdlet
{
    private const string DefaultSet = "Default";
    private const string CredentialSet = "Credential";
    private const string ProfileSet = "Profile";
    private const string EcsSet = "EcsRamRole";
    private const string OidcSet = "Oidc";

    /// <summary>User name = AccessKeyId, password = AccessKeySecret.</summary>
    [Parameter(Mandatory = true, ParameterSetName = CredentialSet, Position = 0)]
    [ValidateNotNull]
    public PSCredential Credential { get; set; } = null!;

    [Parameter(ParameterSetName = CredentialSet)]
    public SecureString? SecurityToken { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ProfileSet)]
    [ValidateNotNullOrEmpty]
    public string ProfileName { get; set; } = "";

    [Parameter(ParameterSetName = ProfileSet)]
    [ValidateNotNullOrEmpty]
    public string? ConfigPath { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = EcsSet)]
    [ValidateNotNullOrEmpty]
    public string EcsRamRole { get; set; } = "";

    [Parameter(Mandatory = true, ParameterSetName = OidcSet)]
    public SwitchParameter Oidc { get; set; }

    [Parameter]
    [ValidatePattern(@"^acs:ram::\d+:role/.+$")]
    public string? RoleArn { get; set; }

    [Parameter]
    [ValidatePattern(@"^[A-Za-z0-9.@_-]{2,64}$")]
    public string? RoleSessionName { get; set; }

    [Parameter]
    [ValidateRange(900, 43200)]
    public int DurationSeconds { get; set; } = StsClient.DefaultDurationSeconds;

    [Parameter]
    [Alias("RegionId")]
    [ValidatePattern(@"^[a-z]{2,}(-[a-z0-9]+)+$")]
    public string? Region { get; set; }

    /// <summary>Endpoint overrides: keys Ram, Sts, Cs, ActionTrail, Sls; values https URIs (http only on loopback).</summary>
    [Parameter]
    public Hashtable? Endpoint { get; set; }

    /// <summary>Do not ask STS who the credentials are (networks without an STS endpoint); a wrong key then fails on
    /// the first call instead of here.</summary>
    [Parameter]
    public SwitchParameter SkipVerification { get; set; }

    private static readonly ConditionalWeakTable<AckSession, object> ConnectedSessions = new();

    /// <summary>True when the session was set by Connect-AckAccount (not picked up from the default chain).</summary>
    internal static bool IsConnected(AckSession session) => ConnectedSessions.TryGetValue(session, out _);

    /// <summary>Who STS said the session is, as checked when it was connected.</summary>
    internal static StsCallerIdentity? IdentityOf(AckSession session) =>
        ConnectedSessions.TryGetValue(session, out var identity) ? identity as StsCallerIdentity : null;

    /// <summary>-ConfigPath resolved against the current PowerShell location (relative and ~ paths), or null.</summary>
    private string? ResolvedConfigPath => ConfigPath is null ? null : GetUnresolvedProviderPathFromPSPath(ConfigPath);

    protected override void ProcessRecord()
    {
        var endpoints = ParseEndpoints();
        string region;
        try
        {
            region = RegionResolver.Resolve(Region, null, ParameterSetName == ProfileSet ? ResolvedConfigPath : null, ParameterSetName == ProfileSet ? ProfileName : null);
        }
        catch (AckException e)
        {
            ThrowAckError(e, Region);
            return;
        }

        AckSession session;
        try
        {
            var provider = CreateSourceProvider(region, endpoints);
            if (!string.IsNullOrEmpty(RoleArn))
            {
                provider = new AssumeRoleCredentialProvider(provider, ContextSupport.StsTransportFactory(region, endpoints), RoleArn,
                    RoleSessionName, DurationSeconds);
            }
            session = new AckSession(provider, region, endpoints);
        }
        catch (Exception e) when (e is AckException or ArgumentException)
        {
            ThrowAckError(e, ParameterSetName, "AckInvalidCredential");
            return;
        }

        WriteVerbose($"Validating credentials from {session.Credentials.Source} for region {region}.");
        AckCredential credential;
        try
        {
            credential = Run(ct => session.Credentials.GetCredentialAsync(ct));
        }
        catch (PipelineStoppedException)
        {
            throw;
        }
        catch (Exception e)
        {
            ThrowAckError(e, session.Credentials.Source, "AckConnectFailed");
            return;
        }

        // Static keys are only strings until a service accepts them: ask STS who they are, so a wrong secret fails
        // here and never replaces a working session.
        StsCallerIdentity? identity = null;
        try
        {
            if (!SkipVerification)
                identity = Run(ct => new StsClient(new AlibabaTransport(session, Log)).GetCallerIdentityAsync(ct));
        }
        catch (PipelineStoppedException)
        {
            throw;
        }
        catch (Exception e)
        {
            ThrowAckError(e, session.Credentials.Source, "AckConnectFailed");
            return;
        }
        if (identity is not null) WriteVerbose($"Connected as {identity.Arn ?? identity.UserId ?? "?"} (account {identity.AccountId ?? "?"}).");
        else WriteVerbose("Connected without verification (-SkipVerification): the first call will tell whether the key works.");

        ConnectedSessions.AddOrUpdate(session, (object?)identity ?? true);
        SessionStore.Set(session);
        WriteObject(ContextSupport.ToInfo(session, credential));
    }

    private Dictionary<string, Uri>? ParseEndpoints()
    {
        if (Endpoint is null) return null;
        var map = new Dictionary<string, Uri>(StringComparer.OrdinalIgnoreCase);
        try
        {
            foreach (DictionaryEntry entry in Endpoint)
            {
                var name = entry.Key?.ToString() ?? "";
                var value = entry.Value is PSObject pso ? pso.BaseObject : entry.Value;
                var uri = value switch
                {
                    Uri u => u,
                    string s when Uri.TryCreate(s, UriKind.Absolute, out var parsed) => parsed,
                    _ => throw new ArgumentException($"Endpoint '{name}' = '{value}' is not an absolute URI."),
                };
                map[name] = uri;
            }
            // The session constructor applies the key and scheme rules; a throwaway one validates before anything changes.
            _ = new AckSession(AnonymousCredentialProvider.Instance, "cn-hangzhou", map);
        }
        catch (ArgumentException e)
        {
            ThrowAckError(e, Endpoint, "AckInvalidEndpoint");
        }
        return map;
    }

    private ICredentialProvider CreateSourceProvider(string region, IReadOnlyDictionary<string, Uri>? endpoints)
    {
        switch (ParameterSetName)
        {
            case CredentialSet:
                var keyId = Credential.UserName?.Trim() ?? "";
                var secret = Credential.GetNetworkCredential().Password;
                var token = SecurityToken is null ? null : new NetworkCredential("", SecurityToken).Password;
                if (string.IsNullOrEmpty(keyId) || string.IsNullOrEmpty(secret))
                    throw new AckException("AckInvalidCredential", AckErrorKind.InvalidArgument,
                        "-Credential needs the AccessKeyId as the user name and the AccessKeySecret as the password.");
                return new StaticCredentialProvider(keyId, secret, token, "Credential");
            case ProfileSet:
                var profile = AliyunCliConfig.Load(ResolvedConfigPath).GetProfile(ProfileName);
                return CliProfileCredentialFactory.Create(profile, ContextSupport.StsTransportFactory(region, endpoints));
            case EcsSet:
                return new EcsRamRoleCredentialProvider(EcsRamRole);
            case OidcSet:
                var sts = ContextSupport.StsTransportFactory(region, endpoints)(AnonymousCredentialProvider.Instance);
                return OidcCredentialProvider.FromEnvironment(Environment.GetEnvironmentVariable, sts, out var missing)
                    ?? throw new AckException("AckOidcNotConfigured", AckErrorKind.InvalidArgument,
                        $"-Oidc needs the RRSA environment variables: {missing}.");
            default:
                return ContextSupport.DefaultChain(region, endpoints);
        }
    }
}
