namespace AckHardening.Audit;

/// <summary>
/// An ActionTrail trail and whether it can serve as usage evidence for a worker role (Get-AckAuditTrail,
/// New-AckAuditTrail). Scalars first so Export-Csv gives a useful file; <see cref="Reasons"/> is the list behind
/// <see cref="ReasonText"/>.
/// </summary>
public sealed class AckAuditTrail
{
    public string Name { get; set; } = "";
    public string? HomeRegion { get; set; }
    /// <summary>DescribeTrails Status: Enable, Disable or Fresh (created, never started).</summary>
    public string? Status { get; set; }
    /// <summary>GetTrailStatus IsLogging.</summary>
    public bool IsLogging { get; set; }
    /// <summary>Which events the trail records: All, Read or Write.</summary>
    public string? EventRW { get; set; }
    /// <summary>All, or the comma-separated regions whose events the trail records.</summary>
    public string? TrailRegion { get; set; }
    /// <summary>The Log Service project the trail delivers to; null without SLS delivery.</summary>
    public string? SlsProject { get; set; }
    /// <summary>Region of <see cref="SlsProject"/> (from the project ARN).</summary>
    public string? SlsRegion { get; set; }
    /// <summary>The logstore ActionTrail writes to: actiontrail_&lt;Name&gt; (null without SLS delivery).</summary>
    public string? Logstore { get; set; }
    public DateTimeOffset? StartLoggingTime { get; set; }
    public DateTimeOffset? StopLoggingTime { get; set; }
    /// <summary>Days of continuous logging up to now (up to the stop time for a stopped trail); 0 when never started.</summary>
    public double LoggingDays { get; set; }
    /// <summary>True when the trail's SLS logstore is sound evidence for Get-AckWorkerRoleActivity.</summary>
    public bool ReadyForAnalysis { get; set; }
    /// <summary>Why the trail is not ready, joined with "; " (empty when ready).</summary>
    public string ReasonText => string.Join("; ", Reasons);
    /// <summary>The region whose coverage was checked (-ClusterId or -Region); null when none was asked for.</summary>
    public string? CheckedRegion { get; set; }
    public string? SlsProjectArn { get; set; }
    public string? SlsWriteRoleArn { get; set; }
    public string? OssBucketName { get; set; }
    public string? TrailArn { get; set; }
    public DateTimeOffset? CreateTime { get; set; }
    public string? LatestDeliveryError { get; set; }
    public string? LatestDeliveryLogServiceError { get; set; }
    public IReadOnlyList<string> Reasons { get; set; } = Array.Empty<string>();

    public override string ToString() => $"{Name} ({(ReadyForAnalysis ? "ready" : "not ready")})";
}
