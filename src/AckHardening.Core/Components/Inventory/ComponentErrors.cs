namespace AckHardening.Core.Components;

/// <summary>Stable error ids of component inventory, role checks and upgrades (the FullyQualifiedErrorId prefix).</summary>
public static class ComponentErrors
{
    public const string NotInstalled = "AckComponentNotInstalled";
    public const string ServiceRoleNotGranted = "AckServiceRoleNotGranted";
    /// <summary>cluster-autoscaler and anything else the catalog marks as installed through a node pool.</summary>
    public const string NotUpgradable = "AckComponentNotUpgradable";
    public const string Busy = "AckComponentBusy";
    public const string VersionNotAvailable = "AckComponentVersionNotAvailable";
    public const string UpToDate = "AckComponentUpToDate";
    public const string UpgradeFailed = "AckComponentUpgradeFailed";
    public const string UpgradeTimedOut = "AckComponentUpgradeTimedOut";
    public const string UpgradeSkipped = "AckComponentUpgradeSkipped";
    public const string ConfigInvalid = "AckComponentConfigInvalid";
    public const string TaskNotFound = "AckTaskNotFound";
    public const string KubernetesAccessUnavailable = "AckKubernetesAccessUnavailable";

    /// <summary>
    /// CS answers 404 both for an unknown cluster (ErrorClusterNotFound, kept as it is) and for an addon that is not
    /// installed; the latter becomes <see cref="NotInstalled"/>. Anything else is returned unchanged.
    /// </summary>
    public static Exception MapAddonNotFound(Exception error, string clusterId, string component) =>
        error is Http.AlibabaServiceException { StatusCode: System.Net.HttpStatusCode.NotFound } e
        && !string.Equals(e.Code, "ErrorClusterNotFound", StringComparison.OrdinalIgnoreCase)
            ? new Errors.AckException(NotInstalled, Errors.AckErrorKind.ObjectNotFound,
                $"{component} is not installed in cluster {clusterId} (CS {e.Code}, RequestId {e.RequestId}).", component, e)
            { RecommendedAction = "Run Get-AckComponent to list what the cluster has installed." }
            : error;
}
