using System.Management.Automation;
using AckHardening.Context;
using AckHardening.Core;
using AckHardening.Core.Credentials;
using AckHardening.Core.Errors;
using AckHardening.PowerShell.Infrastructure;

namespace AckHardening.PowerShell.Commands;

/// <summary>
/// Shows who the module acts as. Without Connect-AckAccount it reports what the default credential chain gives (as any
/// service cmdlet would use); when the chain finds nothing it writes a non-terminating AckNotConnected error.
/// </summary>
[Cmdlet(VerbsCommon.Get, "AckContext")]
[OutputType(typeof(AckContextInfo))]
public sealed class GetAckContextCommand : AckCmdlet
{
    protected override void ProcessRecord()
    {
        var session = SessionStore.Get();
        var connected = session is not null && ConnectAckAccountCommand.IsConnected(session);
        try
        {
            session ??= SessionStore.Resolve(Log);
            var current = session;
            var credential = Run(ct => current.Credentials.GetCredentialAsync(ct));
            WriteObject(ContextSupport.ToInfo(session, credential));
        }
        catch (PipelineStoppedException)
        {
            throw;
        }
        catch (AckException e) when (!connected)
        {
            WriteAckError(new AckException("AckNotConnected", AckErrorKind.AuthenticationError,
                "Not connected: run Connect-AckAccount. The default credential chain gave nothing usable: " + e.Message, null, e)
            {
                RecommendedAction = "Run Connect-AckAccount -Credential (Get-Credential) -Region <region>, or set the ALIBABA_CLOUD_* environment variables.",
            }, null);
        }
        catch (Exception e)
        {
            WriteAckError(e, session?.Credentials.Source, "AckContextUnavailable");
        }
    }
}
