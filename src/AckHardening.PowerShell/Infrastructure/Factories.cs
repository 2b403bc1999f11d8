using AckHardening.Core;
using AckHardening.Core.Credentials;
using AckHardening.Core.Diagnostics;
using AckHardening.Core.Http;
using AckHardening.PowerShell.Commands;

namespace AckHardening.PowerShell.Infrastructure;

// Seams between the cmdlets and the Core implementations of the transport and the credential chain.

internal static class TransportFactory
{
    public static IApiTransport Create(AckSession session, IAckLog log) => new AlibabaTransport(session, log);
}

internal static class DefaultSessionFactory
{
    /// <summary>
    /// A session on the default credential chain (environment, OIDC, CLI profile, instance role), resolved lazily on
    /// the first call. The region comes from ALIBABA_CLOUD_REGION_ID or the CLI profile; without one this throws
    /// AckNoRegion, which asks for Connect-AckAccount -Region.
    /// A -Region given to the calling cmdlet counts as the region, so it works without any region configured.
    /// </summary>
    public static AckSession Create(IAckLog log, string? explicitRegion = null)
    {
        var region = RegionResolver.Resolve(explicitRegion);
        return new AckSession(ContextSupport.DefaultChain(region, null), region);
    }
}
