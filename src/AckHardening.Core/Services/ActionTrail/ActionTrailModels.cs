namespace AckHardening.Core.Services.ActionTrail;

/// <summary>One trail as DescribeTrails returns it (ActionTrail 2020-07-06).</summary>
public sealed record ActionTrailTrail(
    string Name,
    string? HomeRegion,
    string? TrailRegion,
    string? EventRW,
    string? Status,
    string? SlsProjectArn,
    string? SlsWriteRoleArn,
    string? OssBucketName,
    string? TrailArn,
    bool IsOrganizationTrail,
    DateTimeOffset? CreateTime,
    DateTimeOffset? UpdateTime,
    DateTimeOffset? StartLoggingTime,
    DateTimeOffset? StopLoggingTime);

/// <summary>GetTrailStatus: whether the trail records now, and its last delivery results.</summary>
public sealed record ActionTrailStatus(
    bool IsLogging,
    DateTimeOffset? StartLoggingTime,
    DateTimeOffset? StopLoggingTime,
    string? LatestDeliveryError,
    string? LatestDeliveryLogServiceError,
    DateTimeOffset? LatestDeliveryLogServiceTime,
    string? SlsLogStoreStatus);

/// <summary>CreateTrail parameters. At least one delivery target is required; this module only delivers to SLS.</summary>
public sealed record CreateTrailParameters(string Name, string SlsProjectArn)
{
    /// <summary>All (the module's default: reads are the evidence), Read or Write.</summary>
    public string EventRW { get; init; } = "All";
    /// <summary>The role ActionTrail writes to SLS with; ActionTrail uses its service-linked role when null.</summary>
    public string? SlsWriteRoleArn { get; init; }
    /// <summary>All, or comma-separated regions.</summary>
    public string TrailRegion { get; init; } = "All";
}

/// <summary>What CreateTrail echoes back.</summary>
public sealed record CreatedTrail(string Name, string? HomeRegion, string? EventRW, string? TrailRegion, string? SlsProjectArn, string? RequestId);
