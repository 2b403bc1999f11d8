namespace AckHardening.Policy;

/// <summary>How a (candidate) policy treats one observed action (Test-AckPolicyAccess).</summary>
public sealed class AckPolicyAccessFinding
{
    public string? ClusterId { get; set; }
    public string? RoleName { get; set; }
    public string? PolicyName { get; set; }
    public string Action { get; init; } = "";
    public PolicyAccessDecision Decision { get; init; }
    /// <summary>True when the candidate would refuse calls the role made successfully.</summary>
    public bool WouldBreak => Decision is PolicyAccessDecision.Denied or PolicyAccessDecision.ImplicitDeny;
    public long Count { get; init; }
    public DateTimeOffset? LastSeen { get; init; }
    /// <summary>The deciding statement (-1 when none did); with several documents see DocumentIndex.</summary>
    public int StatementIndex { get; init; } = -1;
    public int DocumentIndex { get; init; } = -1;
    public string? Reason { get; init; }

    public override string ToString() => $"{Action}: {Decision}";
}
