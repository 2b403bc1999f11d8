namespace AckHardening.Policy;

/// <summary>The ordered RAM calls that apply (or restore) a policy document; empty when nothing needs to change.</summary>
public sealed class AckPolicyChangePlan
{
    public string? ClusterId { get; set; }
    public string? RoleName { get; set; }
    public string PolicyName { get; init; } = "";
    public string PolicyType { get; init; } = "Custom";
    public PolicyChangePlanKind Kind { get; init; }
    public string? CurrentDefaultVersion { get; init; }
    public bool IsNoOp => Steps.Length == 0;
    public int StepCount => Steps.Length;
    /// <summary>One line saying what the plan does, for -WhatIf and logs.</summary>
    public string Summary { get; init; } = "";
    public AckPolicyChangeStep[] Steps { get; init; } = Array.Empty<AckPolicyChangeStep>();
    public string[] Warnings { get; init; } = Array.Empty<string>();
    /// <summary>Current default document against the target document.</summary>
    public AckPolicyDifference[] Differences { get; init; } = Array.Empty<AckPolicyDifference>();
    /// <summary>The document the policy's default version will hold afterwards (null when the policy is detached).</summary>
    public PolicyDocument? TargetDocument { get; init; }

    public override string ToString() => Summary;
}

/// <summary>One RAM API call of a change plan.</summary>
public sealed class AckPolicyChangeStep
{
    public int Order { get; init; }
    public PolicyOperation Operation { get; init; }
    public string PolicyName { get; init; } = "";
    public string PolicyType { get; init; } = "Custom";
    public string? RoleName { get; init; }
    public string? VersionId { get; init; }
    /// <summary>For CreatePolicyVersion.</summary>
    public bool? SetAsDefault { get; init; }
    /// <summary>For CreatePolicyVersion: the minified document to send.</summary>
    public string? PolicyDocument { get; init; }
    /// <summary>What the call does, in words, for -WhatIf.</summary>
    public string Description { get; init; } = "";

    public override string ToString() => Description;
}
