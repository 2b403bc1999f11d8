using System.Management.Automation;
using AckHardening.Components;
using AckHardening.Core.Components;
using AckHardening.Core.Errors;
using AckHardening.Core.Http;
using AckHardening.Core.KubeAccess;
using AckHardening.Core.Services.Cs;
using AckHardening.Core.Services.Ram;
using AckHardening.PowerShell.Infrastructure;

namespace AckHardening.PowerShell.Commands;

/// <summary>
/// Test-AckServiceRole: for each managed service role the catalog's components need, whether it is granted (CS
/// CheckServiceRole, else RAM GetRole) and whether its token Secret in the cluster holds credentials or an error (through
/// -KubeconfigPath, else a temporary kubeconfig from CS; without Kubernetes access the token column reads NotChecked).
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "AckServiceRole")]
[OutputType(typeof(AckServiceRoleStatus))]
public sealed class TestAckServiceRoleCommand : AckKubernetesCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[] ClusterId { get; set; } = [];

    /// <summary>Only these roles; by default every role the catalog names.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? RoleName { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CatalogPath { get; set; }

    /// <summary>Check only the grants; the token Secrets are not read (no Kubernetes access is needed).</summary>
    [Parameter]
    public SwitchParameter SkipTokenCheck { get; set; }

    private ComponentCatalog? _catalog;

    protected override void BeginProcessing()
    {
        _catalog = ComponentCmdletSupport.LoadCatalogOrStop(this, CatalogPath);
    }

    protected override void ProcessRecord()
    {
        ServiceRoleReport report;
        try
        {
            var transport = CreateTransport();
            var cs = new CsAddonClient(transport, Session.Region);
            report = new ServiceRoleReport(cs, new ServiceRoleChecker(cs, new RamClient(transport), Log), _catalog!, Log);
        }
        catch (Exception e) when (e is AckException or ArgumentException)
        {
            ThrowAckError(e, Region);
            return;
        }

        foreach (var id in ClusterId)
        {
            try
            {
                var kube = SkipTokenCheck ? null : TryConnectKubernetes(id);
                var statuses = Run(ct => report.BuildAsync(id, RoleName, kube, DateTimeOffset.UtcNow, ct));
                WriteObject(statuses, enumerateCollection: true);
            }
            catch (Exception e) when (e is not PipelineStoppedException)
            {
                WriteAckError(e, id);
            }
        }
    }

    /// <summary>The cluster's API server, or null (with a warning) when it cannot be reached: the grants are still worth reporting.</summary>
    private KubernetesGateway? TryConnectKubernetes(string clusterId)
    {
        try
        {
            return ConnectKubernetes(clusterId);
        }
        // An unknown cluster or a misused -KubeconfigPath is the caller's error, not a reason to skip the tokens.
        catch (Exception e) when (e is not PipelineStoppedException && e is not AckException { ErrorId: "AckKubeconfigAmbiguous" }
                                  && e is not AlibabaServiceException { Code: "ErrorClusterNotFound" })
        {
            WriteWarning($"No Kubernetes access to cluster {clusterId} ({e.Message}): the token Secrets are not checked.");
            return null;
        }
    }
}
