namespace AckHardening.Core.Components;

/// <summary>Stable ids (FullyQualifiedErrorId prefixes) of the redeploy and Terway outcomes.</summary>
public static class RedeployErrorIds
{
    public const string WorkloadPaused = "AckWorkloadPaused";
    public const string WorkloadOnDelete = "AckWorkloadOnDelete";
    public const string WorkloadNotFound = "AckWorkloadNotFound";
    public const string RolloutTimedOut = "AckWorkloadRolloutTimedOut";
    public const string RolloutFailed = "AckWorkloadRolloutFailed";
    public const string ComponentUnknown = "AckComponentNotInCatalog";
    public const string TerwayConfigNotFound = "AckTerwayConfigNotFound";
    public const string TerwayConfigInvalid = "AckTerwayConfigInvalid";
    public const string TerwayBackupFailed = "AckTerwayBackupFailed";
}
