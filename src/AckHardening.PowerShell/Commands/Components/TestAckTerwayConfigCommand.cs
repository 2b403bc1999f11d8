using System.Management.Automation;
using AckHardening.Components;
using AckHardening.Core.Components;
using AckHardening.Core.Errors;
using AckHardening.Core.KubeAccess;
using AckHardening.PowerShell.Infrastructure;

namespace AckHardening.PowerShell.Commands;

/// <summary>
/// Test-AckTerwayConfig: whether kube-system/eni-config makes Terway use the token of its managed role
/// (credential_path = /var/addon/token-config) and whether an AccessKey in eni_conf would take precedence.
/// Key values are never read out.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "AckTerwayConfig")]
[OutputType(typeof(AckTerwayConfigStatus))]
public sealed class TestAckTerwayConfigCommand : AckKubernetesCmdlet
{
    private ComponentCatalog? _catalog;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[] ClusterId { get; set; } = [];

    /// <summary>A component catalog file whose terwayVariants name the Terway DaemonSets; the built-in one when omitted.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CatalogPath { get; set; }

    protected override void BeginProcessing()
    {
        _catalog = ComponentCmdletSupport.LoadCatalogOrStop(this, CatalogPath);
    }

    protected override void ProcessRecord()
    {
        foreach (var id in ClusterId)
        {
            try
            {
                var service = new TerwayConfigService(ConnectKubernetes(id), _catalog!, Log);
                var read = Run(ct => service.ReadAsync(id, ct));
                if (!read.Status.Compliant && read.Status.Workload is not null)
                    WriteVerbose($"Cluster {id}: {read.Status.Message}");
                WriteObject(read.Status);
            }
            catch (Exception e) when (e is not PipelineStoppedException)
            {
                if (e is AckException { ErrorId: KubernetesErrors.Unauthorized }) ForgetKubeconfig(id);
                WriteAckError(e, id);
            }
        }
    }
}
