using System.Management.Automation;
using AckHardening.Audit;
using AckHardening.Core.Errors;
using AckHardening.Core.Policy;
using AckHardening.Policy;
using AckHardening.PowerShell.Infrastructure;

namespace AckHardening.PowerShell.Commands;

/// <summary>
/// Test-AckPolicyAccess: replays every action the role called successfully against a candidate document and emits
/// the ones the candidate would refuse. No output means nothing observed would break; -Quiet answers with one bool.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "AckPolicyAccess")]
[OutputType(typeof(AckPolicyAccessFinding))]
[OutputType(typeof(bool))]
public sealed class TestAckPolicyAccessCommand : AckCmdlet
{
    /// <summary>JSON text, PolicyDocument, AckWorkerRolePolicy or AckPolicyRecommendation (its proposed document).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public object? Document { get; set; }

    /// <summary>The observed activity to replay (Get-AckWorkerRoleActivity).</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [AllowEmptyCollection]
    public AckRoleActivity[]? Activity { get; set; }

    /// <summary>
    /// Only actions this document allows are replayed, so that what other policies of the role grant is not blamed
    /// on the candidate. A proposal's current document is the baseline by default.
    /// </summary>
    [Parameter]
    public object? Baseline { get; set; }

    /// <summary>Also emit the actions the candidate allows (Allowed, AllowedWithCondition).</summary>
    [Parameter]
    public SwitchParameter IncludeAllowed { get; set; }

    /// <summary>Return one bool for all input: $true when no observed action would be refused and every document is valid.</summary>
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    private bool _safe = true;

    protected override void ProcessRecord()
    {
        BoundPolicyDocument candidate;
        PolicyDocument? baseline;
        try
        {
            candidate = PolicyDocumentBinding.Resolve(Document, "The -Document value");
            PolicyDocumentBinding.EnsureValid(candidate);
            baseline = Baseline is null ? candidate.Baseline : PolicyDocumentBinding.Resolve(Baseline, "The -Baseline value").Document;
        }
        catch (AckException e)
        {
            _safe = false;
            WriteAckError(e, Document);
            return;
        }

        var activity = Activity ?? Array.Empty<AckRoleActivity>();
        if (candidate.RoleName is { Length: > 0 } role)
        {
            var mine = activity.Where(a => a is not null && string.Equals(a.RoleName?.Trim(), role, StringComparison.OrdinalIgnoreCase)).ToList();
            if (mine.Count < activity.Length)
                WriteVerbose($"{activity.Length - mine.Count} activity record(s) of other roles ignored: only the activity of {role} is replayed against {candidate.Origin}.");
            activity = mine.ToArray();
        }
        if (!activity.Any(a => a is not null && a.Count > 0 && !string.IsNullOrWhiteSpace(a.Action)))
            WriteWarning($"No successful call to replay against {candidate.Origin}: the test proves nothing.");

        var result = PolicyReplay.Check(candidate.Document, activity, baseline);
        var wouldDeny = result.WouldDeny.Count;
        WriteVerbose($"{candidate.Origin}: {result.Findings.Count} used action(s) replayed, {wouldDeny} would be refused, " +
            $"{result.Conditional.Count} allowed only under a condition or resource scope" +
            (baseline is null ? "." : $", {result.NotGrantedByBaseline.Count} not granted by the baseline and not replayed."));
        if (wouldDeny > 0) _safe = false;
        if (Quiet.IsPresent) return;

        foreach (var finding in IncludeAllowed.IsPresent ? result.Findings : result.WouldDeny)
        {
            finding.ClusterId = candidate.ClusterId;
            finding.RoleName = candidate.RoleName;
            finding.PolicyName = candidate.PolicyName;
            WriteObject(finding);
        }
    }

    protected override void EndProcessing()
    {
        if (Quiet.IsPresent) WriteObject(_safe);
    }
}
