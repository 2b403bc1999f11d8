namespace AckHardening.Sandbox.Services.ActionTrail;

/// <summary>A trail of the scenario account. Mutated only under <see cref="ActionTrailStore.Gate"/>.</summary>
public sealed class Trail
{
    public required string Name { get; init; }
    public required string HomeRegion { get; init; }
    public required string TrailRegion { get; set; }
    /// <summary>All | Read | Write.</summary>
    public required string EventRW { get; set; }
    public string? SlsProjectArn { get; set; }
    public string? SlsWriteRoleArn { get; set; }
    public string? OssBucketName { get; set; }
    public string? OssKeyPrefix { get; set; }
    public string? OssWriteRoleArn { get; set; }
    public bool IsOrganizationTrail { get; init; }
    public required string AccountUid { get; init; }
    public required DateTimeOffset CreateTime { get; init; }
    public DateTimeOffset UpdateTime { get; set; }
    /// <summary>Every period the trail delivered, oldest first; the last has no end while logging.</summary>
    public List<(DateTimeOffset Start, DateTimeOffset? End)> LoggingPeriods { get; } = new();

    public bool IsLogging => LoggingPeriods.Count > 0 && LoggingPeriods[^1].End is null;
    public DateTimeOffset? StartLoggingTime => LoggingPeriods.Count > 0 ? LoggingPeriods[^1].Start : null;
    public DateTimeOffset? StopLoggingTime => LoggingPeriods.LastOrDefault(p => p.End is not null).End;
    /// <summary>Fresh until first started, then Enable / Disable.</summary>
    public string Status => LoggingPeriods.Count == 0 ? "Fresh" : IsLogging ? "Enable" : "Disable";

    /// <summary>The SLS project named by <see cref="SlsProjectArn"/> (acs:log:&lt;region&gt;:&lt;uid&gt;:project/&lt;name&gt;).</summary>
    public (string Region, string Uid, string Project)? SlsTarget => ParseProjectArn(SlsProjectArn);

    public string Logstore => "actiontrail_" + Name;
    public string Arn => $"acs:actiontrail:{HomeRegion}:{AccountUid}:trail/{Name}";

    /// <summary>Whether an event reached this trail: inside a logging period, of the trail's read/write kind, in its regions.</summary>
    public bool Delivers(DateTimeOffset time, string? eventRW, string? region)
    {
        if (EventRW != "All" && !string.Equals(EventRW, eventRW, StringComparison.OrdinalIgnoreCase)) return false;
        if (TrailRegion != "All" && region is not null && !TrailRegion.Split(',', StringSplitOptions.TrimEntries).Contains(region, StringComparer.Ordinal)) return false;
        foreach (var (start, end) in LoggingPeriods)
            if (time >= start && (end is null || time < end)) return true;
        return false;
    }

    public static (string Region, string Uid, string Project)? ParseProjectArn(string? arn)
    {
        if (string.IsNullOrEmpty(arn)) return null;
        var parts = arn.Split(':');
        if (parts.Length != 5 || parts[0] != "acs" || parts[1] != "log" || parts[2].Length == 0 || parts[3].Length == 0
            || !parts[4].StartsWith("project/", StringComparison.Ordinal) || parts[4].Length == "project/".Length)
            return null;
        return (parts[2], parts[3], parts[4]["project/".Length..]);
    }
}
