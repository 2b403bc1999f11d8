using AckHardening.Core.Errors;
using AckHardening.Policy;

namespace AckHardening.Core.Policy;

/// <summary>
/// Plans the RAM calls that make a new document the policy's default version (Set-AckWorkerRolePolicy). Nothing is
/// called here: the plan is what -WhatIf shows and what the cmdlet then executes in order.
/// </summary>
public static class PolicyApplyPlanner
{
    public static AckPolicyChangePlan Plan(PolicyState current, PolicyDocument target, IEnumerable<string> backedUpVersionIds, PolicyApplyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(backedUpVersionIds);
        options ??= new PolicyApplyOptions();
        PolicyVersionSlots.RequireCustom(current.PolicyName, current.PolicyType);

        var def = current.Default ?? throw new AckException(PolicyErrorIds.Invalid, AckErrorKind.InvalidData,
            $"Policy {current.PolicyName} has no default version.", current.PolicyName);
        var backedUp = new HashSet<string>(backedUpVersionIds, StringComparer.OrdinalIgnoreCase);
        if (!backedUp.Contains(def.VersionId))
            throw new AckException(PolicyErrorIds.NotBackedUp, AckErrorKind.InvalidOperation,
                $"The default version {def.VersionId} of policy {current.PolicyName} is not in the backup; it would be lost if the change had to be undone.", current.PolicyName)
            { RecommendedAction = "Back up the policy (Backup-AckWorkerRolePolicy) and pass that backup." };

        var warnings = new List<string>();
        var steps = new List<AckPolicyChangeStep>();
        var differences = def.Document is { } d ? PolicyComparer.Compare(d, target, current.PolicyName).Differences.ToArray() : Array.Empty<AckPolicyDifference>();
        string noOp;
        PolicyDocument? resulting = target;

        if (target.Statements.Count == 0)
        {
            if (!options.DetachWhenEmpty)
                throw new AckException(PolicyErrorIds.EmptyProposal, AckErrorKind.InvalidOperation,
                    $"The new document for policy {current.PolicyName} has no statement: RAM does not accept an empty policy, and granting nothing means detaching it.", current.PolicyName)
                { RecommendedAction = "Use -DetachWhenEmpty to detach the policy from the role instead." };
            if (string.IsNullOrEmpty(current.RoleName))
                throw new AckException(PolicyErrorIds.EmptyProposal, AckErrorKind.InvalidArgument, $"Cannot detach policy {current.PolicyName}: no role name was given.", current.PolicyName);
            resulting = null;
            noOp = $"Policy {current.PolicyName} is already detached from role {current.RoleName}.";
            if (current.IsAttached)
                steps.Add(new AckPolicyChangeStep
                {
                    Operation = PolicyOperation.DetachPolicyFromRole, PolicyName = current.PolicyName, PolicyType = current.PolicyType, RoleName = current.RoleName,
                    Description = $"Detach policy {current.PolicyName} ({current.PolicyType}) from role {current.RoleName}: the proposal grants nothing. Its versions stay and can be restored.",
                });
        }
        else
        {
            PolicyValidator.EnsureValid(target, $"The new document for policy {current.PolicyName}");
            noOp = $"The default version {def.VersionId} of policy {current.PolicyName} already equals the new document; nothing to change.";
            steps.AddRange(PolicyVersionSlots.MakeDefault(current, target, backedUp, options.MaxVersions, "the new document"));
            if (!current.IsAttached)
                warnings.Add($"Policy {current.PolicyName} is not attached to role {current.RoleName}; the new version changes nothing for the role until it is attached.");
        }

        var numbered = PolicyVersionSlots.Number(steps);
        return new AckPolicyChangePlan
        {
            ClusterId = options.ClusterId,
            RoleName = current.RoleName,
            PolicyName = current.PolicyName,
            PolicyType = current.PolicyType,
            Kind = PolicyChangePlanKind.Apply,
            CurrentDefaultVersion = def.VersionId,
            Steps = numbered,
            Summary = PolicyVersionSlots.Summarize("Apply to", current.PolicyName, numbered, noOp),
            Warnings = warnings.ToArray(),
            Differences = differences,
            TargetDocument = resulting,
        };
    }
}
