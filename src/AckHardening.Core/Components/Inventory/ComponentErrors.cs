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
}
