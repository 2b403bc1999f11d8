using AckHardening.Context;
using AckHardening.Core;
using AckHardening.Core.Credentials;
using AckHardening.Core.Diagnostics;
using AckHardening.Core.Http;

namespace AckHardening.PowerShell.Commands;

/// <summary>Builds sessions and context objects for the context cmdlets and the default-session factory.</summary>
internal static class ContextSupport
{
    /// <summary>An STS transport factory bound to a region and endpoint map. Credential refreshes outlive the cmdlet
    /// that connected, so their calls log nowhere rather than to a finished pipeline.</summary>
    public static Func<ICredentialProvider, IApiTransport> StsTransportFactory(string region, IReadOnlyDictionary<string, Uri>? endpoints) =>
        provider => new AlibabaTransport(new AckSession(provider, region, endpoints), NullAckLog.Instance);

    public static DefaultCredentialProvider DefaultChain(string region, IReadOnlyDictionary<string, Uri>? endpoints, string? cliConfigPath = null) =>
        new(new DefaultCredentialChainOptions { StsTransportFactory = StsTransportFactory(region, endpoints), CliConfigPath = cliConfigPath });

    public static string DescribeEndpoints(IReadOnlyDictionary<string, Uri> endpoints) =>
        string.Join("; ", ServiceDescriptor.All.Where(s => endpoints.ContainsKey(s.Name)).Select(s => $"{s.Name}={endpoints[s.Name]}"));

    public static AckContextInfo ToInfo(AckSession session, AckCredential credential)
    {
        var provider = session.Credentials;
        var isDefault = provider is DefaultCredentialProvider;
        if (provider is DefaultCredentialProvider { Resolved: { } inner }) provider = inner;
        return new AckContextInfo
        {
            AccessKeyId = credential.MaskedAccessKeyId,
            Source = session.Credentials.Source,
            Region = session.Region,
            AccountId = ConnectAckAccountCommand.IdentityOf(session)?.AccountId,
            Arn = ConnectAckAccountCommand.IdentityOf(session)?.Arn,
            Endpoints = DescribeEndpoints(session.Endpoints),
            Expiration = credential.Expiration,
            RoleArn = (provider as AssumeRoleCredentialProvider)?.RoleArn ?? (provider as OidcCredentialProvider)?.RoleArn,
            IsStsToken = credential.SecurityToken is not null,
            IsDefaultChain = isDefault,
        };
    }
}
