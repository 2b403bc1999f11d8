using System.Globalization;
using System.Management.Automation;
using AckHardening.Audit;
using AckHardening.Core.Errors;
using AckHardening.Core.Policies;
using AckHardening.Core.Policy;
using AckHardening.Core.Services.Ram;
using AckHardening.Policy;
using AckHardening.PowerShell.Infrastructure;

namespace AckHardening.PowerShell.Commands;

/// <summary>
/// Get-AckPolicyRecommendation: a least-privilege proposal per worker-role policy from the role's observed activity.
/// Reads nothing but the policy (and only when it is named rather than piped); writes nothing. Refuses when the
/// evidence is too weak to remove permissions (AckEvidenceInsufficient) unless -Force.
/// </summary>
[Cmdlet(VerbsCommon.Get, "AckPolicyRecommendation", DefaultParameterSetName = ByInputObject)]
[OutputType(typeof(AckPolicyRecommendation))]
[OutputType(typeof(AckPolicyActionDecision))]
public sealed class GetAckPolicyRecommendationCommand : AckServiceCmdlet
{
    private const string ByInputObject = "ByInputObject";
    private const string ByName = "ByName";
    internal const string EvidenceInsufficient = "AckEvidenceInsufficient";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = ByInputObject)]
    [ValidateNotNull]
    public AckWorkerRolePolicy[]? InputObject { get; set; }

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = ByName)]
    [ValidateNotNullOrEmpty]
    public string? PolicyName { get; set; }

    /// <summary>The role the policy is attached to: only its activity counts.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ByName)]
    [ValidateNotNullOrEmpty]
    public string? RoleName { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = ByName)]
    public string? ClusterId { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = ByName)]
    [ValidateSet("Custom", "System")]
    public string? PolicyType { get; set; }

    /// <summary>What the roles were seen calling (Get-AckWorkerRoleActivity); records of other roles are ignored.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [AllowEmptyCollection]
    public AckRoleActivity[]? Activity { get; set; }

    /// <summary>The collection's coverage objects: the evidence window and whether it is long enough.</summary>
    [Parameter]
    [AllowEmptyCollection]
    public AckActivityCoverage[]? Coverage { get; set; }

    /// <summary>Trail objects with ReadyForAnalysis and Reasons (read by property name).</summary>
    [Parameter]
    public PSObject[]? Trail { get; set; }

    /// <summary>Action patterns never removed (wildcards allowed).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? KeepAction { get; set; }

    [Parameter]
    public SwitchParameter NarrowWildcard { get; set; }

    /// <summary>Also prune unused actions of Allow statements that have a Condition (kept whole by default).</summary>
    [Parameter]
    public SwitchParameter PruneConditionalStatements { get; set; }

    [Parameter]
    [ValidateRange(1, 400)]
    public int MinimumWindowDays { get; set; } = 7;

    /// <summary>Recommend even when the evidence is insufficient; the reasons become warnings on the proposal.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Emit one AckPolicyActionDecision per action entry instead of the proposal.</summary>
    [Parameter]
    public SwitchParameter Detail { get; set; }

    private List<TrailReadiness>? _trails;

    protected override void BeginProcessing()
    {
        if (Trail is null) return;
        try
        {
            _trails = Trail.Where(t => t is not null).Select(PolicyTrailBinding.Read).ToList();
        }
        catch (AckException e)
        {
            ThrowAckError(e, Trail);
        }
    }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == ByInputObject)
        {
            foreach (var policy in InputObject!) Recommend(policy);
            return;
        }

        AckWorkerRolePolicy fetched;
        try
        {
            var reader = new WorkerRolePolicyReader(new RamClient(CreateTransport()), Log);
            var (name, type, role, cluster, region) = (PolicyName!, PolicyType, RoleName!, ClusterId, Session.Region);
            fetched = Run(ct => reader.GetPolicyAsync(name, type, role, cluster, region, ct));
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            WriteAckError(e, PolicyName);
            return;
        }
        Recommend(fetched);
    }

    private void Recommend(AckWorkerRolePolicy policy)
    {
        if (string.IsNullOrWhiteSpace(policy.RoleName))
        {
            WriteAckError(new AckException("AckInvalidArgument", AckErrorKind.InvalidArgument,
                $"Policy {policy.PolicyName} names no role: a recommendation needs the role whose activity counts.", policy), policy);
            return;
        }

        PolicyDocument current;
        try
        {
            current = policy.Document ?? PolicyDocumentBinding.Parse(policy.DocumentJson, $"The document of policy {policy.PolicyName}");
        }
        catch (AckException e)
        {
            WriteAckError(e, policy);
            return;
        }

        var readiness = RecommendationReadiness.Assess(new RecommendationReadinessInput
        {
            RoleName = policy.RoleName,
            Activity = Activity ?? Array.Empty<AckRoleActivity>(),
            Coverage = Coverage,
            Trails = _trails,
            MinimumWindow = TimeSpan.FromDays(MinimumWindowDays),
        });
        foreach (var (role, count) in readiness.IgnoredRoles)
            WriteVerbose($"{count} activity record(s) of {(role.Length == 0 ? "no role" : "role " + role)} ignored for policy {policy.PolicyName}: only the activity of {policy.RoleName} counts.");
        WriteVerbose(string.Format(CultureInfo.InvariantCulture, "Policy {0} of {1}: {2} activity record(s); evidence window {3} ({4}).",
            policy.PolicyName, policy.RoleName, readiness.RoleActivity.Count,
            readiness.EvidenceWindow is { } w ? w.TotalDays.ToString("0.#", CultureInfo.InvariantCulture) + " day(s)" : "unknown", readiness.WindowSource));

        if (!readiness.IsReady && !Force)
        {
            WriteAckError(new AckException(EvidenceInsufficient, AckErrorKind.InvalidOperation,
                $"No recommendation for policy {policy.PolicyName} of role {policy.RoleName}: the evidence is insufficient. " + string.Join(" ", readiness.Problems), policy)
            {
                RecommendedAction = $"Collect at least {MinimumWindowDays} day(s) of activity from a trail that is ready for analysis, or use -Force to recommend anyway.",
            }, policy);
            return;
        }

        var extra = new List<string>(readiness.Notes);
        extra.AddRange(readiness.Problems.Select(p => "Forced despite insufficient evidence: " + p));
        if (string.Equals(policy.PolicyType, "System", StringComparison.OrdinalIgnoreCase))
            extra.Add($"{policy.PolicyName} is a system policy, which cannot be edited: the proposal can only be applied as a custom policy that replaces it.");

        AckPolicyRecommendation recommendation;
        try
        {
            recommendation = PolicyRecommender.Recommend(current, readiness.RoleActivity, new PolicyRecommendationOptions
            {
                ClusterId = policy.ClusterId,
                RoleName = policy.RoleName,
                PolicyName = policy.PolicyName,
                CurrentVersion = policy.DefaultVersion,
                KeepActions = KeepAction ?? Array.Empty<string>(),
                NarrowWildcard = NarrowWildcard.IsPresent,
                PruneConditionalStatements = PruneConditionalStatements.IsPresent,
                EvidenceWindow = readiness.EvidenceWindow,
                MinimumEvidenceWindow = TimeSpan.FromDays(MinimumWindowDays),
                ReadinessWarnings = extra,
            });
        }
        catch (AckException e)
        {
            WriteAckError(e, policy);
            return;
        }

        foreach (var warning in recommendation.Warnings) WriteWarning($"{policy.PolicyName}: {warning}");
        WriteVerbose($"Policy {policy.PolicyName}: {recommendation.ActionsBefore} -> {recommendation.ActionsAfter} allowed action entries, {recommendation.RemovedCount} removed or narrowed.");
        if (Detail.IsPresent)
            foreach (var decision in recommendation.Decisions) WriteObject(decision);
        else
            WriteObject(recommendation);
    }
}
