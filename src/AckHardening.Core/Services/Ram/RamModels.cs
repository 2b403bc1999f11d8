namespace AckHardening.Core.Services.Ram;

/// <summary>A RAM role as GetRole returns it (trust policy kept as the JSON string RAM sends).</summary>
public sealed record RamRole(
    string RoleName,
    string? RoleId,
    string? Arn,
    string? Description,
    string? AssumeRolePolicyDocument,
    DateTimeOffset? CreateDate,
    DateTimeOffset? UpdateDate,
    long? MaxSessionDuration);

/// <summary>One policy attached to a role, as ListPoliciesForRole lists it.</summary>
public sealed record RamAttachedPolicy(
    string PolicyName,
    string PolicyType,
    string? Description,
    string? DefaultVersion,
    DateTimeOffset? AttachDate);

/// <summary>One version of a policy. <see cref="PolicyDocument"/> is the JSON text exactly as RAM returned it.</summary>
public sealed record RamPolicyVersion(
    string VersionId,
    bool IsDefaultVersion,
    DateTimeOffset? CreateDate,
    string? PolicyDocument);

/// <summary>A policy's metadata (GetPolicy "Policy").</summary>
public sealed record RamPolicy(
    string PolicyName,
    string PolicyType,
    string? Description,
    string? DefaultVersion,
    DateTimeOffset? CreateDate,
    DateTimeOffset? UpdateDate,
    long? AttachmentCount);

/// <summary>GetPolicy's answer: the policy and its default version (with the document), when RAM included it.</summary>
public sealed record RamPolicyDetail(RamPolicy Policy, RamPolicyVersion? DefaultPolicyVersion);

/// <summary>The two kinds of RAM policy, spelled as the API expects them.</summary>
public static class RamPolicyTypes
{
    public const string Custom = "Custom";
    public const string System = "System";

    /// <summary>Normalises user input ("custom", "SYSTEM") to the API spelling; throws for anything else.</summary>
    public static string Normalize(string policyType) =>
        string.Equals(policyType, Custom, StringComparison.OrdinalIgnoreCase) ? Custom
        : string.Equals(policyType, System, StringComparison.OrdinalIgnoreCase) ? System
        : throw new ArgumentException($"PolicyType must be {Custom} or {System}, not '{policyType}'.", nameof(policyType));
}
