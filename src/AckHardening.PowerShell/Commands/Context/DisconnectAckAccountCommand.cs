using System.Management.Automation;
using AckHardening.Context;
using AckHardening.Core;
using AckHardening.PowerShell.Infrastructure;

namespace AckHardening.PowerShell.Commands;

/// <summary>
/// Forgets this runspace's session and the temporary kubeconfigs CS issued to it; later cmdlets fall back to the
/// default credential chain.
/// </summary>
[Cmdlet(VerbsCommunications.Disconnect, "AckAccount")]
[OutputType(typeof(AckContextInfo))]
public sealed class DisconnectAckAccountCommand : AckCmdlet
{
    /// <summary>Outputs the context that was removed.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var session = SessionStore.Get();
        SessionStore.Set(null);
        // Cluster credentials obtained with the session must not outlive it.
        KubernetesAccess.ForCurrentRunspace().Clear();
        if (session is null)
        {
            WriteVerbose("No session was set in this runspace.");
            return;
        }
        WriteVerbose($"Disconnected {session.Credentials.Source} ({session.Region}).");
        if (!PassThru) return;
        // Describe the removed session from its (normally cached) credential; a failure only loses detail, not the disconnect.
        var info = new AckContextInfo
        {
            Source = session.Credentials.Source,
            Region = session.Region,
            Endpoints = ContextSupport.DescribeEndpoints(session.Endpoints),
        };
        try
        {
            var credential = Run(ct => session.Credentials.GetCredentialAsync(ct));
            info = ContextSupport.ToInfo(session, credential);
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            WriteVerbose("The removed session's credentials could not be described: " + e.Message);
        }
        WriteObject(info);
    }
}
