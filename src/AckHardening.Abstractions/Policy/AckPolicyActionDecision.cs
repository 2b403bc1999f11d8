namespace AckHardening.Policy;

/// <summary>The recommendation's decision for one action entry of a policy (one row per entry, CSV-flat).</summary>
public sealed class AckPolicyActionDecision
{
    public string? ClusterId { get; set; }
    public string? RoleName { get; set; }
    public string? PolicyName { get; set; }
    /// <summary>The action entry as written in the policy (may be a wildcard), or the wanted action for NotAdded.</summary>
    public string Action { get; init; } = "";
    public PolicyActionChange Decision { get; init; }
    public PolicyActionReason Reason { get; init; }
    /// <summary>Successful calls covered by the entry.</summary>
    public long Count { get; init; }
    /// <summary>Refused calls covered by the entry.</summary>
    public long DeniedCount { get; init; }
    public DateTimeOffset? LastSeen { get; init; }
    /// <summary>Statement index in the current document; -1 when the action is not in the policy.</summary>
    public int StatementIndex { get; init; }
    /// <summary>Human-readable detail: the KeepAction pattern that matched, the actions a wildcard was narrowed to...</summary>
    public string? Detail { get; init; }
    /// <summary>For Narrow: the used actions that replace the wildcard.</summary>
    public string[] ReplacedBy { get; init; } = Array.Empty<string>();

    public override string ToString() => $"{Decision} {Action} ({Reason})";
}
