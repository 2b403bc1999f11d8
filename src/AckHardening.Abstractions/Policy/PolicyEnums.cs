namespace AckHardening.Policy;

/// <summary>What a policy says about one request, as far as it can be decided offline.</summary>
public enum PolicyAccessDecision
{
    /// <summary>An Allow statement without Condition covers the request and no Deny applies.</summary>
    Allowed,
    /// <summary>A Deny statement without Condition covers the request: explicit deny wins.</summary>
    Denied,
    /// <summary>No statement allows the request.</summary>
    ImplicitDeny,
    /// <summary>Only a statement with a Condition (or a resource scope the request did not name) allows it, or a
    /// conditional Deny might refuse it: the outcome depends on request context not known offline.</summary>
    AllowedWithCondition,
}

/// <summary>What the recommendation does with one action entry.</summary>
public enum PolicyActionChange
{
    Keep,
    Remove,
    /// <summary>A wildcard replaced by the used actions it covers.</summary>
    Narrow,
    /// <summary>Not granted and not added: the policy is never widened.</summary>
    NotAdded,
}

/// <summary>Why the recommendation decided what it did.</summary>
public enum PolicyActionReason
{
    /// <summary>Observed successful calls are covered by the entry.</summary>
    Used,
    /// <summary>No observed successful call is covered by the entry.</summary>
    Unused,
    /// <summary>A KeepAction pattern protects the entry.</summary>
    KeptByRule,
    /// <summary>The role asked for the action and was refused; it is reported, never added.</summary>
    DeniedButWanted,
    /// <summary>The statement has a Condition, which cannot be judged from usage; kept as written.</summary>
    Conditional,
    /// <summary>Deny statements only ever take permission away; kept as written.</summary>
    DenyStatement,
    /// <summary>A NotAction statement grants an open-ended set that usage cannot enumerate; kept as written.</summary>
    NotActionStatement,
}

/// <summary>Finding severity: an Error stops the document from being sent.</summary>
public enum PolicyFindingSeverity
{
    Error,
    Warning,
}

/// <summary>Kind of a difference between two documents.</summary>
public enum PolicyChangeKind
{
    Added,
    Removed,
    Changed,
    /// <summary>The same in both documents (only listed when equal elements are asked for, SideIndicator "==").</summary>
    Unchanged,
}

/// <summary>RAM API operations a change plan can contain (names are the RAM API action names).</summary>
public enum PolicyOperation
{
    DeletePolicyVersion,
    CreatePolicyVersion,
    SetDefaultPolicyVersion,
    AttachPolicyToRole,
    DetachPolicyFromRole,
}

/// <summary>What a change plan is for.</summary>
public enum PolicyChangePlanKind
{
    Apply,
    Restore,
}
