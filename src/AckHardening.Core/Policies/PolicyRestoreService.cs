using AckHardening.Core.Diagnostics;
using AckHardening.Core.Errors;
using AckHardening.Core.Policy;
using AckHardening.Core.Services.Ram;
using AckHardening.Policy;

namespace AckHardening.Core.Policies;

/// <summary>What Restore-AckWorkerRolePolicy asks for.</summary>
public sealed class PolicyRestoreRequest
{
    public string BackupFile { get; init; } = "";
    /// <summary>Make this backed-up version the default instead of the version that was default at backup time.</summary>
    public string? VersionId { get; init; }
    /// <summary>Restore although someone else changed the policy since the backup.</summary>
    public bool Force { get; init; }
    public string? ClusterId { get; init; }
}

public sealed class PolicyRestorePreparation
{
    public required PolicyRestoreRequest Request { get; init; }
    public required PolicyBackup Backup { get; init; }
    /// <summary>The backup as restored: with -VersionId, that version is marked default.</summary>
    public required PolicyBackup Target { get; init; }
    public required PolicyState State { get; init; }
    public required AckPolicyChangePlan Plan { get; init; }
    public required PolicyRestoreOptions Options { get; init; }
}

/// <summary>
/// Restore-AckWorkerRolePolicy: read and verify the backup, read the policy, plan (PolicyRestorePlanner: switch back
/// to the saved version, or recreate it, and re-attach), refuse on foreign changes unless forced, then run the plan.
/// </summary>
public sealed class PolicyRestoreService
{
    private readonly PolicyStateReader _reader;
    private readonly PolicyChangeExecutor _executor;
    private readonly IAckLog _log;

    public PolicyRestoreService(PolicyStateReader reader, RamWriteClient writer, IAckLog? log = null)
    {
        _reader = reader ?? throw new ArgumentNullException(nameof(reader));
        _log = log ?? NullAckLog.Instance;
        _executor = new PolicyChangeExecutor(writer ?? throw new ArgumentNullException(nameof(writer)), reader, _log);
    }

    public async Task<PolicyRestorePreparation> PrepareAsync(PolicyRestoreRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var backup = PolicyBackupStore.Read(request.BackupFile);
        var target = request.VersionId is { Length: > 0 } id ? WithDefault(backup, id) : backup;
        var state = await _reader.ReadAsync(backup.PolicyName, backup.PolicyType, backup.RoleName, cancellationToken).ConfigureAwait(false);

        // The policy is "as we left it" when its default is still the backed-up default or the document the backup
        // says was about to be applied; only a third document means someone else changed it.
        var currentDoc = state.Default?.Document;
        var ours = currentDoc is not null
            && (backup.Default?.Document is { } saved && PolicyCanonicalJson.AreEquivalent(saved, currentDoc)
                || backup.PlannedDocument is { } planned && PolicyCanonicalJson.AreEquivalent(planned, currentDoc));
        var options = new PolicyRestoreOptions
        {
            ClusterId = request.ClusterId ?? backup.ClusterId,
            Force = request.Force,
            ExpectedCurrentDocument = ours ? currentDoc : null,
        };
        var plan = PolicyRestorePlanner.Plan(target, state, options);
        return new PolicyRestorePreparation { Request = request, Backup = backup, Target = target, State = state, Plan = plan, Options = options };
    }

    public async Task<AckPolicyChangeResult> RestoreAsync(PolicyRestorePreparation prepared, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        var plan = prepared.Plan;
        if (plan.IsNoOp)
        {
            _log.Verbose(plan.Summary);
            return PolicyChangeResults.From(plan, prepared.State, prepared.State, Array.Empty<AckPolicyChangeStep>(), plan.Warnings, null, prepared.Options.ClusterId,
                prepared.Backup.Path, prepared.Backup.Sha256);
        }
        // Re-planning after a lost answer keeps the decision already taken about foreign changes.
        var outcome = await _executor.ExecuteAsync(plan, s => PolicyRestorePlanner.Plan(prepared.Target, s, prepared.Options), prepared.State.RoleName, cancellationToken)
            .ConfigureAwait(false);
        var result = PolicyChangeResults.From(plan, prepared.State, outcome.Final, outcome.Executed, plan.Warnings.Concat(outcome.Warnings), null,
            prepared.Options.ClusterId, prepared.Backup.Path, prepared.Backup.Sha256);
        return result;
    }

    private static PolicyBackup WithDefault(PolicyBackup backup, string versionId)
    {
        if (!backup.Versions.Any(v => string.Equals(v.VersionId, versionId, StringComparison.OrdinalIgnoreCase)))
            throw new AckException(PolicyChangeErrorIds.VersionNotInBackup, AckErrorKind.ObjectNotFound,
                $"The backup '{backup.Path}' of policy {backup.PolicyName} holds versions {string.Join(", ", backup.Versions.Select(v => v.VersionId))}, not {versionId}.", versionId);
        return new PolicyBackup
        {
            PolicyName = backup.PolicyName, PolicyType = backup.PolicyType, RoleName = backup.RoleName, ClusterId = backup.ClusterId,
            AttachedToRole = backup.AttachedToRole, CreatedAt = backup.CreatedAt, ModuleVersion = backup.ModuleVersion, PlannedDocument = backup.PlannedDocument,
            Versions = backup.Versions.Select(v => new PolicyVersionSnapshot
            {
                VersionId = v.VersionId, CreateDate = v.CreateDate, DocumentText = v.DocumentText,
                IsDefault = string.Equals(v.VersionId, versionId, StringComparison.OrdinalIgnoreCase),
            }).ToList(),
            Sha256 = backup.Sha256, Path = backup.Path,
        };
    }
}
