using System.Globalization;

namespace AckHardening.Sandbox.Services.Sls;

/// <summary>
/// One stored log: its time (Unix seconds, <c>__time__</c>), source (<c>__source__</c>) and indexed string fields
/// (for ActionTrail: <c>__topic__</c>, <c>owner_id</c>, <c>event</c> and the flattened <c>event.*</c> keys).
/// </summary>
public sealed class SlsLogRow(long time, string source, IReadOnlyDictionary<string, string> fields)
{
    public const string TimeField = "__time__";
    public const string SourceField = "__source__";

    public long Time { get; } = time;
    public string Source { get; } = source;
    public IReadOnlyDictionary<string, string> Fields { get; } = fields;

    /// <summary>The value as text, including the reserved fields; null when the log has no such key.</summary>
    public string? Text(string field) => field switch
    {
        TimeField => Time.ToString(CultureInfo.InvariantCulture),
        SourceField => Source,
        _ => Fields.TryGetValue(field, out var v) ? v : null,
    };
}
