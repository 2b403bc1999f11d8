namespace AckHardening.Policy;

/// <summary>
/// One policy attached to a worker RAM role, with its default version's document. Produced by
/// Get-AckWorkerRolePolicy; piped into Get-AckPolicyAction and the policy cmdlets.
/// </summary>
public sealed class AckWorkerRolePolicy
{
    /// <summary>The cluster whose worker role this is; null when the role was asked for by name.</summary>
    public string? ClusterId { get; set; }
    public string RoleName { get; set; } = "";
    public string PolicyName { get; set; } = "";
    /// <summary>"Custom" or "System".</summary>
    public string PolicyType { get; set; } = "";
    /// <summary>Id of the default version (v1, v2...), the one in <see cref="Document"/>.</summary>
    public string? DefaultVersion { get; set; }
    public DateTimeOffset? AttachDate { get; set; }
    public int StatementCount { get; set; }
    public int ActionCount { get; set; }
    public int WildcardActionCount { get; set; }
    public string? Description { get; set; }
    public string? RegionId { get; set; }
    /// <summary>Size of <see cref="DocumentJson"/> minified, in UTF-8 bytes (RAM allows 6,144).</summary>
    public int DocumentLength { get; set; }
    /// <summary>The policy document exactly as RAM returned it (a backup can be made from this text).</summary>
    public string DocumentJson { get; set; } = "";
    /// <summary>The parsed document.</summary>
    public PolicyDocument? Document { get; set; }

    public override string ToString() => $"{RoleName}/{PolicyName} ({PolicyType} {DefaultVersion})";
}
