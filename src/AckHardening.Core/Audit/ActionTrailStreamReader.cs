using System.Buffers;
using System.IO.Compression;
using System.Text.Json;

namespace AckHardening.Core.Audit;

/// <summary>
/// Streams ActionTrail events out of a file as delivered to OSS, gzip-compressed or not (decided by the magic
/// bytes, not the name). Accepted layouts: a JSON array of events, one event per line (NDJSON) or any sequence of
/// top-level values, and objects wrapping an <c>Events</c> array (the LookupEvents response shape).
/// Only the fields analysis needs are read; everything else is skipped without allocating. Memory stays at one
/// pooled buffer the size of the largest event (not of the file). A reader is reused across files but is not
/// thread-safe: give each worker its own.
/// </summary>
public sealed class ActionTrailStreamReader : IDisposable
{
    public const int DefaultMaxEventBytes = 16 * 1024 * 1024;
    private const int InitialBufferSize = 128 * 1024;

    private readonly int _maxEventBytes;
    private byte[] _buf;
    private int _pos, _len;
    private bool _eof;
    private Stream? _src;
    private long _decompressed;
    private byte[] _scratch = new byte[4096];
    private int _scratchPos;
    private long _events, _malformed;
    private string? _firstProblem;

    public ActionTrailStreamReader(int maxEventBytes = DefaultMaxEventBytes)
    {
        if (maxEventBytes < 1024) throw new ArgumentOutOfRangeException(nameof(maxEventBytes));
        _maxEventBytes = maxEventBytes;
        _buf = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
    }

    /// <summary>True when the stream starts with the gzip magic bytes 1F 8B.</summary>
    public static bool IsGzip(ReadOnlySpan<byte> head) => head.Length >= 2 && head[0] == 0x1F && head[1] == 0x8B;

    /// <summary>Reads a file (gzip or plain JSON) and hands every event to <paramref name="sink"/>.</summary>
    public ActionTrailReadResult ReadFile<TSink>(string path, TSink sink, CancellationToken cancellationToken = default) where TSink : IActionTrailEventSink
    {
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        return Read(fs, sink, cancellationToken);
    }

    /// <summary>Reads a stream (gzip or plain JSON) to its end. The stream is not disposed.</summary>
    public ActionTrailReadResult Read<TSink>(Stream input, TSink sink, CancellationToken cancellationToken = default) where TSink : IActionTrailEventSink
    {
        ArgumentNullException.ThrowIfNull(input);
        _pos = _len = 0;
        _eof = false;
        _decompressed = 0;
        _events = _malformed = 0;
        _firstProblem = null;
        Stream? owned = null;
        string? fatal = null;
        try
        {
            var head = new byte[2];
            var headLen = 0;
            while (headLen < 2)
            {
                var n = input.Read(head, headLen, 2 - headLen);
                if (n == 0) break;
                headLen += n;
            }
            Stream raw;
            if (input.CanSeek) { input.Seek(-headLen, SeekOrigin.Current); raw = input; }
            else raw = owned = new PrefixedStream(head, headLen, new NonClosingStream(input));
            _src = IsGzip(head.AsSpan(0, headLen)) ? owned = new GZipStream(raw, CompressionMode.Decompress, leaveOpen: true) : raw;
            fatal = ReadValues(sink, cancellationToken);
        }
        catch (OperationCanceledException) { throw; }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            // Corrupt or truncated gzip: keep what was read, report the file.
            fatal = $"{e.GetType().Name}: {e.Message}";
        }
        finally
        {
            owned?.Dispose();
            _src = null;
        }
        return new ActionTrailReadResult(_events, _malformed, fatal, _firstProblem, _decompressed);
    }

    private string? ReadValues<TSink>(TSink sink, CancellationToken ct) where TSink : IActionTrailEventSink
    {
        if (!SkipWhitespace(ct)) return null;
        if (_len - _pos >= 3 && _buf[_pos] == 0xEF && _buf[_pos + 1] == 0xBB && _buf[_pos + 2] == 0xBF) _pos += 3;
        while (SkipWhitespace(ct))
        {
            var b = _buf[_pos];
            if (b == (byte)'[')
            {
                _pos++;
                if (ReadArray(sink, ct) is { } error) return error;
            }
            else if (b == (byte)'{')
            {
                if (ParseObject(sink, ct) is { } problem)
                {
                    if (problem.Fatal) return problem.Message;
                    Malformed(problem.Message);
                    SkipLine(ct);
                }
            }
            else
            {
                if (_events == 0 && _malformed == 0 && b != (byte)'"' && !IsJsonScalarStart(b)) return "The file is not JSON.";
                Malformed($"unexpected '{(char)b}' at top level");
                SkipLine(ct);
            }
        }
        return null;
    }

    private static bool IsJsonScalarStart(byte b) => b is (byte)'-' or (>= (byte)'0' and <= (byte)'9') or (byte)'t' or (byte)'f' or (byte)'n';

    /// <summary>Items of a top-level array; a broken item ends the file, since the array structure is lost.</summary>
    private string? ReadArray<TSink>(TSink sink, CancellationToken ct) where TSink : IActionTrailEventSink
    {
        var expectItem = true;
        while (true)
        {
            if (!SkipWhitespace(ct)) return "The JSON array is not terminated (file truncated?).";
            var b = _buf[_pos];
            if (b == (byte)']') { _pos++; return null; }
            if (b == (byte)',')
            {
                if (expectItem) return "Malformed JSON array: unexpected ','.";
                _pos++;
                expectItem = true;
                continue;
            }
            if (!expectItem) return "Malformed JSON array: missing ','.";
            if (b == (byte)'{')
            {
                if (ParseObject(sink, ct) is { } problem) return problem.Message;
            }
            else
            {
                // A non-object item (number, nested array...): count it and step over it.
                var skipped = SkipValue(ct);
                if (skipped is not null) return skipped;
                Malformed("an array item is not an event object");
            }
            expectItem = false;
        }
    }

    private readonly record struct Problem(string Message, bool Fatal);

    /// <summary>Parses the object at the current position, refilling until it is complete.</summary>
    private Problem? ParseObject<TSink>(TSink sink, CancellationToken ct) where TSink : IActionTrailEventSink
    {
        while (true)
        {
            var reader = new Utf8JsonReader(_buf.AsSpan(_pos, _len - _pos), _eof, default);
            ParseStatus status;
            string? error = null;
            try { status = ParseTopObject(ref reader, sink); }
            catch (JsonException e) { status = ParseStatus.Malformed; error = e.Message; }
            switch (status)
            {
                case ParseStatus.Ok:
                    _pos += (int)reader.BytesConsumed;
                    return null;
                case ParseStatus.NotAnEvent:
                    _pos += (int)reader.BytesConsumed;
                    Malformed("an object without event fields");
                    return null;
                case ParseStatus.Malformed:
                    return new Problem($"invalid JSON: {error}", false);
                default: // NeedMore
                    if (_eof) return new Problem("the last event is truncated", false);
                    if (_len - _pos >= _maxEventBytes) return new Problem($"an event is larger than {_maxEventBytes} bytes", true);
                    Refill(ct);
                    break;
            }
        }
    }

    private enum ParseStatus { Ok, NeedMore, Malformed, NotAnEvent }

    private ref struct Fields
    {
        public bool HasTime, Any;
        public DateTimeOffset Time;
        public ReadOnlySpan<byte> EventName, ServiceName, EventSource, EventType, ErrorCode, ErrorMessage, AcsRegion,
            IdentityType, UserName, PrincipalId, AccessKeyId, AcsProduct;
    }

    private ParseStatus ParseTopObject<TSink>(ref Utf8JsonReader r, TSink sink) where TSink : IActionTrailEventSink
    {
        if (!r.Read()) return ParseStatus.NeedMore;
        var wrapperEvents = 0L;
        var status = ParseEventBody(ref r, sink, allowWrapper: true, ref wrapperEvents, out var isEvent);
        if (status != ParseStatus.Ok) return status;
        return isEvent || wrapperEvents > 0 ? ParseStatus.Ok : ParseStatus.NotAnEvent;
    }

    /// <summary>
    /// Reads one object (the reader is on its StartObject) and emits it if it carries event fields. Nothing is
    /// emitted before the whole object is available, so a NeedMore restart never duplicates events.
    /// </summary>
    private ParseStatus ParseEventBody<TSink>(ref Utf8JsonReader r, TSink sink, bool allowWrapper, ref long wrapperEvents, out bool isEvent)
        where TSink : IActionTrailEventSink
    {
        isEvent = false;
        _scratchPos = 0;
        var f = new Fields();
        while (true)
        {
            if (!r.Read()) return ParseStatus.NeedMore;
            if (r.TokenType == JsonTokenType.EndObject) break;
            var prop = PropertyOf(ref r);
            if (!r.Read()) return ParseStatus.NeedMore;
            var tt = r.TokenType;
            switch (prop)
            {
                case Prop.EventTime:
                    if (tt == JsonTokenType.String) { f.HasTime = r.TryGetDateTimeOffset(out f.Time); f.Any = true; }
                    else if (!Skip(ref r)) return ParseStatus.NeedMore;
                    break;
                case Prop.UserIdentity:
                    if (tt == JsonTokenType.StartObject)
                    {
                        f.Any = true;
                        if (!ReadIdentity(ref r, ref f)) return ParseStatus.NeedMore;
                    }
                    else if (!Skip(ref r)) return ParseStatus.NeedMore;
                    break;
                case Prop.RequestParameters:
                    if (tt == JsonTokenType.StartObject) { if (!ReadRequestParameters(ref r, ref f)) return ParseStatus.NeedMore; }
                    else if (!Skip(ref r)) return ParseStatus.NeedMore;
                    break;
                case Prop.Events when allowWrapper && tt == JsonTokenType.StartArray:
                {
                    // Make sure the whole wrapper is buffered before emitting any of its events.
                    if (!RestOfTopObjectAvailable(r)) return ParseStatus.NeedMore;
                    while (true)
                    {
                        r.Read();
                        if (r.TokenType == JsonTokenType.EndArray) break;
                        if (r.TokenType != JsonTokenType.StartObject)
                        {
                            if (!Skip(ref r)) return ParseStatus.NeedMore; // cannot happen: the array is buffered
                            Malformed("an Events item is not an object");
                            continue;
                        }
                        var nested = 0L;
                        var s = ParseEventBody(ref r, sink, allowWrapper: false, ref nested, out var nestedIsEvent);
                        if (s != ParseStatus.Ok) return s;
                        if (nestedIsEvent) wrapperEvents++;
                        else Malformed("an Events item without event fields");
                    }
                    _scratchPos = 0;
                    break;
                }
                case Prop.None:
                case Prop.Events:
                    if (!Skip(ref r)) return ParseStatus.NeedMore;
                    break;
                default:
                    if (tt == JsonTokenType.String)
                    {
                        f.Any = true;
                        var v = Value(ref r);
                        switch (prop)
                        {
                            case Prop.EventName: f.EventName = v; break;
                            case Prop.ServiceName: f.ServiceName = v; break;
                            case Prop.EventSource: f.EventSource = v; break;
                            case Prop.EventType: f.EventType = v; break;
                            case Prop.ErrorCode: f.ErrorCode = v; break;
                            case Prop.ErrorMessage: f.ErrorMessage = v; break;
                            case Prop.AcsRegion: f.AcsRegion = v; break;
                        }
                    }
                    else if (!Skip(ref r)) return ParseStatus.NeedMore;
                    break;
            }
        }
        if (!f.Any || wrapperEvents > 0) return ParseStatus.Ok;
        isEvent = true;
        _events++;
        sink.OnEvent(new ActionTrailEventView
        {
            HasEventTime = f.HasTime, EventTime = f.Time, EventName = f.EventName, ServiceName = f.ServiceName,
            EventSource = f.EventSource, EventType = f.EventType, ErrorCode = f.ErrorCode, ErrorMessage = f.ErrorMessage,
            AcsRegion = f.AcsRegion, IdentityType = f.IdentityType, UserName = f.UserName, PrincipalId = f.PrincipalId,
            AccessKeyId = f.AccessKeyId, AcsProduct = f.AcsProduct,
        });
        return ParseStatus.Ok;
    }

    /// <summary>Whether the array the reader is on, and the rest of the top-level object after it, are in the buffer.</summary>
    private static bool RestOfTopObjectAvailable(Utf8JsonReader probe)
    {
        if (!probe.TrySkip()) return false;
        while (true)
        {
            if (!probe.Read()) return false;
            if (probe.TokenType == JsonTokenType.EndObject && probe.CurrentDepth == 0) return true;
            if (probe.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !probe.TrySkip()) return false;
        }
    }

    private bool ReadIdentity(ref Utf8JsonReader r, ref Fields f)
    {
        while (true)
        {
            if (!r.Read()) return false;
            if (r.TokenType == JsonTokenType.EndObject) return true;
            var span = r.ValueSpan;
            var escaped = r.ValueIsEscaped;
            var which = 0;
            if (escaped)
            {
                if (r.ValueTextEquals("type"u8)) which = 1;
                else if (r.ValueTextEquals("userName"u8)) which = 2;
                else if (r.ValueTextEquals("principalId"u8)) which = 3;
                else if (r.ValueTextEquals("accessKeyId"u8)) which = 4;
            }
            else if (span.Length == 4 && span.SequenceEqual("type"u8)) which = 1;
            else if (span.Length == 8 && span.SequenceEqual("userName"u8)) which = 2;
            else if (span.Length == 11 && span.SequenceEqual("principalId"u8)) which = 3;
            else if (span.Length == 11 && span.SequenceEqual("accessKeyId"u8)) which = 4;
            if (!r.Read()) return false;
            if (which == 0 || r.TokenType != JsonTokenType.String) { if (!Skip(ref r)) return false; continue; }
            var v = Value(ref r);
            switch (which)
            {
                case 1: f.IdentityType = v; break;
                case 2: f.UserName = v; break;
                case 3: f.PrincipalId = v; break;
                default: f.AccessKeyId = v; break;
            }
        }
    }

    private bool ReadRequestParameters(ref Utf8JsonReader r, ref Fields f)
    {
        while (true)
        {
            if (!r.Read()) return false;
            if (r.TokenType == JsonTokenType.EndObject) return true;
            var match = r.ValueIsEscaped ? r.ValueTextEquals("AcsProduct"u8) : r.ValueSpan.Length == 10 && r.ValueSpan.SequenceEqual("AcsProduct"u8);
            if (!r.Read()) return false;
            if (match && r.TokenType == JsonTokenType.String) f.AcsProduct = Value(ref r);
            else if (!Skip(ref r)) return false;
        }
    }

    private static bool Skip(ref Utf8JsonReader r) =>
        r.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray) || r.TrySkip();

    /// <summary>The current string value: a slice of the buffer, or unescaped into the scratch buffer.</summary>
    private ReadOnlySpan<byte> Value(scoped ref Utf8JsonReader r)
    {
        if (!r.ValueIsEscaped) return r.ValueSpan;
        var need = r.ValueSpan.Length; // unescaped text is never longer than its escaped form
        if (_scratch.Length - _scratchPos < need)
        {
            // Earlier spans of this event still point into the old array, so it is left to the GC, not reused.
            _scratch = new byte[Math.Max(_scratch.Length * 2, _scratchPos + need)];
            _scratchPos = 0;
        }
        var written = r.CopyString(_scratch.AsSpan(_scratchPos));
        var slice = new ReadOnlySpan<byte>(_scratch, _scratchPos, written);
        _scratchPos += written;
        return slice;
    }

    private enum Prop { None, EventTime, EventName, ServiceName, EventSource, EventType, ErrorCode, ErrorMessage, AcsRegion, UserIdentity, RequestParameters, Events }

    private static Prop PropertyOf(ref Utf8JsonReader r)
    {
        if (r.ValueIsEscaped) return PropertyOfEscaped(ref r);
        var s = r.ValueSpan;
        switch (s.Length)
        {
            case 6: return s.SequenceEqual("Events"u8) ? Prop.Events : Prop.None;
            case 9:
                if (s.SequenceEqual("eventTime"u8)) return Prop.EventTime;
                if (s.SequenceEqual("eventName"u8)) return Prop.EventName;
                if (s.SequenceEqual("errorCode"u8)) return Prop.ErrorCode;
                if (s.SequenceEqual("eventType"u8)) return Prop.EventType;
                if (s.SequenceEqual("acsRegion"u8)) return Prop.AcsRegion;
                return Prop.None;
            case 11:
                if (s.SequenceEqual("serviceName"u8)) return Prop.ServiceName;
                if (s.SequenceEqual("eventSource"u8)) return Prop.EventSource;
                return Prop.None;
            case 12:
                if (s.SequenceEqual("userIdentity"u8)) return Prop.UserIdentity;
                if (s.SequenceEqual("errorMessage"u8)) return Prop.ErrorMessage;
                return Prop.None;
            case 17: return s.SequenceEqual("requestParameters"u8) ? Prop.RequestParameters : Prop.None;
            default: return Prop.None;
        }
    }

    private static Prop PropertyOfEscaped(ref Utf8JsonReader r)
    {
        if (r.ValueTextEquals("eventTime"u8)) return Prop.EventTime;
        if (r.ValueTextEquals("eventName"u8)) return Prop.EventName;
        if (r.ValueTextEquals("serviceName"u8)) return Prop.ServiceName;
        if (r.ValueTextEquals("eventSource"u8)) return Prop.EventSource;
        if (r.ValueTextEquals("eventType"u8)) return Prop.EventType;
        if (r.ValueTextEquals("errorCode"u8)) return Prop.ErrorCode;
        if (r.ValueTextEquals("errorMessage"u8)) return Prop.ErrorMessage;
        if (r.ValueTextEquals("acsRegion"u8)) return Prop.AcsRegion;
        if (r.ValueTextEquals("userIdentity"u8)) return Prop.UserIdentity;
        if (r.ValueTextEquals("requestParameters"u8)) return Prop.RequestParameters;
        if (r.ValueTextEquals("Events"u8)) return Prop.Events;
        return Prop.None;
    }

    private void Malformed(string what)
    {
        _malformed++;
        _firstProblem ??= $"record {_events + _malformed}: {what}";
    }

    /// <summary>Steps over one non-object array item (scalar or nested array).</summary>
    private string? SkipValue(CancellationToken ct)
    {
        while (true)
        {
            var reader = new Utf8JsonReader(_buf.AsSpan(_pos, _len - _pos), _eof, default);
            try
            {
                if (reader.Read() && reader.TrySkip())
                {
                    _pos += (int)reader.BytesConsumed;
                    return null;
                }
            }
            catch (JsonException e) { return $"Malformed JSON array: {e.Message}"; }
            if (_eof) return "The JSON array is truncated.";
            if (_len - _pos >= _maxEventBytes) return $"An array item is larger than {_maxEventBytes} bytes.";
            Refill(ct);
        }
    }

    /// <summary>Moves past whitespace; false at the end of the stream.</summary>
    private bool SkipWhitespace(CancellationToken ct)
    {
        while (true)
        {
            while (_pos < _len)
            {
                var b = _buf[_pos];
                if (b != (byte)' ' && b != (byte)'\n' && b != (byte)'\r' && b != (byte)'\t') return true;
                _pos++;
            }
            if (_eof) return false;
            Refill(ct);
        }
    }

    /// <summary>Resynchronizes after a broken record: drops everything up to and including the next newline.</summary>
    private void SkipLine(CancellationToken ct)
    {
        while (true)
        {
            var nl = _buf.AsSpan(_pos, _len - _pos).IndexOf((byte)'\n');
            if (nl >= 0) { _pos += nl + 1; return; }
            _pos = _len;
            if (_eof) return;
            Refill(ct);
        }
    }

    /// <summary>Keeps the unread tail, grows the buffer if the tail fills it, and reads more.</summary>
    private void Refill(CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var tail = _len - _pos;
        if (_pos > 0)
        {
            Buffer.BlockCopy(_buf, _pos, _buf, 0, tail);
            _pos = 0;
            _len = tail;
        }
        if (_len == _buf.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(_buf.Length * 2);
            Buffer.BlockCopy(_buf, 0, bigger, 0, _len);
            ArrayPool<byte>.Shared.Return(_buf);
            _buf = bigger;
        }
        while (_len < _buf.Length)
        {
            var n = _src!.Read(_buf, _len, _buf.Length - _len);
            if (n == 0) { _eof = true; break; }
            _len += n;
            _decompressed += n;
            // One read is enough unless it returned very little (gzip returns at most a block at a time).
            if (_len - tail >= 16 * 1024) break;
        }
    }

    public void Dispose()
    {
        if (_buf.Length > 0) ArrayPool<byte>.Shared.Return(_buf);
        _buf = [];
    }
}
