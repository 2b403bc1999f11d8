using AckHardening.Core.Errors;
using AckHardening.Policy;

namespace AckHardening.Core.Policy;

/// <summary>
/// Plans putting a policy back to its backed-up default (Restore-AckWorkerRolePolicy): switch back to the backed-up
/// version when it still exists unchanged, otherwise create a version from the backup; re-attach when detached.
/// Refuses, unless forced, when the policy was changed by someone else since the backup.
/// </summary>
public static class PolicyRestorePlanner
{
    public static AckPolicyChangePlan Plan(PolicyBackup backup, PolicyState current, PolicyRestoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(backup);
        ArgumentNullException.ThrowIfNull(current);
        options ??= new PolicyRestoreOptions();
        if (!string.Equals(backup.PolicyName, current.PolicyName, StringComparison.Ordinal))
            throw new AckException(PolicyErrorIds.BackupMismatch, AckErrorKind.InvalidArgument,
                $"The backup is of policy {backup.PolicyName}, not {current.PolicyName}.", current.PolicyName);
        PolicyVersionSlots.RequireCustom(current.PolicyName, current.PolicyType);

        var saved = backup.Default ?? throw new AckException(PolicyErrorIds.BackupInvalid, AckErrorKind.InvalidData, "The backup has no default version.", backup.Path);
        var savedDoc = saved.Document ?? throw new AckException(PolicyErrorIds.BackupInvalid, AckErrorKind.InvalidData,
            $"The backed-up default version {saved.VersionId} does not hold a valid policy document.", backup.Path);
        var def = current.Default ?? throw new AckException(PolicyErrorIds.Invalid, AckErrorKind.InvalidData,
            $"Policy {current.PolicyName} has no default version.", current.PolicyName);

        var warnings = new List<string>();
        var currentDoc = def.Document;
        var differences = currentDoc is null ? Array.Empty<AckPolicyDifference>() : PolicyComparer.Compare(savedDoc, currentDoc, current.PolicyName).Differences.ToArray();
        var steps = new List<AckPolicyChangeStep>();

        var alreadyRestored = currentDoc is not null && PolicyCanonicalJson.AreEquivalent(currentDoc, savedDoc);
        if (!alreadyRestored)
        {
            var expected = options.ExpectedCurrentDocument ?? backup.PlannedDocument;
            var ours = expected is not null && currentDoc is not null && PolicyCanonicalJson.AreEquivalent(currentDoc, expected);
            if (!ours)
            {
                var why = expected is null
                    ? $"the default version {def.VersionId} differs from the backed-up default {saved.VersionId}, and the backup does not record what was applied"
                    : $"the default version {def.VersionId} is neither the backed-up default {saved.VersionId} nor the document that was applied";
                var detail = string.Join("; ", differences.Take(8).Select(x => $"{x.SideIndicator} {x.Element} {x.Action ?? x.DifferenceValue ?? x.ReferenceValue}"))
                    + (differences.Length > 8 ? $"; … {differences.Length - 8} more" : "");
                if (!options.Force)
                    throw new AckException(PolicyErrorIds.Drift, AckErrorKind.InvalidOperation,
                        $"Policy {current.PolicyName} was changed since the backup of {backup.CreatedAt:u}: {why}. Differences (backup <= => current): {detail}", differences)
                    { RecommendedAction = "Review the differences (Compare-AckPolicy); use -Force to restore the backup anyway." };
                warnings.Add($"Restoring although policy {current.PolicyName} was changed since the backup ({why}).");
            }
            var backedUp = new HashSet<string>(backup.Versions.Select(v => v.VersionId), StringComparer.OrdinalIgnoreCase);
            steps.AddRange(PolicyVersionSlots.MakeDefault(current, savedDoc, backedUp, options.MaxVersions, $"the backed-up document of {saved.VersionId}", saved.VersionId));
        }

        if (backup.AttachedToRole && !current.IsAttached)
        {
            var role = backup.RoleName ?? current.RoleName
                ?? throw new AckException(PolicyErrorIds.BackupInvalid, AckErrorKind.InvalidData, "The backup does not name the role to re-attach the policy to.", backup.Path);
            steps.Add(new AckPolicyChangeStep
            {
                Operation = PolicyOperation.AttachPolicyToRole, PolicyName = current.PolicyName, PolicyType = current.PolicyType, RoleName = role,
                Description = $"Attach policy {current.PolicyName} ({current.PolicyType}) to role {role} again, as it was when backed up.",
            });
        }
        else if (!backup.AttachedToRole && current.IsAttached)
            warnings.Add($"Policy {current.PolicyName} was not attached to role {backup.RoleName} when backed up but is now; it is left attached.");

        var numbered = PolicyVersionSlots.Number(steps);
        return new AckPolicyChangePlan
        {
            ClusterId = options.ClusterId ?? backup.ClusterId,
            RoleName = backup.RoleName ?? current.RoleName,
            PolicyName = current.PolicyName,
            PolicyType = current.PolicyType,
            Kind = PolicyChangePlanKind.Restore,
            CurrentDefaultVersion = def.VersionId,
            Steps = numbered,
            Summary = PolicyVersionSlots.Summarize("Restore", current.PolicyName, numbered,
                $"Policy {current.PolicyName} already matches the backup of {backup.CreatedAt:u}; nothing to restore."),
            Warnings = warnings.ToArray(),
            Differences = differences,
            TargetDocument = savedDoc,
        };
    }
}
