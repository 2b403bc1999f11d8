namespace AckHardening.Sandbox.State;

/// <summary>
/// One logged request. Holds only what tests need to assert on; never headers, query values, bodies or
/// signatures, so no secret or token can end up in it.
/// </summary>
public sealed record RequestLogEntry(
    long Seq, string Time, string Service, string Action, string Method, string Path, int Status, bool IsWrite,
    string? Code, string? AccessKeyId, string? Fault);

public sealed class RequestLog
{
    private readonly object _gate = new();
    private readonly List<RequestLogEntry> _entries = new();
    private long _seq;

    public long NextSeq() => Interlocked.Increment(ref _seq);

    public void Add(RequestLogEntry entry)
    {
        lock (_gate) _entries.Add(entry);
    }

    public IReadOnlyList<RequestLogEntry> Snapshot()
    {
        lock (_gate) return _entries.OrderBy(e => e.Seq).ToList();
    }

    public void Clear()
    {
        lock (_gate) _entries.Clear();
    }
}
