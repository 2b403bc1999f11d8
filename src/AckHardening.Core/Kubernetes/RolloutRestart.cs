using System.Globalization;
using k8s.Models;

namespace AckHardening.Core.Kubernetes;

/// <summary>What a restart request for one workload comes to.</summary>
public enum RestartOutcome
{
    /// <summary>Send the patch; the controller replaces the pods.</summary>
    Patch,
    /// <summary>The patch is accepted but an OnDelete update strategy leaves the running pods in place.</summary>
    PatchWithoutRollout,
    /// <summary>A paused Deployment: kubectl refuses until the rollout is resumed.</summary>
    RefusedPaused,
    /// <summary>The annotation already holds this second's timestamp, so the patch would be empty.</summary>
    RefusedAlreadyRestarted,
}

/// <summary>The patch to send for a restart, or why none should be sent.</summary>
public sealed record RolloutRestartPlan(RestartOutcome Outcome, string? PatchBody, string RestartedAt, string Message)
{
    public bool CanPatch => Outcome is RestartOutcome.Patch or RestartOutcome.PatchWithoutRollout;

    /// <summary>False when the patch would not replace pods (OnDelete) or no patch is sent.</summary>
    public bool RollsPods => Outcome == RestartOutcome.Patch;
}

/// <summary>
/// The request kubectl rollout restart makes: a strategic-merge patch that sets the pod template's
/// kubectl.kubernetes.io/restartedAt annotation to the current time, sent with field manager kubectl-rollout.
/// </summary>
public static class RolloutRestart
{
    public const string AnnotationKey = "kubectl.kubernetes.io/restartedAt";
    public const string FieldManager = "kubectl-rollout";
    public const string PatchContentType = "application/strategic-merge-patch+json";
    private const string OnDelete = "OnDelete";

    /// <summary>RFC 3339 at second precision with the caller's offset, "Z" for UTC (as Go's time.RFC3339 prints).</summary>
    public static string FormatTimestamp(DateTimeOffset at)
    {
        var seconds = at.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        if (at.Offset == TimeSpan.Zero)
            return seconds + "Z";
        var offset = at.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        offset = offset.Duration();
        return string.Create(CultureInfo.InvariantCulture, $"{seconds}{sign}{offset.Hours:00}:{offset.Minutes:00}");
    }

    /// <summary>The exact patch body for a restartedAt value (the value is a timestamp: no JSON escaping needed).</summary>
    public static string BuildPatch(string restartedAt)
    {
        if (restartedAt.Any(c => c is '"' or '\\' || char.IsControl(c)))
            throw new ArgumentException("The restartedAt value must be a plain RFC 3339 timestamp.", nameof(restartedAt));
        return "{\"spec\":{\"template\":{\"metadata\":{\"annotations\":{\"" + AnnotationKey + "\":\"" + restartedAt + "\"}}}}}";
    }

    public static RolloutRestartPlan Plan(V1Deployment deployment, DateTimeOffset now)
    {
        var at = FormatTimestamp(now);
        if (deployment.Spec?.Paused == true)
            return new(RestartOutcome.RefusedPaused, null, at,
                $"Deployment {Describe(deployment.Metadata)} is paused; resume its rollout before restarting it.");
        return PlanTemplate(deployment.Spec?.Template, deployment.Metadata, "Deployment", null, at);
    }

    public static RolloutRestartPlan Plan(V1DaemonSet daemonSet, DateTimeOffset now) =>
        PlanTemplate(daemonSet.Spec?.Template, daemonSet.Metadata, "DaemonSet", daemonSet.Spec?.UpdateStrategy?.Type, FormatTimestamp(now));

    public static RolloutRestartPlan Plan(V1StatefulSet statefulSet, DateTimeOffset now) =>
        PlanTemplate(statefulSet.Spec?.Template, statefulSet.Metadata, "StatefulSet", statefulSet.Spec?.UpdateStrategy?.Type, FormatTimestamp(now));

    private static RolloutRestartPlan PlanTemplate(V1PodTemplateSpec? template, V1ObjectMeta? metadata, string kind, string? strategy, string at)
    {
        var name = Describe(metadata);
        if (template?.Metadata?.Annotations is { } annotations
            && annotations.TryGetValue(AnnotationKey, out var previous) && previous == at)
            return new(RestartOutcome.RefusedAlreadyRestarted, null, at,
                $"{kind} {name} was already restarted at {at}; wait a second before restarting it again.");

        var patch = BuildPatch(at);
        if (string.Equals(strategy, OnDelete, StringComparison.Ordinal))
            return new(RestartOutcome.PatchWithoutRollout, patch, at,
                $"{kind} {name} uses the OnDelete update strategy: the restart is recorded but running pods are replaced only when they are deleted.");
        return new(RestartOutcome.Patch, patch, at, $"Restarting {kind} {name}.");
    }

    private static string Describe(V1ObjectMeta? metadata) =>
        metadata is null ? "(unnamed)" : $"{metadata.NamespaceProperty}/{metadata.Name}";
}
