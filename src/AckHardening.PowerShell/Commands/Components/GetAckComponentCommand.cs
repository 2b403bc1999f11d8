using System.Management.Automation;
using AckHardening.Components;
using AckHardening.Core.Components;
using AckHardening.Core.Errors;
using AckHardening.Core.Services.Cs;
using AckHardening.PowerShell.Infrastructure;

namespace AckHardening.PowerShell.Commands;

/// <summary>
/// Get-AckComponent: what a cluster has installed, from CS component management (ListClusterAddonInstances, with the
/// newest upgradable version from DescribeAddon) plus the catalog's image-tag components (cluster-autoscaler) read
/// from their workload when a kubeconfig is given.
/// </summary>
[Cmdlet(VerbsCommon.Get, "AckComponent")]
[OutputType(typeof(AckComponent))]
public sealed class GetAckComponentCommand : AckServiceCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[] ClusterId { get; set; } = [];

    [Parameter(Position = 1)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CatalogPath { get; set; }

    /// <summary>Skip DescribeAddon (one call per addon); UpgradeTo stays empty.</summary>
    [Parameter]
    public SwitchParameter NoUpgradeInfo { get; set; }

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
        CsAddonClient cs;
        try
        {
            cs = new CsAddonClient(CreateTransport(), Session.Region);
        }
        catch (Exception e) when (e is AckException or ArgumentException)
        {
            ThrowAckError(e, Region);
            return;
        }
        var inventory = new ComponentInventory(cs, _catalog!, Log);
        var patterns = Name?.Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant)).ToList();

        foreach (var id in ClusterId)
        {
            try
            {
                var components = Run(async ct =>
                {
                    using var kube = ConnectKubernetes(id);
                    var reader = kube is null ? null : KubernetesWorkloadImages.From(kube);
                    return await inventory.ReadAsync(id, reader, includeUpgradeTargets: !NoUpgradeInfo, ct).ConfigureAwait(false);
                });
                foreach (var c in components)
                {
                    if (patterns is null || patterns.Any(p => p.IsMatch(c.Name))) WriteObject(c);
                }
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
