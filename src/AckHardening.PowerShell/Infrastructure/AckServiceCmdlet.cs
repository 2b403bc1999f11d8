using System.Management.Automation;
using AckHardening.Core;
using AckHardening.Core.Http;

namespace AckHardening.PowerShell.Infrastructure;

/// <summary>
/// Base of cmdlets that call Alibaba Cloud: adds -Region, finds the runspace's session (Connect-AckAccount) or
/// builds one from the default credential chain, and creates a transport that logs to this cmdlet's streams.
/// </summary>
public abstract class AckServiceCmdlet : AckCmdlet
{
    /// <summary>Region of the call; the session's region when omitted.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("RegionId")]
    [ValidatePattern(@"^[a-z]{2,}(-[a-z0-9]+)+$")]
    public string? Region { get; set; }

    private AckSession? _session;

    /// <summary>The session for this call, with -Region applied.</summary>
    protected AckSession Session => (_session ??= SessionStore.Resolve(Log)).WithRegion(Region);

    /// <summary>A transport bound to <see cref="Session"/> that writes -Debug lines to this cmdlet.</summary>
    protected IApiTransport CreateTransport() => TransportFactory.Create(Session, Log);
}
