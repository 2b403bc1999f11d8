using AckHardening.Audit;
using AckHardening.Core.Services.ActionTrail;

namespace AckHardening.Core.Audit.Trails;

/// <summary>
/// Whether a trail's Log Service logstore is sound usage evidence for a worker role. A trail is ready when it logs
/// now, has logged for at least <see cref="MinimumDays"/>, records read and write events (the worker role's
/// Describe*/Get* calls are read events: a write-only trail would make every read permission look unused), covers
/// the cluster's region, and delivers to Log Service.
/// </summary>
public sealed record TrailReadinessRules
{
    public static TrailReadinessRules Default { get; } = new();

    /// <summary>Same floor as the coverage rules: a shorter window misses weekly jobs.</summary>
    public double MinimumDays { get; init; } = ActivityCoverageRules.Default.MinimumDays;

    /// <summary>Builds the user-facing trail with its readiness and reasons.</summary>
    /// <param name="trail">From DescribeTrails.</param>
    /// <param name="status">From GetTrailStatus; null when it could not be read (then the trail counts as not logging).</param>
    /// <param name="regionToCover">The cluster's region to check against TrailRegion; null for no check.</param>
    /// <param name="now">The current time.</param>
    public AckAuditTrail Evaluate(ActionTrailTrail trail, ActionTrailStatus? status, string? regionToCover, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(trail);
        var isLogging = status?.IsLogging ?? false;
        var start = status?.StartLoggingTime ?? trail.StartLoggingTime;
        var stop = status?.StopLoggingTime ?? trail.StopLoggingTime;
        var days = LoggingDays(isLogging, start, stop, now);
        var hasSls = ActionTrailNames.TryParseSlsProjectArn(trail.SlsProjectArn, out var slsRegion, out var project);

        var reasons = new List<string>();
        if (!isLogging)
            reasons.Add(status is null
                ? "The trail's status could not be read, so it is not known to be logging."
                : $"The trail is not logging (Status {trail.Status ?? "unknown"}{(stop is { } s && start is { } st && s > st ? $", stopped {s.UtcDateTime:yyyy-MM-dd HH:mm}Z" : "")}).");
        if (days < MinimumDays)
            reasons.Add($"The trail has logged for {days:0.#} days; at least {MinimumDays:0.#} are needed.");
        var rw = trail.EventRW ?? "";
        if (!rw.Equals("All", StringComparison.OrdinalIgnoreCase))
            reasons.Add(rw.Equals("Write", StringComparison.OrdinalIgnoreCase)
                ? "EventRW is Write: the trail records no read events, but the worker role's Describe*/Get* calls are read events, so every read permission would look unused."
                : $"EventRW is {(rw.Length == 0 ? "not set" : rw)}, not All: calls of the kinds it does not record would look unused.");
        if (regionToCover is { Length: > 0 } && !CoversRegion(trail.TrailRegion, regionToCover))
            reasons.Add($"The trail records {trail.TrailRegion ?? "no region"}, not the cluster's region {regionToCover}.");
        if (!hasSls)
            reasons.Add(string.IsNullOrEmpty(trail.SlsProjectArn)
                ? "The trail does not deliver to Log Service (no SLS project), so its events cannot be queried."
                : $"The trail's SLS project ARN '{trail.SlsProjectArn}' cannot be read.");

        return new AckAuditTrail
        {
            Name = trail.Name,
            HomeRegion = trail.HomeRegion,
            Status = trail.Status,
            IsLogging = isLogging,
            EventRW = trail.EventRW,
            TrailRegion = trail.TrailRegion,
            SlsProject = hasSls ? project : null,
            SlsRegion = hasSls ? slsRegion : null,
            Logstore = hasSls ? Sls.SlsActivityQuery.LogstoreForTrail(trail.Name) : null,
            StartLoggingTime = start,
            StopLoggingTime = stop,
            LoggingDays = Math.Round(days, 3),
            ReadyForAnalysis = reasons.Count == 0,
            Reasons = reasons,
            CheckedRegion = string.IsNullOrEmpty(regionToCover) ? null : regionToCover,
            SlsProjectArn = trail.SlsProjectArn,
            SlsWriteRoleArn = trail.SlsWriteRoleArn,
            OssBucketName = trail.OssBucketName,
            TrailArn = trail.TrailArn,
            CreateTime = trail.CreateTime,
            LatestDeliveryError = status?.LatestDeliveryError,
            LatestDeliveryLogServiceError = status?.LatestDeliveryLogServiceError,
        };
    }

    /// <summary>Days of logging: up to now while logging, up to the stop time once stopped, 0 before any start.</summary>
    public static double LoggingDays(bool isLogging, DateTimeOffset? start, DateTimeOffset? stop, DateTimeOffset now)
    {
        if (start is not { } s || s > now) return 0;
        if (isLogging) return (now - s).TotalDays;
        return stop is { } t && t > s ? ((t > now ? now : t) - s).TotalDays : 0;
    }

    /// <summary>TrailRegion is "All" or a comma-separated list of regions.</summary>
    public static bool CoversRegion(string? trailRegion, string region)
    {
        if (string.IsNullOrWhiteSpace(trailRegion)) return false;
        return trailRegion.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Any(r => r.Equals("All", StringComparison.OrdinalIgnoreCase) || r.Equals(region, StringComparison.OrdinalIgnoreCase));
    }
}
