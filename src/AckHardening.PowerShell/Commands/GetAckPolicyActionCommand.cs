using System.Management.Automation;
using AckHardening.Core.Errors;
using AckHardening.Core.Policies;
using AckHardening.Core.Services.Ram;
using AckHardening.Policy;
using AckHardening.PowerShell.Infrastructure;

namespace AckHardening.PowerShell.Commands;

/// <summary>
/// Get-AckPolicyAction: one flat row per action of a worker-role policy (statement index, effect, resources,
/// wildcard and condition flags), from Get-AckWorkerRolePolicy objects or a policy read by name.
/// </summary>
[Cmdlet(VerbsCommon.Get, "AckPolicyAction", DefaultParameterSetName = ByInputObject)]
[OutputType(typeof(AckPolicyAction))]
public sealed class GetAckPolicyActionCommand : AckServiceCmdlet
{
    private const string ByInputObject = "ByInputObject";
    private const string ByName = "ByName";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = ByInputObject)]
    [ValidateNotNull]
    public AckWorkerRolePolicy[]? InputObject { get; set; }

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = ByName)]
    [ValidateNotNullOrEmpty]
    public string? PolicyName { get; set; }

    /// <summary>The role the policy is attached to; gives the policy type and fills RoleName on the rows.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = ByName)]
    public string? RoleName { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = ByName)]
    [ValidateSet("Custom", "System")]
    public string? PolicyType { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = ByName)]
    public string? ClusterId { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == ByInputObject)
        {
            foreach (var policy in InputObject!) Expand(policy);
            return;
        }

        AckWorkerRolePolicy fetched;
        try
        {
            var reader = new WorkerRolePolicyReader(new RamClient(CreateTransport()), Log);
            var (name, type, role, cluster, region) = (PolicyName!, PolicyType, string.IsNullOrEmpty(RoleName) ? null : RoleName, ClusterId, Session.Region);
            fetched = Run(ct => reader.GetPolicyAsync(name, type, role, cluster, region, ct));
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            WriteAckError(e, PolicyName);
            return;
        }
        Expand(fetched);
    }

    private void Expand(AckWorkerRolePolicy policy)
    {
        List<AckPolicyAction> rows;
        try
        {
            rows = PolicyActionExpander.Expand(policy).ToList();
        }
        catch (PolicyFormatException e)
        {
            WriteAckError(new AckException("AckInvalidPolicyDocument", AckErrorKind.InvalidData,
                $"The document of policy '{policy.PolicyName}' cannot be read: {e.Message}", policy.PolicyName, e), policy.PolicyName);
            return;
        }
        WriteVerbose($"Policy {policy.PolicyName} of {(string.IsNullOrEmpty(policy.RoleName) ? "no role" : "role " + policy.RoleName)}: {rows.Count} action(s) in {rows.Select(r => r.StatementIndex).Distinct().Count()} statement(s) with actions.");
        foreach (var row in rows) WriteObject(row);
    }
}
