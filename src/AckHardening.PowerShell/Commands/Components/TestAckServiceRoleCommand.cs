using System.Management.Automation;
using AckHardening.Components;
using AckHardening.Core.Components;
using AckHardening.Core.Errors;
using AckHardening.Core.Services.Cs;
using AckHardening.Core.Services.Ram;
using AckHardening.PowerShell.Infrastructure;

namespace AckHardening.PowerShell.Commands;

/// <summary>
/// Test-AckServiceRole: for each managed service role the catalog's components need, whether it is granted (CS
/// CheckServiceRole, else RAM GetRole) and, with a kubeconfig, whether its token Secret holds credentials or an error.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "AckServiceRole")]
[OutputType(typeof(AckServiceRoleStatus))]
public sealed class TestAckServiceRoleCommand : AckServiceCmdlet
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

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? KubeconfigPath { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? KubeContext { get; set; }

    private ComponentCatalog? _catalog;
    private string? _kubeconfigPath;

    protected override void BeginProcessing()
    {
        try
        {
            _catalog = ComponentCmdletSupport.LoadCatalog(this, CatalogPath);
            _kubeconfigPath = ComponentCmdletSupport.ResolvePath(this, KubeconfigPath);
        }
        catch (AckException e)
        {
            ThrowAckError(e, CatalogPath);
        }
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
                var statuses = Run(async ct =>
                {
                    using var kube = ConnectKubernetes(id);
                    if (kube is null)
                        Log.Warning($"No Kubernetes access for cluster {id} (give -KubeconfigPath): the token Secrets are not checked.");
                    return await report.BuildAsync(id, RoleName, kube, DateTimeOffset.UtcNow, ct).ConfigureAwait(false);
                });
                WriteObject(statuses, enumerateCollection: true);
            }
            catch (Exception e) when (e is not PipelineStoppedException)
            {
                WriteAckError(e, id);
            }
        }
    }

    // The switch point for the shared kubeconfig helper (see ComponentCmdletSupport.ConnectKubernetes).
    private Core.KubeAccess.KubernetesGateway? ConnectKubernetes(string clusterId) =>
        ComponentCmdletSupport.ConnectKubernetes(_kubeconfigPath, KubeContext, clusterId, Log);
}
