using System.Management.Automation;
using System.Text;
using AckHardening.Core.Policies;
using AckHardening.Policy;

namespace AckHardening.PowerShell.Commands;

/// <summary>
/// Set-AckWorkerRolePolicy: makes a new document (a recommendation's proposal, or one given by hand) the default
/// version of a custom policy, after validating it and backing up every version. -WhatIf lists the RAM calls.
/// </summary>
[Cmdlet(VerbsCommon.Set, "AckWorkerRolePolicy", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(AckPolicyChangeResult))]
public sealed class SetAckWorkerRolePolicyCommand : PolicyChangeCmdletBase
{
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string PolicyName { get; set; } = "";

    /// <summary>A PolicyDocument or its JSON text; binds ProposedDocument of a recommendation.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("ProposedDocument", "ProposedDocumentJson")]
    public object? Document { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? RoleName { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? ClusterId { get; set; }

    /// <summary>The version the proposal was computed from (a recommendation's CurrentVersion).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("CurrentVersion")]
    public string? BasedOnVersion { get; set; }

    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string BackupPath { get; set; } = "";

    [Parameter]
    public SwitchParameter DetachWhenEmpty { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        try
        {
            var document = PolicyApplyService.ParseDocument(DocumentInput(), PolicyName);
            var request = new PolicyApplyRequest
            {
                PolicyName = PolicyName,
                RoleName = string.IsNullOrEmpty(RoleName) ? null : RoleName,
                ClusterId = string.IsNullOrEmpty(ClusterId) ? null : ClusterId,
                Document = document,
                BackupDirectory = FileSystemPath(BackupPath),
                DetachWhenEmpty = DetachWhenEmpty.IsPresent,
                BasedOnVersion = string.IsNullOrEmpty(BasedOnVersion) ? null : BasedOnVersion,
                Force = Force.IsPresent,
            };
            var services = Services;
            var prepared = Run(ct => services.Apply.PrepareAsync(request, ct));
            foreach (var warning in prepared.Warnings) WriteWarning(warning);

            var plan = prepared.Plan;
            if (!plan.IsNoOp && !ShouldProcess(Describe(plan, request.BackupDirectory), $"{plan.Summary}. Change policy {plan.PolicyName}?", "Set-AckWorkerRolePolicy"))
                return;
            var result = Run(ct => services.Apply.ApplyAsync(prepared, ct));
            WriteVerbose(result.Summary + (result.BackupPath is null ? "" : $" Backup: {result.BackupPath}"));
            if (PassThru) WriteObject(result);
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            WriteAckError(e, PolicyName);
        }
    }

    /// <summary>
    /// The bound document; a proposal saved with Export-Clixml (reviewed, then applied) brings its document back as a
    /// property bag, whose ToString is the original's, and PolicyDocument.ToString() is its JSON.
    /// </summary>
    private object? DocumentInput()
    {
        if (Document is PSObject { BaseObject: PSCustomObject } bag && bag.TypeNames.Contains(DeserializedDocumentType))
            return bag.ToString();
        return Unwrap(Document);
    }

    private static readonly string DeserializedDocumentType = "Deserialized." + typeof(PolicyDocument).FullName;

    /// <summary>The exact calls, in order, as -WhatIf and the confirmation prompt show them.</summary>
    internal static string Describe(AckPolicyChangePlan plan, string backupDirectory)
    {
        var text = new StringBuilder();
        text.Append(plan.Summary).Append('.');
        text.AppendLine().Append($"  0. Back up every version of policy {plan.PolicyName} to folder '{backupDirectory}'.");
        foreach (var step in plan.Steps) text.AppendLine().Append($"  {step.Order}. RAM {step.Operation}: {step.Description}");
        return text.ToString();
    }
}
