using System.Management.Automation;
using System.Text;
using AckHardening.Core.Errors;
using AckHardening.Core.Policies;
using AckHardening.Core.Policy;
using AckHardening.Policy;

namespace AckHardening.PowerShell.Commands;

/// <summary>
/// Restore-AckWorkerRolePolicy: puts a policy back as a backup recorded it (its default version, and its attachment
/// to the role). Refuses when someone else changed the policy since, unless -Force.
/// </summary>
[Cmdlet(VerbsData.Restore, "AckWorkerRolePolicy", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(AckPolicyChangeResult))]
public sealed class RestoreAckWorkerRolePolicyCommand : PolicyChangeCmdletBase
{
    /// <summary>A file written by Backup-AckWorkerRolePolicy or Set-AckWorkerRolePolicy.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Path", "FullName", "BackupPath")]
    [ValidateNotNullOrEmpty]
    public string BackupFile { get; set; } = "";

    /// <summary>Restore this backed-up version instead of the one that was default.</summary>
    [Parameter]
    [ValidatePattern("^[vV][1-9][0-9]*$")]
    public string? VersionId { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        try
        {
            var request = new PolicyRestoreRequest { BackupFile = FileSystemPath(BackupFile), VersionId = VersionId, Force = Force.IsPresent };
            var services = Services;
            var prepared = Run(ct => services.Restore.PrepareAsync(request, ct));
            var plan = prepared.Plan;
            foreach (var warning in plan.Warnings) WriteWarning(warning);
            if (!plan.IsNoOp && !ShouldProcess(Describe(plan, prepared.Backup.Path), $"{plan.Summary}. Change policy {plan.PolicyName}?", "Restore-AckWorkerRolePolicy"))
                return;
            var result = Run(ct => services.Restore.RestoreAsync(prepared, ct));
            WriteVerbose(result.Summary);
            if (PassThru) WriteObject(result);
        }
        catch (AckException e) when (e.ErrorId == PolicyErrorIds.Drift && e.Target is AckPolicyDifference[] differences)
        {
            // The error message lists a few differences; the warning names every action that came or went.
            WriteWarning(DescribeDrift(differences));
            WriteAckError(e, BackupFile);
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            WriteAckError(e, BackupFile);
        }
    }

    private static string DescribeDrift(AckPolicyDifference[] differences)
    {
        string List(string side) => string.Join(", ", differences.Where(d => d.SideIndicator == side && d.Element is "Action" or "NotAction")
            .Select(d => d.Action).Distinct(StringComparer.OrdinalIgnoreCase));
        var added = List("=>");
        var removed = List("<=");
        return $"Since the backup, the policy gained: {(added.Length == 0 ? "nothing" : added)}; lost: {(removed.Length == 0 ? "nothing" : removed)}."
            + $" {differences.Length} difference(s) in all; the error's TargetObject holds them.";
    }

    private static string Describe(AckPolicyChangePlan plan, string? backupPath)
    {
        var text = new StringBuilder();
        text.Append(plan.Summary).Append($" (from backup '{backupPath}').");
        foreach (var step in plan.Steps) text.AppendLine().Append($"  {step.Order}. RAM {step.Operation}: {step.Description}");
        return text.ToString();
    }
}
