using System.Management.Automation;
using AckHardening.Core;
using AckHardening.Core.Errors;
using AckHardening.Core.Http;

namespace AckHardening.PowerShell.Infrastructure;

/// <summary>
/// Base of cmdlets that call Alibaba Cloud: adds -Region, finds the runspace's session (Connect-AckAccount) or
/// builds one from the default credential chain, and creates a transport that logs to this cmdlet's streams.
/// </summary>
public abstract class AckServiceCmdlet : AckCmdlet
{
    /// <summary>Region of the call; the session's region when omitted.</summary>
    /// <remarks>No validation attribute: a piped object whose RegionId is null or empty must bind (and mean "the
    /// session's region") instead of failing parameter binding; the value is checked when used.</remarks>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("RegionId")]
    public string? Region { get; set; }

    private AckSession? _session;

    private static readonly System.Text.RegularExpressions.Regex RegionPattern = new(@"^[a-z]{2,}(-[a-z0-9]+)+$");

    /// <summary>The session for this call, with -Region applied.</summary>
    protected AckSession Session
    {
        get
        {
            if (!string.IsNullOrEmpty(Region) && !RegionPattern.IsMatch(Region))
                throw new AckException("AckInvalidRegion", AckErrorKind.InvalidArgument,
                    $"'{Region}' is not a region id (expected the form cn-hangzhou, ap-southeast-1).", Region);
            return (_session ??= SessionStore.Resolve(Log, Region)).WithRegion(Region);
        }
    }

    /// <summary>A transport bound to <see cref="Session"/> that writes -Debug lines to this cmdlet.</summary>
    protected IApiTransport CreateTransport() => TransportFactory.Create(Session, Log);
}
