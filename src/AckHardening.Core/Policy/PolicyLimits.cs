namespace AckHardening.Core.Policy;

/// <summary>RAM limits that matter when writing policies.</summary>
public static class PolicyLimits
{
    /// <summary>
    /// Maximum policy document size. RAM's texts disagree on characters vs bytes; measuring the minified document in
    /// UTF-8 bytes satisfies both.
    /// </summary>
    public const int MaxDocumentBytes = 6144;
    /// <summary>Versions per custom policy (not adjustable).</summary>
    public const int MaxPolicyVersions = 5;
    /// <summary>The only policy language version RAM accepts.</summary>
    public const string PolicyLanguageVersion = "1";
}
