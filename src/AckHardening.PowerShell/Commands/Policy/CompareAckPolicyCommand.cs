using System.Management.Automation;
using AckHardening.Core.Errors;
using AckHardening.Core.Policy;
using AckHardening.Policy;
using AckHardening.PowerShell.Infrastructure;

namespace AckHardening.PowerShell.Commands;

/// <summary>
/// Compare-AckPolicy: the differences between two policy documents, statement by statement, as rows with a
/// Compare-Object style SideIndicator. Given only a proposal from Get-AckPolicyRecommendation, compares the
/// proposal with the document it was computed from.
/// </summary>
[Cmdlet(VerbsData.Compare, "AckPolicy", DefaultParameterSetName = Objects)]
[OutputType(typeof(AckPolicyDifference))]
public sealed class CompareAckPolicyCommand : AckCmdlet
{
    private const string Objects = "Objects";
    private const string ReferenceFile = "ReferenceFile";
    private const string DifferenceFile = "DifferenceFile";
    private const string Files = "Files";

    /// <summary>JSON text, PolicyDocument, AckWorkerRolePolicy or AckPolicyRecommendation (its proposed document).</summary>
    [Parameter(Position = 0, ParameterSetName = Objects)]
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = DifferenceFile)]
    [ValidateNotNull]
    public object? Reference { get; set; }

    [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ParameterSetName = Objects)]
    [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ParameterSetName = ReferenceFile)]
    [ValidateNotNull]
    public object? Difference { get; set; }

    /// <summary>A backup file (Backup-AckWorkerRolePolicy): its default version is the reference.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ReferenceFile)]
    [Parameter(Mandatory = true, ParameterSetName = Files)]
    [ValidateNotNullOrEmpty]
    public string? ReferenceBackupFile { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = DifferenceFile)]
    [Parameter(Mandatory = true, ParameterSetName = Files)]
    [ValidateNotNullOrEmpty]
    public string? DifferenceBackupFile { get; set; }

    /// <summary>Also list the entries both documents share (SideIndicator "==").</summary>
    [Parameter]
    public SwitchParameter IncludeEqual { get; set; }

    protected override void ProcessRecord()
    {
        BoundPolicyDocument reference, difference;
        try
        {
            difference = DifferenceBackupFile is not null
                ? PolicyDocumentBinding.FromBackupFile(ResolvePath(DifferenceBackupFile))
                : PolicyDocumentBinding.Resolve(Difference, "The -Difference value");
            if (ReferenceBackupFile is not null)
                reference = PolicyDocumentBinding.FromBackupFile(ResolvePath(ReferenceBackupFile));
            else if (Reference is not null)
                reference = PolicyDocumentBinding.Resolve(Reference, "The -Reference value");
            else if (difference.Baseline is not null)
                reference = difference with { Document = difference.Baseline, Origin = $"the current document of policy {difference.PolicyName}" };
            else
                throw new AckException("AckInvalidArgument", AckErrorKind.InvalidArgument,
                    $"Give -Reference (or -ReferenceBackupFile): only a proposal from Get-AckPolicyRecommendation carries the document to compare it with, and {difference.Origin} does not.", Difference);
        }
        catch (AckException e)
        {
            WriteAckError(e, Difference ?? DifferenceBackupFile);
            return;
        }

        var name = difference.PolicyName ?? reference.PolicyName;
        var comparison = PolicyComparer.Compare(reference.Document, difference.Document, name, IncludeEqual.IsPresent);
        WriteVerbose($"{reference.Origin} vs {difference.Origin}: {comparison.ActionsAdded.Count} action pattern(s) added, " +
            $"{comparison.ActionsRemoved.Count} removed{(comparison.AreEquivalent ? "; the documents are equivalent" : "")}.");
        foreach (var row in comparison.Differences) WriteObject(row);
    }

    private string ResolvePath(string path) => SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
}
