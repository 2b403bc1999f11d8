using System.Management.Automation;
using AckHardening.Audit;

namespace AckHardening.PowerShell.Commands;

/// <summary>
/// Get-AckWorkerRoleActivity: what a worker role was seen calling, one AckRoleActivity per (role, action), from the
/// trail's Log Service logstore (default), ActionTrail LookupEvents, or ActionTrail files. With -Summary it emits the
/// evidence summary (AckActivityCoverage, one per role) instead, like Get-AckActivityCoverage.
/// </summary>
[Cmdlet(VerbsCommon.Get, "AckWorkerRoleActivity", DefaultParameterSetName = SlsSet)]
[OutputType(typeof(AckRoleActivity))]
[OutputType(typeof(AckActivityCoverage))]
public sealed class GetAckWorkerRoleActivityCommand : RoleActivityCmdlet
{
    [Parameter]
    public SwitchParameter Summary { get; set; }

    protected override bool EmitCoverage => Summary.IsPresent;
}
