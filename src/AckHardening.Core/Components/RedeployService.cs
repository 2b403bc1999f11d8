using AckHardening.Components;
using AckHardening.Core.Diagnostics;
using AckHardening.Core.Errors;
using AckHardening.Core.KubeAccess;
using AckHardening.Core.Kubernetes;
using k8s;
using k8s.Models;
using KubeKind = AckHardening.Core.KubeAccess.WorkloadKind;
using StatusState = AckHardening.Core.Kubernetes.RolloutState;
using WaitState = AckHardening.Core.KubeAccess.RolloutState;

namespace AckHardening.Core.Components;

/// <summary>How long to wait for one rollout and how often to look.</summary>
public sealed record RedeployOptions
{
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);
    /// <summary>Write-Progress activity id for the rollout wait.</summary>
    public int ProgressActivityId { get; init; } = 4201;
}

/// <summary>
/// A workload read and judged, before anything is written. <see cref="Plan"/> is set when a restart may be sent;
/// otherwise <see cref="Skipped"/> holds the result and <see cref="Problem"/> says why.
/// </summary>
public sealed class PreparedRedeploy
{
    internal PreparedRedeploy(RedeployTarget target, RolloutRestartPlan? plan, AckWorkloadRedeployResult? skipped, AckException? problem)
    {
        Target = target;
        Plan = plan;
        Skipped = skipped;
        Problem = problem;
    }

    public RedeployTarget Target { get; }
    public RolloutRestartPlan? Plan { get; }
    public AckWorkloadRedeployResult? Skipped { get; }
    /// <summary>Why it was skipped (AckWorkloadPaused, AckWorkloadOnDelete, AckWorkloadNotFound).</summary>
    public AckException? Problem { get; }
    public bool CanRestart => Plan is not null;
}

/// <summary>The end of one workload's redeploy: the result, and the error to report when it did not succeed.</summary>
public sealed record RedeployOutcome(AckWorkloadRedeployResult Result, AckException? Problem)
{
    /// <summary>True for Failed and TimedOut: the procedure stops before the next workload.</summary>
    public bool StopsSequence => Result.Status is RedeployStatus.Failed or RedeployStatus.TimedOut;
}

/// <summary>
/// kubectl rollout restart followed by kubectl rollout status, for one workload at a time: the caller runs
/// <see cref="PrepareAsync"/> (reads only), decides (ShouldProcess), then <see cref="RestartAndWaitAsync"/>, which
/// returns only when the rollout is done, failed or timed out, so two workloads never roll at once.
/// </summary>
public sealed class RedeployService
{
    private readonly KubernetesGateway _gateway;
    private readonly IAckLog _log;

    public RedeployService(KubernetesGateway gateway, IAckLog? log = null)
    {
        _gateway = gateway ?? throw new ArgumentNullException(nameof(gateway));
        _log = log ?? NullAckLog.Instance;
    }

    /// <summary>The restartedAt timestamp source: local time with offset, as kubectl writes it. A test seam.</summary>
    internal Func<DateTimeOffset> Now { get; set; } = () => DateTimeOffset.Now;

    /// <summary>Waits out the second a restart was already recorded in. A test seam.</summary>
    internal Func<TimeSpan, CancellationToken, Task> Delay { get; set; } = Task.Delay;

    /// <summary>Reads the workload and plans the restart; writes nothing.</summary>
    public async Task<PreparedRedeploy> PrepareAsync(RedeployTarget target, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        var reference = ToKube(target.Workload);
        IKubernetesObject<V1ObjectMeta> current;
        try
        {
            current = await _gateway.GetWorkloadAsync(reference, ct).ConfigureAwait(false);
        }
        catch (AckException e) when (e.ErrorId == KubernetesErrors.NotFound)
        {
            var problem = new AckException(RedeployErrorIds.WorkloadNotFound, AckErrorKind.ObjectNotFound,
                $"{Describe(target)} does not exist in cluster {target.ClusterId ?? "(unknown)"}; skipped.", target.Workload.ToString(), e);
            return new PreparedRedeploy(target, null, Skip(target, problem.Message, current: null), problem);
        }

        var plan = Plan(current);
        if (plan.Outcome == RestartOutcome.RefusedAlreadyRestarted)
        {
            // kubectl refuses a second restart within the same second (the patch would be empty): wait it out.
            await Delay(TimeSpan.FromSeconds(1), ct).ConfigureAwait(false);
            plan = Plan(current);
        }

        switch (plan.Outcome)
        {
            case RestartOutcome.RefusedPaused:
            {
                var problem = new AckException(RedeployErrorIds.WorkloadPaused, AckErrorKind.InvalidOperation,
                    $"{Describe(target)} is paused: kubectl refuses to restart a paused Deployment, so it was skipped.", target.Workload.ToString())
                { RecommendedAction = $"Resume it (kubectl -n {target.Workload.Namespace} rollout resume {target.Workload.KubectlTarget}) when its owner agrees, then redeploy again." };
                return new PreparedRedeploy(target, null, Skip(target, problem.Message, current), problem);
            }
            case RestartOutcome.PatchWithoutRollout:
            {
                var problem = new AckException(RedeployErrorIds.WorkloadOnDelete, AckErrorKind.InvalidOperation,
                    $"{Describe(target)} uses the OnDelete update strategy: a restart would replace no pod, so it was skipped.", target.Workload.ToString())
                { RecommendedAction = "Delete its pods one at a time (each is recreated with the current template), or switch it to RollingUpdate and redeploy again." };
                return new PreparedRedeploy(target, null, Skip(target, problem.Message, current), problem);
            }
            case RestartOutcome.RefusedAlreadyRestarted:
            {
                var problem = new AckException(RedeployErrorIds.RolloutFailed, AckErrorKind.InvalidOperation, plan.Message, target.Workload.ToString());
                return new PreparedRedeploy(target, null, Skip(target, plan.Message, current), problem);
            }
            default:
                return new PreparedRedeploy(target, plan, null, null);
        }
    }

    /// <summary>Sends the restart patch and waits for the rollout with kubectl rollout status' rules.</summary>
    public async Task<RedeployOutcome> RestartAndWaitAsync(PreparedRedeploy prepared, RedeployOptions? options = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        if (prepared.Plan is not { PatchBody: { } patch } plan)
            throw new InvalidOperationException($"{prepared.Target} cannot be restarted: {prepared.Problem?.Message}");
        options ??= new RedeployOptions();
        var target = prepared.Target;
        var reference = ToKube(target.Workload);
        var result = NewResult(target);
        result.RestartedAt = plan.RestartedAt;

        try
        {
            await _gateway.PatchWorkloadAsync(reference, patch, ct).ConfigureAwait(false);
        }
        catch (AckException e)
        {
            result.Status = RedeployStatus.Failed;
            result.RestartedAt = null;
            result.Message = $"The restart patch was refused: {e.Message}";
            return new RedeployOutcome(result, e);
        }
        _log.Verbose($"{Describe(target)} restarted at {plan.RestartedAt}; waiting for its rollout.");

        RolloutStatusResult? last = null;
        RolloutObservation Probe(IKubernetesObject<V1ObjectMeta> snapshot)
        {
            var status = Evaluate(snapshot);
            last = status;
            var percent = status.Desired is > 0 && status.Ready is { } ready ? Math.Clamp(ready * 100 / status.Desired.Value, 0, 100) : -1;
            _log.Progress(new AckProgress(options.ProgressActivityId, $"Redeploying {target.Component}", $"{target.Workload}: {status.Message}", percent));
            return new RolloutObservation(status.State switch
            {
                StatusState.Complete => WaitState.Done,
                StatusState.InProgress => WaitState.Waiting,
                _ => WaitState.Failed,
            }, status.Message);
        }

        RolloutWaitResult wait;
        try
        {
            wait = await _gateway.WaitForRolloutAsync(reference, Probe,
                new RolloutWaitOptions { Timeout = options.Timeout, PollInterval = options.PollInterval }, ct).ConfigureAwait(false);
        }
        catch (AckException e)
        {
            result.Status = RedeployStatus.Failed;
            result.Message = $"The rollout could not be followed: {e.Message}";
            return new RedeployOutcome(result, e);
        }
        finally
        {
            _log.Progress(new AckProgress(options.ProgressActivityId, $"Redeploying {target.Component}", "Done", 100, Completed: true));
        }

        result.Duration = wait.Elapsed;
        result.Ready = last?.Ready;
        result.Desired = last?.Desired;
        result.Message = wait.Message;
        switch (wait.Outcome)
        {
            case RolloutWaitOutcome.Done:
                result.Status = RedeployStatus.Succeeded;
                return new RedeployOutcome(result, null);
            case RolloutWaitOutcome.TimedOut:
                result.Status = RedeployStatus.TimedOut;
                result.Message = $"The rollout did not finish within {options.Timeout.TotalSeconds:0.#} s: {wait.Message}";
                return new RedeployOutcome(result, new AckException(RedeployErrorIds.RolloutTimedOut, AckErrorKind.OperationTimeout,
                    $"{Describe(target)}: {result.Message}", target.Workload.ToString())
                { RecommendedAction = "Check the workload's pods and events; redeploy again with a longer -TimeoutSec once it is healthy." });
            default:
                result.Status = RedeployStatus.Failed;
                return new RedeployOutcome(result, new AckException(RedeployErrorIds.RolloutFailed, AckErrorKind.InvalidOperation,
                    $"{Describe(target)}: the rollout failed: {wait.Message}", target.Workload.ToString())
                { RecommendedAction = "Check the workload's pods and events (kubectl describe) before redeploying anything else." });
        }
    }

    /// <summary>kubectl rollout status' rules for whichever kind was read.</summary>
    public static RolloutStatusResult Evaluate(IKubernetesObject<V1ObjectMeta> workload) => workload switch
    {
        V1Deployment d => RolloutStatusEvaluator.Evaluate(d),
        V1DaemonSet ds => RolloutStatusEvaluator.Evaluate(ds),
        V1StatefulSet s => RolloutStatusEvaluator.Evaluate(s),
        _ => throw new ArgumentException($"Unsupported workload type {workload.GetType().Name}.", nameof(workload)),
    };

    private RolloutRestartPlan Plan(IKubernetesObject<V1ObjectMeta> workload)
    {
        var now = Now();
        return workload switch
        {
            V1Deployment d => RolloutRestart.Plan(d, now),
            V1DaemonSet ds => RolloutRestart.Plan(ds, now),
            V1StatefulSet s => RolloutRestart.Plan(s, now),
            _ => throw new ArgumentException($"Unsupported workload type {workload.GetType().Name}.", nameof(workload)),
        };
    }

    private static AckWorkloadRedeployResult Skip(RedeployTarget target, string message, IKubernetesObject<V1ObjectMeta>? current)
    {
        var result = NewResult(target);
        result.Status = RedeployStatus.Skipped;
        result.Message = message;
        if (current is not null)
        {
            var status = Evaluate(current);
            result.Ready = status.Ready;
            result.Desired = status.Desired;
        }
        return result;
    }

    private static AckWorkloadRedeployResult NewResult(RedeployTarget target) => new()
    {
        ClusterId = target.ClusterId,
        Component = target.Component,
        Namespace = target.Workload.Namespace,
        Kind = target.Workload.Kind,
        Name = target.Workload.Name,
    };

    private static string Describe(RedeployTarget target) => $"{target.Workload.Kind} {target.Workload.Namespace}/{target.Workload.Name}";

    internal static WorkloadReference ToKube(AckWorkloadReference w) => new(w.Kind switch
    {
        AckHardening.Components.WorkloadKind.Deployment => KubeKind.Deployment,
        AckHardening.Components.WorkloadKind.DaemonSet => KubeKind.DaemonSet,
        AckHardening.Components.WorkloadKind.StatefulSet => KubeKind.StatefulSet,
        _ => throw new ArgumentOutOfRangeException(nameof(w)),
    }, w.Namespace, w.Name);
}
