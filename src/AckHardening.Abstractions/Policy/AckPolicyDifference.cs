namespace AckHardening.Policy;

/// <summary>One difference between a reference and a difference document (Compare-AckPolicy).</summary>
public sealed class AckPolicyDifference
{
    public string? PolicyName { get; set; }
    /// <summary>"&lt;=" only in the reference (removed), "=&gt;" only in the difference (added), "&lt;&gt;" changed, "==" in both (when asked for) — as Compare-Object.</summary>
    public string SideIndicator { get; init; } = "";
    public PolicyChangeKind Change { get; init; }
    /// <summary>Which element: Action, NotAction, Resource, NotResource, Condition, Effect, Statement, Version, Field.</summary>
    public string Element { get; init; } = "";
    /// <summary>The action (or resource, or field name) that differs.</summary>
    public string? Action { get; init; }
    public string? Effect { get; init; }
    public string? Sid { get; init; }
    /// <summary>Statement index in the reference document (-1 when the statement is new).</summary>
    public int StatementIndex { get; init; } = -1;
    /// <summary>Statement index in the difference document (-1 when the statement was removed).</summary>
    public int DifferenceStatementIndex { get; init; } = -1;
    public string? ReferenceValue { get; init; }
    public string? DifferenceValue { get; init; }

    public override string ToString() => $"{SideIndicator} {Element} {Action}";
}
