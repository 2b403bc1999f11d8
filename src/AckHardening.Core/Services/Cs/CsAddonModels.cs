namespace AckHardening.Core.Services.Cs;

/// <summary>An item of ListClusterAddonInstances.</summary>
public sealed record CsAddonInstance(string Name, string? Version, string? State);

/// <summary>GetClusterAddonInstance: the instance plus its config, the JSON string CS stores ("" when none).</summary>
public sealed record CsAddonInstanceDetail(string Name, string? Version, string? State, string? Config);

/// <summary>One entry of DescribeAddon newer_versions.</summary>
public sealed record CsAddonNewerVersion(string Version, bool Upgradable, string? MinimumClusterVersion);

/// <summary>DescribeAddon: the addon's metadata and the versions newer than the described one.</summary>
public sealed record CsAddonDescription(
    string Name, string? Version, string? Category, string? ConfigSchema, IReadOnlyList<CsAddonNewerVersion> NewerVersions);

/// <summary>One item of the UpgradeClusterAddons body.</summary>
public sealed record CsAddonUpgradeRequest(string ComponentName, string NextVersion, string? Version = null, string? Config = null, string? Policy = null);

/// <summary>The answer to UpgradeClusterAddons.</summary>
public sealed record CsTaskStarted(string? ClusterId, string TaskId, string? RequestId);

/// <summary>DescribeTaskInfo, reduced to what a caller waits on: the state (running, success, fail; also timeout, canceled) and the error.</summary>
public sealed record CsTaskInfo(
    string TaskId, string? ClusterId, string? TaskType, string State, DateTimeOffset? Created, DateTimeOffset? Updated,
    string? CurrentStage, string? ErrorCode, string? ErrorMessage, IReadOnlyList<CsTaskResult> Results)
{
    public bool IsRunning => !IsSucceeded && !IsFailed;
    public bool IsSucceeded => State.Equals("success", StringComparison.OrdinalIgnoreCase);
    public bool IsFailed => State is var s && (s.Equals("fail", StringComparison.OrdinalIgnoreCase) || s.Equals("failed", StringComparison.OrdinalIgnoreCase)
        || s.Equals("timeout", StringComparison.OrdinalIgnoreCase) || s.Equals("canceled", StringComparison.OrdinalIgnoreCase)
        || s.Equals("cancelled", StringComparison.OrdinalIgnoreCase));
}

/// <summary>An item of task_result: the addon (data) and its status (success, failed, initial).</summary>
public sealed record CsTaskResult(string? Data, string? Status);

/// <summary>An item of CheckServiceRole's answer.</summary>
public sealed record CsServiceRoleState(string Name, bool Granted, string? Message);
