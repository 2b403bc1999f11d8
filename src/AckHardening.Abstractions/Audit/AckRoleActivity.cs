namespace AckHardening.Audit;

/// <summary>Where usage evidence came from.</summary>
public enum ActivitySource
{
    Sls,
    LookupEvents,
    File,
}

/// <summary>
/// What one role was seen calling: one object per (role, action). Produced by Get-AckWorkerRoleActivity,
/// consumed by Get-AckPolicyRecommendation and Test-AckPolicyAccess.
/// </summary>
public sealed class AckRoleActivity
{
    public string? ClusterId { get; set; }
    public string RoleName { get; set; } = "";
    /// <summary>ActionTrail serviceName as recorded (e.g. "Ecs").</summary>
    public string ServiceName { get; set; } = "";
    /// <summary>ActionTrail eventName (the API name, e.g. "DescribeInstances").</summary>
    public string EventName { get; set; } = "";
    /// <summary>The RAM action, <c>&lt;ramcode&gt;:&lt;ApiName&gt;</c>, e.g. "ecs:DescribeInstances".</summary>
    public string Action { get; set; } = "";
    /// <summary>Calls that succeeded or failed for reasons other than a permission denial.</summary>
    public long Count { get; set; }
    /// <summary>Calls refused for missing permission: the role wanted this action and did not get it.</summary>
    public long DeniedCount { get; set; }
    /// <summary>
    /// Part of <see cref="Count"/> that failed with a non-permission error (throttling, bad parameter...):
    /// the call passed authorization, so the action is still needed.
    /// </summary>
    public long ErrorCount { get; set; }
    public DateTimeOffset? FirstSeen { get; set; }
    public DateTimeOffset? LastSeen { get; set; }
    public ActivitySource Source { get; set; }

    public override string ToString() => $"{RoleName} {Action} x{Count}";
}
