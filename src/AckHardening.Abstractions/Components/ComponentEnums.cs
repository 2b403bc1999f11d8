namespace AckHardening.Components;

/// <summary>The procedure doc's table groups; used for ordering and filtering.</summary>
public enum ComponentCategory
{
    Monitoring,
    Networking,
    Storage,
    Logging,
    Security,
    Autoscaling,
}

/// <summary>Where a component's installed version is read from.</summary>
public enum VersionSource
{
    /// <summary>CS component management (ListClusterAddonInstances / GetClusterAddonInstance).</summary>
    AddonApi,
    /// <summary>The image tag of a named container in the component's workload (cluster-autoscaler).</summary>
    ImageTag,
}

/// <summary>Machine-readable meaning of a catalog remark.</summary>
public enum RemarkKind
{
    /// <summary>Grant the component's managed service role before upgrading it.</summary>
    GrantServiceRoleFirst,
    /// <summary>The component is deprecated in favour of CSI; migrate rather than keep it.</summary>
    MigrateToCsi,
    /// <summary>Set the ACR helper's tokenMode to managedRole when it would otherwise use the worker role.</summary>
    SetTokenMode,
    /// <summary>Installed and upgraded through node-pool autoscaling, not component management.</summary>
    InstalledThroughNodePool,
    /// <summary>After upgrading, check that eni-config carries the token credential path.</summary>
    CheckTerwayConfig,
}

/// <summary>How well the reference supports a component's managed service role.</summary>
public enum ServiceRoleEvidence
{
    /// <summary>Stated by the procedure doc or an API example.</summary>
    Documented,
    /// <summary>Worked out from role descriptions, policy contents or token Secret names.</summary>
    Derived,
    /// <summary>No source found; treat as a lead only.</summary>
    Unverified,
}

/// <summary>Where an installed component was found.</summary>
public enum ComponentSource
{
    AddonApi,
    Workload,
}

/// <summary>How an installed component stands against its catalog minimum.</summary>
public enum ComplianceStatus
{
    Compliant,
    UpgradeRequired,
    NotInstalled,
    Unknown,
}

/// <summary>What the procedure asks for next for one component.</summary>
public enum ComponentNextStep
{
    None,
    Redeploy,
    Upgrade,
    GrantServiceRole,
    MigrateToCsi,
    SetTokenMode,
}

/// <summary>Kinds of workload the procedure restarts.</summary>
public enum WorkloadKind
{
    Deployment,
    DaemonSet,
    StatefulSet,
}

/// <summary>Outcome of restarting one workload and waiting for its rollout.</summary>
public enum RedeployStatus
{
    Succeeded,
    TimedOut,
    Failed,
    Skipped,
}
