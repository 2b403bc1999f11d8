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
/// from their workload's image tag through the Kubernetes API (-KubeconfigPath, else a temporary kubeconfig from CS).
/// </summary>
[Cmdlet(VerbsCommon.Get, "AckComponent")]
[OutputType(typeof(AckComponent))]
public sealed class GetAckComponentCommand : AckKubernetesCmdlet
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

    private ComponentCatalog? _catalog;

    protected override void BeginProcessing()
    {
        _catalog = ComponentCmdletSupport.LoadCatalogOrStop(this, CatalogPath);
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
                var reader = ComponentCmdletSupport.LazyImageReader(PrepareKubernetes(id), id, () => ForgetKubeconfig(id));
                var components = Run(ct => inventory.ReadAsync(id, reader, includeUpgradeTargets: !NoUpgradeInfo, ct));
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
}
