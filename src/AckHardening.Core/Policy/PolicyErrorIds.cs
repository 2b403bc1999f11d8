namespace AckHardening.Core.Policy;

/// <summary>Stable error ids raised by the policy engines (FullyQualifiedErrorId prefixes).</summary>
public static class PolicyErrorIds
{
    public const string Invalid = "AckPolicyInvalid";
    public const string EmptyProposal = "AckPolicyEmptyProposal";
    public const string VersionLimit = "AckPolicyVersionLimit";
    public const string NotBackedUp = "AckPolicyNotBackedUp";
    public const string NotCustom = "AckPolicyNotCustom";
    public const string Drift = "AckPolicyChangedSinceBackup";
    public const string BackupInvalid = "AckPolicyBackupInvalid";
    public const string BackupNotFound = "AckPolicyBackupNotFound";
    public const string BackupWriteFailed = "AckPolicyBackupWriteFailed";
    public const string BackupMismatch = "AckPolicyBackupMismatch";
    public const string RecommendationUnsafe = "AckPolicyRecommendationUnsafe";
}
