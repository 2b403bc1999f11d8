using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AckHardening.Sandbox.State;

namespace AckHardening.Sandbox.Services.ActionTrail;

/// <summary>actiontrail.json: the account's trails and the seeded activity that fills event history and trail logstores.</summary>
public sealed class ActionTrailScenarioFile
{
    public List<TrailDefinition> Trails { get; set; } = new();
    public ActivityDefinition? Activity { get; set; }
}

public sealed class TrailDefinition
{
    public string Name { get; set; } = "";
    public string? HomeRegion { get; set; }
    public string TrailRegion { get; set; } = "All";
    public string EventRW { get; set; } = "Write";
    public string? SlsProjectArn { get; set; }
    public string? SlsWriteRoleArn { get; set; }
    public string? OssBucketName { get; set; }
    public string? OssKeyPrefix { get; set; }
    public string? OssWriteRoleArn { get; set; }
    public bool IsOrganizationTrail { get; set; }
    /// <summary>ISO 8601 or relative to the scenario's anchor hour ("-14d", "-36h", "-90m").</summary>
    public string? CreateTime { get; set; }
    /// <summary>Null: never started (Status Fresh).</summary>
    public string? StartLoggingTime { get; set; }
    /// <summary>Null while logging; set: stopped then (Status Disable).</summary>
    public string? StopLoggingTime { get; set; }
}

/// <summary>
/// The generator spec (AckHardening.Core.Audit.Generation.ActivitySpec as JSON) and where its window ends:
/// "now" (default: the scenario's anchor hour, i.e. load time rounded down to the hour) or an ISO time.
/// </summary>
public sealed class ActivityDefinition
{
    public string WindowEnd { get; set; } = "now";
    public JsonNode? Spec { get; set; }
}

/// <summary>Scenario times: absolute ISO 8601, or an offset from the anchor such as "-14d", "-36h", "-90m", "now".</summary>
public static partial class ScenarioTime
{
    /// <summary>Load time rounded down to the hour, so generated hours and trail start times line up exactly.</summary>
    public static DateTimeOffset Anchor(DateTimeOffset loadedAt) =>
        new(loadedAt.UtcTicks / TimeSpan.TicksPerHour * TimeSpan.TicksPerHour, TimeSpan.Zero);

    public static DateTimeOffset? Parse(string? text, DateTimeOffset anchor, string what)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (text.Equals("now", StringComparison.OrdinalIgnoreCase)) return anchor;
        var m = Relative().Match(text);
        if (m.Success)
        {
            var n = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            return anchor + m.Groups[2].Value switch { "d" => TimeSpan.FromDays(n), "h" => TimeSpan.FromHours(n), _ => TimeSpan.FromMinutes(n) };
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)) return t;
        throw new ScenarioException($"actiontrail.json: {what} '{text}' is neither ISO 8601 nor a relative time like -14d.");
    }

    [GeneratedRegex(@"^([+-]\d+(?:\.\d+)?)([dhm])$")] private static partial Regex Relative();
}
