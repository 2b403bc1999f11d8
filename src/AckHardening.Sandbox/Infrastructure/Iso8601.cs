using System.Globalization;

namespace AckHardening.Sandbox.Infrastructure;

/// <summary>The date formats the Alibaba APIs use on the wire.</summary>
public static class Iso8601
{
    /// <summary>UTC, seconds precision, trailing Z: 2015-01-23T12:33:18Z (RAM, STS, x-acs-date).</summary>
    public static string Seconds(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static bool TryParseSeconds(string? text, out DateTimeOffset value) =>
        DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);

    /// <summary>Lenient parse for scenario files (any ISO 8601 form).</summary>
    public static DateTimeOffset ParseScenario(string? text, DateTimeOffset fallback) =>
        string.IsNullOrWhiteSpace(text) ? fallback
            : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
