using System.IO.Compression;
using System.Text.Json;

namespace AckHardening.Core.Audit.Generation;

/// <summary>How generated event files are encoded.</summary>
public enum ActivityFileFormat
{
    /// <summary>A gzip-compressed JSON array of events per file (the default: ActionTrail delivers "compressed JSON").</summary>
    GzipJsonArray,
    /// <summary>gzip-compressed, one event per line.</summary>
    GzipNdjson,
    /// <summary>Uncompressed JSON array.</summary>
    JsonArray,
    /// <summary>Uncompressed, one event per line.</summary>
    Ndjson,
}

/// <summary>What the writer produced.</summary>
public sealed class ActivityGenerationResult
{
    public required GeneratedExpectation Expected { get; init; }
    public required IReadOnlyList<string> Files { get; init; }
    public long CompressedBytes { get; init; }
}

/// <summary>
/// Lays generated events out the way an ActionTrail trail delivers them to OSS:
/// <c>&lt;root&gt;/[&lt;prefix&gt;/]AliyunLogs/Actiontrail/&lt;region&gt;/&lt;YYYY&gt;/&lt;MM&gt;/&lt;DD&gt;/&lt;file&gt;</c>, one file per hour.
/// The folder layout is documented; the file name
/// (<c>&lt;accountId&gt;_Actiontrail_&lt;region&gt;_&lt;yyyyMMddHHmmss&gt;_&lt;seq&gt;.json[.gz]</c>) is our assumption, since no
/// sample name was found, and readers must not rely on it.
/// </summary>
public static class ActivityOssWriter
{
    public static ActivityGenerationResult Write(ActivitySpec spec, string root, ActivityFileFormat format = ActivityFileFormat.GzipJsonArray,
        string? ossKeyPrefix = null, CancellationToken cancellationToken = default)
    {
        var generator = new ActivityEventGenerator(spec);
        var files = new List<string>();
        long bytes = 0;
        var gzip = format is ActivityFileFormat.GzipJsonArray or ActivityFileFormat.GzipNdjson;
        var array = format is ActivityFileFormat.GzipJsonArray or ActivityFileFormat.JsonArray;
        var seq = 0;
        foreach (var hour in generator.GenerateHours())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (hour.Count == 0) continue;
            var t = hour[0].EventTime!.Value.UtcDateTime;
            var dir = Path.Combine(root, ossKeyPrefix ?? "", "AliyunLogs", "Actiontrail", spec.Region, t.ToString("yyyy"), t.ToString("MM"), t.ToString("dd"));
            Directory.CreateDirectory(dir);
            var name = $"{spec.AccountId}_Actiontrail_{spec.Region}_{t:yyyyMMddHH}0000_{++seq:D6}.json{(gzip ? ".gz" : "")}";
            var path = Path.Combine(dir, name);
            using (var fs = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024))
            {
                using (var body = gzip ? new GZipStream(fs, CompressionLevel.Fastest, leaveOpen: true) : (Stream)new NonClosingWriteStream(fs))
                    WriteEvents(body, hour, array);
                bytes += fs.Length;
            }
            files.Add(path);
        }
        return new ActivityGenerationResult { Expected = generator.Expected, Files = files, CompressedBytes = bytes };
    }

    /// <summary>Serializes events as a JSON array or as NDJSON.</summary>
    public static void WriteEvents(Stream output, IEnumerable<ActionTrailEvent> events, bool asArray)
    {
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { SkipValidation = !asArray });
        if (asArray)
        {
            w.WriteStartArray();
            foreach (var e in events) ActionTrailEventJson.Write(w, e);
            w.WriteEndArray();
            w.Flush();
            return;
        }
        foreach (var e in events)
        {
            ActionTrailEventJson.Write(w, e);
            w.Flush();
            output.WriteByte((byte)'\n');
            w.Reset(output);
        }
    }

    private sealed class NonClosingWriteStream(Stream inner) : Stream
    {
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
        public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);
        public override void WriteByte(byte value) => inner.WriteByte(value);
        public override void Flush() => inner.Flush();
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
