using AckHardening.Core.Diagnostics;
using AckHardening.Core.Errors;
using AckHardening.Core.Policy;
using AckHardening.Core.Services.Ram;
using AckHardening.Policy;

namespace AckHardening.Core.Policies;

/// <summary>What Set-AckWorkerRolePolicy asks for one policy.</summary>
public sealed class PolicyApplyRequest
{
    public string PolicyName { get; init; } = "";
    public string? RoleName { get; init; }
    public string? ClusterId { get; init; }
    public PolicyDocument Document { get; init; } = new();
    public string BackupDirectory { get; init; } = "";
    public bool DetachWhenEmpty { get; init; }
    /// <summary>The default version the proposal was computed from; a different default now means someone changed the policy.</summary>
    public string? BasedOnVersion { get; init; }
    /// <summary>Apply although the default version is no longer <see cref="BasedOnVersion"/>.</summary>
    public bool Force { get; init; }
}

/// <summary>The state read and the plan made from it: what -WhatIf shows and what is executed after confirmation.</summary>
public sealed class PolicyApplyPreparation
{
    public required PolicyApplyRequest Request { get; init; }
    public required PolicyState State { get; init; }
    public required AckPolicyChangePlan Plan { get; init; }
    /// <summary>Principals other than the role that hold the policy (they are affected by the change too).</summary>
    public IReadOnlyList<RamPolicyEntity> OtherHolders { get; init; } = Array.Empty<RamPolicyEntity>();
    public IReadOnlyList<string> Warnings { get; init; } = Array.Empty<string>();
}

/// <summary>
/// Set-AckWorkerRolePolicy: validate the document, read the policy, plan (PolicyApplyPlanner), back up every version
/// (refusing to go on when the backup cannot be written), then run the plan. Nothing is written to RAM before the
/// backup file is on disk and verified.
/// </summary>
public sealed class PolicyApplyService
{
    private readonly PolicyStateReader _reader;
    private readonly RamWriteClient _writer;
    private readonly PolicyBackupService _backups;
    private readonly PolicyChangeExecutor _executor;
    private readonly IAckLog _log;

    public PolicyApplyService(PolicyStateReader reader, RamWriteClient writer, PolicyBackupService backups, IAckLog? log = null)
    {
        _reader = reader ?? throw new ArgumentNullException(nameof(reader));
        _writer = writer ?? throw new ArgumentNullException(nameof(writer));
        _backups = backups ?? throw new ArgumentNullException(nameof(backups));
        _log = log ?? NullAckLog.Instance;
        _executor = new PolicyChangeExecutor(writer, reader, _log);
    }

    /// <summary>Turns user input (a PolicyDocument, or JSON text) into a document; malformed JSON is AckPolicyInvalid.</summary>
    public static PolicyDocument ParseDocument(object? input, string policyName) => input switch
    {
        PolicyDocument d => d,
        string s when !string.IsNullOrWhiteSpace(s) => PolicyDocument.TryParse(s, out var doc, out var error) ? doc!
            : throw new AckException(PolicyErrorIds.Invalid, AckErrorKind.InvalidData, $"The new document for policy {policyName} is not valid: $: {error}", policyName)
            { RecommendedAction = "Pass a JSON policy document: {\"Version\":\"1\",\"Statement\":[…]}." },
        _ => throw new AckException(PolicyErrorIds.Invalid, AckErrorKind.InvalidArgument,
            $"No document was given for policy {policyName} (expected a PolicyDocument or its JSON text, got {(input is null ? "nothing" : input.GetType().Name)}).", policyName),
    };

    public async Task<PolicyApplyPreparation> PrepareAsync(PolicyApplyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.PolicyName);
        // A bad document is refused before any call, so nothing is read, backed up or changed.
        if (request.Document.Statements.Count > 0)
            PolicyValidator.EnsureValid(request.Document, $"The new document for policy {request.PolicyName}");

        var state = await _reader.ReadAsync(request.PolicyName, null, request.RoleName, cancellationToken).ConfigureAwait(false);
        if (!string.Equals(state.PolicyType, RamPolicyTypes.Custom, StringComparison.OrdinalIgnoreCase))
            throw new AckException(PolicyErrorIds.NotCustom, AckErrorKind.InvalidOperation,
                $"Policy {state.PolicyName} is a {state.PolicyType} policy: RAM does not let you create versions of it, so it cannot be restricted in place.", state.PolicyName)
            { RecommendedAction = "Create a custom policy with the actions the role needs, attach it, then detach the system policy." };

        var current = state.Default!.VersionId;
        // A default that already holds the document is this proposal applied before (a rerun), not someone else's change.
        var alreadyApplied = state.Default.Document is { } currentDoc && PolicyCanonicalJson.AreEquivalent(currentDoc, request.Document);
        if (request.BasedOnVersion is { Length: > 0 } basedOn && !string.Equals(basedOn, current, StringComparison.OrdinalIgnoreCase) && !alreadyApplied && !request.Force)
            throw new AckException(PolicyChangeErrorIds.ChangedSinceRecommendation, AckErrorKind.InvalidOperation,
                $"The proposal for policy {state.PolicyName} was computed from version {basedOn}, but the default version is now {current}: applying it would undo that change.", state.PolicyName)
            { RecommendedAction = "Compute the recommendation again from the current policy, or use -Force to apply it anyway." };

        var warnings = new List<string>();
        var holders = await _writer.ListEntitiesForPolicyAsync(state.PolicyName, state.PolicyType, cancellationToken).ConfigureAwait(false);
        var others = holders.Where(h => !(h.Kind == "Role" && string.Equals(h.Name, request.RoleName, StringComparison.OrdinalIgnoreCase))).ToList();
        if (others.Count > 0 && (request.RoleName is not null || holders.Count > 1))
            warnings.Add($"Policy {state.PolicyName} is also attached to {string.Join(", ", others.Select(o => $"{o.Kind.ToLowerInvariant()} {o.Name}"))}: " +
                "a new default version changes their permissions too.");

        var plan = PolicyApplyPlanner.Plan(state, request.Document, state.Versions.Select(v => v.VersionId), Options(request));
        warnings.AddRange(plan.Warnings);
        return new PolicyApplyPreparation { Request = request, State = state, Plan = plan, OtherHolders = others, Warnings = warnings };
    }

    /// <summary>Backs up, then runs the prepared plan. A no-op plan makes no backup and no call.</summary>
    public async Task<AckPolicyChangeResult> ApplyAsync(PolicyApplyPreparation prepared, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        var request = prepared.Request;
        var state = prepared.State;
        if (!prepared.Plan.IsNoOp)
        {
            // The preparation was read before the user confirmed; a prompt can stay open for minutes. Read again, so
            // the backup holds the state that is really replaced and someone else's new default is never overwritten.
            var fresh = await _reader.ReadAsync(request.PolicyName, null, request.RoleName, cancellationToken).ConfigureAwait(false);
            var sameDefault = string.Equals(fresh.Default?.VersionId, state.Default?.VersionId, StringComparison.OrdinalIgnoreCase)
                && fresh.Versions.Count == state.Versions.Count;
            if (!sameDefault)
            {
                if (fresh.Default?.Document is { } freshDoc && PolicyCanonicalJson.AreEquivalent(freshDoc, request.Document))
                {
                    _log.Verbose($"Policy {fresh.PolicyName} already holds the document as its default version {fresh.Default.VersionId}: nothing to do.");
                    return PolicyChangeResults.From(prepared.Plan, fresh, fresh, Array.Empty<AckPolicyChangeStep>(), prepared.Warnings, null, request.ClusterId);
                }
                if (!request.Force)
                    throw new AckException(PolicyChangeErrorIds.ChangedSinceRecommendation, AckErrorKind.InvalidOperation,
                        $"Policy {fresh.PolicyName} changed while the change was being confirmed (default version {state.Default?.VersionId} is now {fresh.Default?.VersionId}, " +
                        $"{state.Versions.Count} version(s) are now {fresh.Versions.Count}): nothing was changed.", fresh.PolicyName)
                    { RecommendedAction = "Run the command again so it plans from the current policy, or use -Force." };
            }
            state = fresh;
        }
        if (prepared.Plan.IsNoOp)
        {
            _log.Verbose(prepared.Plan.Summary);
            return PolicyChangeResults.From(prepared.Plan, state, state, Array.Empty<AckPolicyChangeStep>(), prepared.Warnings, null, request.ClusterId);
        }

        var planned = request.Document.Statements.Count > 0 ? request.Document : null;
        var backup = _backups.Write(state, request.ClusterId, request.BackupDirectory, planned);
        var backedUp = backup.VersionIds;
        var options = Options(request);
        var plan = PolicyApplyPlanner.Plan(state, request.Document, backedUp, options);

        // A version that already holds the planned document is recoverable from the backup (it records that document),
        // so when re-planning after a lost answer it counts as backed up: that is our own version having landed.
        AckPolicyChangePlan Replan(PolicyState s) => PolicyApplyPlanner.Plan(s, request.Document,
            backedUp.Concat(s.Versions.Where(v => planned is not null && v.Document is { } d && PolicyCanonicalJson.AreEquivalent(d, planned)).Select(v => v.VersionId)),
            options);

        var outcome = await _executor.ExecuteAsync(plan, Replan, state.RoleName, cancellationToken).ConfigureAwait(false);
        return PolicyChangeResults.From(plan, state, outcome.Final, outcome.Executed, prepared.Warnings.Concat(outcome.Warnings), backup, request.ClusterId);
    }

    private static PolicyApplyOptions Options(PolicyApplyRequest r) => new() { ClusterId = r.ClusterId, DetachWhenEmpty = r.DetachWhenEmpty };
}
