namespace AckHardening.Core.Audit;

/// <summary>Receives the events a <see cref="ActionTrailStreamReader"/> finds, one call per event.</summary>
public interface IActionTrailEventSink
{
    /// <summary>The view's spans are only valid during this call.</summary>
    void OnEvent(in ActionTrailEventView e);
}

/// <summary>What reading one stream produced.</summary>
/// <param name="Events">Events handed to the sink.</param>
/// <param name="MalformedRecords">Records (lines, array items) that were not valid JSON or not event objects; skipped.</param>
/// <param name="FatalError">Set when the rest of the stream could not be read (corrupt gzip, broken array...); events before it were kept.</param>
/// <param name="FirstProblem">Description of the first malformed record, for the report.</param>
/// <param name="DecompressedBytes">JSON bytes read.</param>
public readonly record struct ActionTrailReadResult(long Events, long MalformedRecords, string? FatalError, string? FirstProblem, long DecompressedBytes);
