using System.Management.Automation;
using AckHardening.Audit;

namespace AckHardening.PowerShell.Commands;

/// <summary>
/// Get-AckActivityCoverage: how far the usage evidence of each worker role can be trusted (window, days with data,
/// actions still appearing near the end, trail problems). Same inputs as Get-AckWorkerRoleActivity.
/// </summary>
[Cmdlet(VerbsCommon.Get, "AckActivityCoverage", DefaultParameterSetName = SlsSet)]
[OutputType(typeof(AckActivityCoverage))]
public sealed class GetAckActivityCoverageCommand : RoleActivityCmdlet
{
    protected override bool EmitCoverage => true;
}
