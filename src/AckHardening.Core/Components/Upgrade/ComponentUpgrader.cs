using System.Diagnostics;
using AckHardening.Components;
using AckHardening.Core.Diagnostics;
using AckHardening.Core.Errors;
using AckHardening.Core.Http;
using AckHardening.Core.Services.Cs;

namespace AckHardening.Core.Components;

/// <summary>An upgrade that passed every check and is ready to be sent.</summary>
public sealed record ComponentUpgradePlan(string ClusterId, string Component, string FromVersion, string ToVersion, AckComponentCatalogEntry? Entry);

/// <summary>How long to wait for the task and how often to ask.</summary>
public sealed record ComponentUpgradeOptions(TimeSpan Timeout, TimeSpan PollInterval)
{
    public static readonly ComponentUpgradeOptions Default = new(TimeSpan.FromMinutes(30), TimeSpan.FromSeconds(10));
}

/// <summary>
/// Upgrades one component at a time, as the procedure asks: refuses what cannot or must not be upgraded (not
/// installed, managed role missing, installed through a node pool, busy, no such version), then starts an
/// UpgradeClusterAddons task and polls DescribeTaskInfo until it succeeds, fails or the timeout passes.
/// </summary>
public sealed class ComponentUpgrader
{
    public const int ProgressActivityId = 4210;

    private readonly CsAddonClient _cs;
    private readonly ServiceRoleChecker _roles;
    private readonly ComponentCatalog _catalog;
    private readonly IAckLog _log;

    public ComponentUpgrader(CsAddonClient cs, ServiceRoleChecker roles, ComponentCatalog catalog, IAckLog? log = null)
    {
        _cs = cs ?? throw new ArgumentNullException(nameof(cs));
        _roles = roles ?? throw new ArgumentNullException(nameof(roles));
        _catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
        _log = log ?? NullAckLog.Instance;
    }

    /// <summary>Test seam: how the poll loop waits.</summary>
    internal Func<TimeSpan, CancellationToken, Task> Delay { get; set; } = Task.Delay;

    /// <summary>Reads only. Throws <see cref="AckException"/> with a <see cref="ComponentErrors"/> id when the upgrade must not go ahead.</summary>
    public async Task<ComponentUpgradePlan> PlanAsync(string clusterId, string component, string? targetVersion, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterId);
        ArgumentException.ThrowIfNullOrWhiteSpace(component);
        var entry = _catalog.Find(component);
        var name = entry?.Name ?? component;

        if (entry is not null && (entry.HasRemark(RemarkKind.InstalledThroughNodePool) || entry.VersionSource == VersionSource.ImageTag))
        {
            await RequireRoleAsync(clusterId, entry, ct).ConfigureAwait(false);
            throw new AckException(ComponentErrors.NotUpgradable, AckErrorKind.InvalidOperation,
                $"{name} is installed through node-pool autoscaling, not component management, so it cannot be upgraded with UpgradeClusterAddons.", name)
            { RecommendedAction = "Upgrade it as the cluster-autoscaler upgrade announcement describes (node pool auto scaling settings)." };
        }

        CsAddonInstanceDetail instance;
        try
        {
            instance = await _cs.GetClusterAddonInstanceAsync(clusterId, name, ct).ConfigureAwait(false);
        }
        catch (AlibabaServiceException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound && !IsClusterNotFound(e))
        {
            throw new AckException(ComponentErrors.NotInstalled, AckErrorKind.ObjectNotFound,
                $"{name} is not installed in cluster {clusterId}, so there is nothing to upgrade.", name, e)
            { RecommendedAction = "Run Get-AckComponent to list what the cluster has installed." };
        }

        if (entry is not null) await RequireRoleAsync(clusterId, entry, ct).ConfigureAwait(false);

        if (!string.Equals(instance.State, "active", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrEmpty(instance.State))
            throw new AckException(ComponentErrors.Busy, AckErrorKind.ResourceUnavailable,
                $"{name} in cluster {clusterId} is '{instance.State}'; an upgrade can start only when it is active.", name)
            { RecommendedAction = "Wait until the running operation finishes, then try again." };

        var from = instance.Version ?? "";
        var description = await _cs.DescribeAddonAsync(name, clusterId, null, ct).ConfigureAwait(false);
        string to;
        if (!string.IsNullOrWhiteSpace(targetVersion))
        {
            var offered = description.NewerVersions.FirstOrDefault(v => string.Equals(v.Version, targetVersion.Trim(), StringComparison.OrdinalIgnoreCase));
            if (offered is null || !offered.Upgradable)
            {
                var list = string.Join(", ", description.NewerVersions.Where(v => v.Upgradable).Select(v => v.Version));
                var why = offered is null ? "is not offered as a newer version" : $"needs Kubernetes {offered.MinimumClusterVersion} or later";
                throw new AckException(ComponentErrors.VersionNotAvailable, AckErrorKind.InvalidArgument,
                    $"{name} {targetVersion} {why} for cluster {clusterId} (installed {from}; upgradable: {(list.Length == 0 ? "none" : list)}).", targetVersion);
            }
            to = offered.Version;
        }
        else
        {
            to = ComponentInventory.NewestUpgradable(description.NewerVersions, from)
                ?? throw new AckException(ComponentErrors.UpToDate, AckErrorKind.InvalidOperation,
                    $"{name} {from} in cluster {clusterId} has no newer version it can be upgraded to.", name);
        }

        if (entry is not null && ComponentVersion.Compare(to, entry.MinimumVersion) is { IsComparable: true, Order: < 0 })
            _log.Warning($"{name} {to} is still below the catalog minimum {entry.MinimumVersion}.");
        return new ComponentUpgradePlan(clusterId, name, from, to, entry);
    }

    /// <summary>
    /// Sends the upgrade and waits for its task. A failed or timed-out task is a result (Status Failed/TimedOut), not
    /// an exception; errors of the calls themselves propagate.
    /// </summary>
    public async Task<AckComponentUpgradeResult> ExecuteAsync(ComponentUpgradePlan plan, ComponentUpgradeOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(options);
        var watch = Stopwatch.StartNew();
        var activity = $"Upgrading {plan.Component} in {plan.ClusterId}";
        _log.Verbose($"UpgradeClusterAddons: {plan.Component} {plan.FromVersion} -> {plan.ToVersion} in {plan.ClusterId}.");
        var started = await _cs.UpgradeClusterAddonsAsync(plan.ClusterId,
            [new CsAddonUpgradeRequest(plan.Component, plan.ToVersion, string.IsNullOrEmpty(plan.FromVersion) ? null : plan.FromVersion)], ct).ConfigureAwait(false);
        _log.Verbose($"Task {started.TaskId} started (RequestId {started.RequestId}).");

        var result = new AckComponentUpgradeResult
        {
            ClusterId = plan.ClusterId,
            Component = plan.Component,
            FromVersion = plan.FromVersion,
            ToVersion = plan.ToVersion,
            TaskId = started.TaskId,
        };
        try
        {
            while (true)
            {
                var task = await _cs.DescribeTaskInfoAsync(started.TaskId, ct).ConfigureAwait(false);
                if (task.IsSucceeded)
                {
                    result.Status = ComponentUpgradeStatus.Succeeded;
                    result.Message = $"{plan.Component} is now {plan.ToVersion}.";
                    break;
                }
                if (task.IsFailed)
                {
                    result.Status = ComponentUpgradeStatus.Failed;
                    var code = task.ErrorCode ?? task.State;
                    result.Message = $"Task {task.TaskId} ended in state {task.State}: {code}" + (string.IsNullOrEmpty(task.ErrorMessage) ? "." : $": {task.ErrorMessage}");
                    break;
                }
                if (watch.Elapsed >= options.Timeout)
                {
                    result.Status = ComponentUpgradeStatus.TimedOut;
                    result.Message = $"Task {task.TaskId} was still {task.State} after {options.Timeout.TotalSeconds:0.#} s; it keeps running in ACK. " +
                                     "Check it later with Get-AckComponent before upgrading anything else.";
                    break;
                }
                var percent = (int)Math.Min(99, watch.Elapsed.TotalMilliseconds * 100 / Math.Max(1, options.Timeout.TotalMilliseconds));
                _log.Progress(new AckProgress(ProgressActivityId, activity,
                    $"task {task.TaskId} {task.State}{(string.IsNullOrEmpty(task.CurrentStage) ? "" : " (" + task.CurrentStage + ")")}, {watch.Elapsed.TotalSeconds:0} s", percent));
                var remaining = options.Timeout - watch.Elapsed;
                await Delay(remaining < options.PollInterval ? (remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero) : options.PollInterval, ct).ConfigureAwait(false);
            }
        }
        finally
        {
            _log.Progress(new AckProgress(ProgressActivityId, activity, "Done", 100, Completed: true));
        }
        result.Duration = watch.Elapsed;
        return result;
    }

    private async Task RequireRoleAsync(string clusterId, AckComponentCatalogEntry entry, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(entry.ServiceRole)) return;
        var grant = (await _roles.CheckAsync([entry.ServiceRole], ct).ConfigureAwait(false)).FirstOrDefault();
        if (grant?.Granted == false)
            throw new AckException(ComponentErrors.ServiceRoleNotGranted, AckErrorKind.PermissionDenied,
                $"{entry.Name} in cluster {clusterId} needs the managed service role {entry.ServiceRole}, which is not granted; nothing was changed.", entry.ServiceRole)
            { RecommendedAction = $"Grant {entry.ServiceRole} to ACK (one-click authorization in the ACK console), then upgrade again." };
        if (grant?.Granted is null)
            _log.Warning($"Could not tell whether {entry.ServiceRole} is granted; upgrading {entry.Name} anyway.");
    }

    private static bool IsClusterNotFound(AlibabaServiceException e) =>
        string.Equals(e.Code, "ErrorClusterNotFound", StringComparison.OrdinalIgnoreCase);
}
