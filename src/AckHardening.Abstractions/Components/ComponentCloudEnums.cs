namespace AckHardening.Components;

/// <summary>How a service role grant was determined.</summary>
public enum ServiceRoleCheckSource
{
    /// <summary>Neither check answered.</summary>
    None,
    /// <summary>CS CheckServiceRole.</summary>
    CheckServiceRole,
    /// <summary>RAM GetRole (the fallback when CheckServiceRole fails): the role exists or it does not.</summary>
    RamGetRole,
}

/// <summary>What the role's token Secret (kube-system/addon.*.token) holds.</summary>
public enum ServiceRoleTokenStatus
{
    /// <summary>The Kubernetes API was not available, so the Secret was not read.</summary>
    NotChecked,
    /// <summary>Credentials that have not expired.</summary>
    Valid,
    /// <summary>An error object: ACK could not assume the role.</summary>
    Error,
    /// <summary>Credentials whose expiration has passed (ACK refreshes them; a stale token suggests a problem).</summary>
    Expired,
    /// <summary>No token Secret for the role exists.</summary>
    Missing,
    /// <summary>The Secret exists but its content is not a token document.</summary>
    Unreadable,
}

/// <summary>Outcome of one component upgrade task.</summary>
public enum ComponentUpgradeStatus
{
    Succeeded,
    Failed,
    TimedOut,
}
