namespace AckHardening.Core.Policies;

/// <summary>Error ids of the apply/backup/restore services, beside those of the planners (Core.Policy.PolicyErrorIds).</summary>
public static class PolicyChangeErrorIds
{
    /// <summary>The recommendation was computed from a default version that is no longer the default.</summary>
    public const string ChangedSinceRecommendation = "AckPolicyChangedSinceRecommendation";
    /// <summary>-VersionId names a version the backup does not hold.</summary>
    public const string VersionNotInBackup = "AckPolicyVersionNotInBackup";
    /// <summary>The change could not be brought to a settled state (it kept moving under us).</summary>
    public const string ChangeNotSettled = "AckPolicyChangeNotSettled";
}
