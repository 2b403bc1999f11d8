using System.Management.Automation;
using AckHardening.Components;
using AckHardening.Core.Components;
using AckHardening.Core.Errors;
using AckHardening.Core.Services.Cs;
using AckHardening.Core.Services.Ram;
using AckHardening.PowerShell.Infrastructure;

namespace AckHardening.PowerShell.Commands;

/// <summary>
/// Update-AckComponent: upgrades one component at a time through CS component management and waits for the task.
/// After a failed or timed-out task the remaining piped components are skipped: the procedure upgrades the next
/// component only once the previous one has succeeded.
/// </summary>
[Cmdlet(VerbsData.Update, "AckComponent", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(AckComponentUpgradeResult))]
public sealed class UpdateAckComponentCommand : AckServiceCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string ClusterId { get; set; } = "";

    /// <summary>The addon name (Test-AckComponentVersion's Component, Get-AckComponent's Name).</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ValidateNotNullOrEmpty]
    public string Component { get; set; } = "";

    /// <summary>The version to upgrade to; by default the newest version DescribeAddon lists as upgradable.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? TargetVersion { get; set; }

    [Parameter]
    [ValidateRange(1, 86400)]
    public int TimeoutSec { get; set; } = 1800;

    [Parameter]
    [ValidateRange(0.05, 600)]
    public double PollIntervalSec { get; set; } = 10;

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CatalogPath { get; set; }

    private ComponentCatalog? _catalog;
    private string? _stoppedBy;

    protected override void BeginProcessing()
    {
        _catalog = ComponentCmdletSupport.LoadCatalogOrStop(this, CatalogPath);
    }

    protected override void ProcessRecord()
    {
        var target = $"{Component} in cluster {ClusterId}";
        if (_stoppedBy is not null)
        {
            WriteWarning($"{ComponentErrors.UpgradeSkipped}: {target} was not upgraded because the upgrade of {_stoppedBy} did not succeed.");
            return;
        }

        ComponentUpgrader upgrader;
        try
        {
            var transport = CreateTransport();
            var cs = new CsAddonClient(transport, Session.Region);
            upgrader = new ComponentUpgrader(cs, new ServiceRoleChecker(cs, new RamClient(transport), Log), _catalog!, Log);
        }
        catch (Exception e) when (e is AckException or ArgumentException)
        {
            ThrowAckError(e, Region);
            return;
        }

        ComponentUpgradePlan plan;
        try
        {
            plan = Run(ct => upgrader.PlanAsync(ClusterId, Component, TargetVersion, ct));
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            WriteAckError(e, target);
            return;
        }

        if (!ShouldProcess(target, $"Upgrade from {plan.FromVersion} to {plan.ToVersion} (UpgradeClusterAddons)"))
            return;

        AckComponentUpgradeResult result;
        try
        {
            var options = new ComponentUpgradeOptions(TimeSpan.FromSeconds(TimeoutSec), TimeSpan.FromSeconds(PollIntervalSec));
            result = Run(ct => upgrader.ExecuteAsync(plan, options, ct));
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            // The task may or may not have started: do not start another one on top of it.
            _stoppedBy = plan.Component;
            WriteAckError(e, target);
            return;
        }

        WriteObject(result);
        if (result.Status == ComponentUpgradeStatus.Succeeded) return;

        _stoppedBy = plan.Component;
        var (id, kind) = result.Status == ComponentUpgradeStatus.TimedOut
            ? (ComponentErrors.UpgradeTimedOut, AckErrorKind.OperationTimeout)
            : (ComponentErrors.UpgradeFailed, AckErrorKind.InvalidOperation);
        WriteAckError(new AckException(id, kind, $"Upgrading {target} to {plan.ToVersion} did not succeed: {result.Message}", target)
        {
            RecommendedAction = result.Status == ComponentUpgradeStatus.TimedOut
                ? "Check the task in the ACK console; upgrade the next component only after this one is active again."
                : "Read the task's error in the ACK console, fix the cause, and run the upgrade again.",
        }, target);
    }
}
