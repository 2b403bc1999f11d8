namespace AckHardening.Policy;

/// <summary>
/// One action of one statement of a worker-role policy: the flat, CSV-friendly view of a policy document
/// produced by Get-AckPolicyAction (one object per Action or NotAction entry).
/// </summary>
public sealed class AckPolicyAction
{
    public string? ClusterId { get; set; }
    public string RoleName { get; set; } = "";
    public string PolicyName { get; set; } = "";
    /// <summary>0-based position of the statement in the document.</summary>
    public int StatementIndex { get; set; }
    public string? Effect { get; set; }
    /// <summary>The action as written, e.g. "ecs:DescribeInstances" or "log:*".</summary>
    public string Action { get; set; } = "";
    /// <summary>The statement's resources joined with ", ".</summary>
    public string Resource { get; set; } = "";
    public bool HasCondition { get; set; }
    /// <summary>True when the action contains * or ?.</summary>
    public bool IsWildcard { get; set; }
    /// <summary>True when the entry comes from NotAction (the statement applies to everything except it).</summary>
    public bool IsNotAction { get; set; }
    /// <summary>The RAM service code before the colon ("ecs", "log"); empty for a bare "*".</summary>
    public string Service { get; set; } = "";
    public string? PolicyType { get; set; }
    public string? VersionId { get; set; }
    /// <summary>The statement's NotResource entries joined with ", " (rare).</summary>
    public string? NotResource { get; set; }

    public override string ToString() => $"{(IsNotAction ? "NotAction " : "")}{Effect} {Action} on {Resource}";
}
