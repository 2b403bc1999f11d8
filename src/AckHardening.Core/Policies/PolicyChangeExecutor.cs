using System.Net;
using AckHardening.Core.Diagnostics;
using AckHardening.Core.Errors;
using AckHardening.Core.Http;
using AckHardening.Core.Policy;
using AckHardening.Core.Services.Ram;
using AckHardening.Policy;

namespace AckHardening.Core.Policies;

/// <summary>What running a plan did.</summary>
public sealed record PolicyChangeOutcome(IReadOnlyList<AckPolicyChangeStep> Executed, PolicyState Final, IReadOnlyList<string> Warnings);

/// <summary>
/// Runs a change plan call by call. When a call's outcome is unknown (connection lost, timeout, 5xx) or the state
/// moved under it (a version slot taken, a version already deleted, an attachment already made), it does not resend:
/// it re-reads the policy, plans again from what is really there, and goes on. A rerun therefore never creates a
/// second version with the same document.
/// </summary>
public sealed class PolicyChangeExecutor
{
    private const int MaxRounds = 3;
    private readonly RamWriteClient _writer;
    private readonly PolicyStateReader _reader;
    private readonly IAckLog _log;

    public PolicyChangeExecutor(RamWriteClient writer, PolicyStateReader reader, IAckLog? log = null)
    {
        _writer = writer ?? throw new ArgumentNullException(nameof(writer));
        _reader = reader ?? throw new ArgumentNullException(nameof(reader));
        _log = log ?? NullAckLog.Instance;
    }

    public async Task<PolicyChangeOutcome> ExecuteAsync(AckPolicyChangePlan plan, Func<PolicyState, AckPolicyChangePlan> replan, string? roleName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(replan);
        var executed = new List<AckPolicyChangeStep>();
        var warnings = new List<string>();
        for (var round = 1; ; round++)
        {
            try
            {
                foreach (var step in plan.Steps)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    _log.Verbose($"Step {step.Order}/{plan.Steps.Length}: {step.Description}");
                    await RunAsync(step, cancellationToken).ConfigureAwait(false);
                    executed.Add(step);
                }
                var final = await _reader.ReadAsync(plan.PolicyName, plan.PolicyType, roleName, cancellationToken).ConfigureAwait(false);
                return new PolicyChangeOutcome(executed, final, warnings);
            }
            catch (AlibabaServiceException e) when (Resolvable(e))
            {
                if (round >= MaxRounds)
                    throw new AckException(PolicyChangeErrorIds.ChangeNotSettled, AckErrorKind.InvalidOperation,
                        $"Policy {plan.PolicyName} did not settle after {MaxRounds} attempts; the last call ({e.Action}) failed with {e.Code}: {e.ServiceMessage}", plan.PolicyName, e)
                    { RecommendedAction = "Check the policy with Get-AckWorkerRolePolicy; run the command again once nobody else is changing it." };
                var why = OutcomeUnknown(e) ? $"the outcome of {e.Action} is unknown ({e.Code})" : $"{e.Action} found the policy changed ({e.Code})";
                _log.Verbose($"Policy {plan.PolicyName}: {why}; re-reading the policy and planning again instead of resending.");
                warnings.Add($"{e.Action} on policy {plan.PolicyName} ended with {e.Code}; the policy was re-read and the remaining work re-planned.");
                var state = await _reader.ReadAsync(plan.PolicyName, plan.PolicyType, roleName, cancellationToken).ConfigureAwait(false);
                plan = replan(state);
                if (plan.IsNoOp) _log.Verbose($"Policy {plan.PolicyName} is already as planned: {plan.Summary}");
            }
        }
    }

    private Task RunAsync(AckPolicyChangeStep step, CancellationToken ct) => step.Operation switch
    {
        PolicyOperation.CreatePolicyVersion => _writer.CreatePolicyVersionAsync(step.PolicyName,
            step.PolicyDocument ?? throw new InvalidOperationException("CreatePolicyVersion step without a document."), step.SetAsDefault ?? true, ct),
        PolicyOperation.SetDefaultPolicyVersion => _writer.SetDefaultPolicyVersionAsync(step.PolicyName, step.VersionId!, ct),
        PolicyOperation.DeletePolicyVersion => _writer.DeletePolicyVersionAsync(step.PolicyName, step.VersionId!, ct),
        PolicyOperation.AttachPolicyToRole => _writer.AttachPolicyToRoleAsync(step.PolicyName, step.PolicyType, step.RoleName!, ct),
        PolicyOperation.DetachPolicyFromRole => _writer.DetachPolicyFromRoleAsync(step.PolicyName, step.PolicyType, step.RoleName!, ct),
        _ => throw new InvalidOperationException($"Unknown plan operation {step.Operation}."),
    };

    /// <summary>No answer, or a server failure: the call may or may not have been applied.</summary>
    public static bool OutcomeUnknown(AlibabaServiceException e) =>
        e.StatusCode is null && (e.Code == "NetworkError" || e.Code == "Timeout")
        || e.StatusCode is { } s && (int)s >= 500 && s != HttpStatusCode.NotImplemented;

    /// <summary>Answers that mean "the state is not what the plan assumed", typically because an earlier attempt did land.</summary>
    public static bool StateMoved(AlibabaServiceException e) => e.Code is "LimitExceeded.Policy.Version" or "EntityNotExist.Policy.Version"
        or "EntityAlreadyExists.Role.Policy" or "EntityNotExist.Role.Policy";

    private static bool Resolvable(AlibabaServiceException e) => OutcomeUnknown(e) || StateMoved(e);
}
