using AckHardening.Core.Errors;

namespace AckHardening.Core.Services.Sls;

/// <summary>
/// How long to keep re-issuing a GetLogs request whose x-log-progress is Incomplete. Log Service caches the
/// partial result for 15 minutes and completes it on later identical calls (each billed), so the loop is bounded:
/// by default 20 attempts within 5 minutes, waiting 100 ms first, doubling, at most 10 s (the Go SDK's figures).
/// </summary>
public sealed record SlsIncompleteRetry
{
    public static SlsIncompleteRetry Default { get; } = new();

    public int MaxAttempts { get; init; } = 20;
    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromMilliseconds(100);
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan MaxTotal { get; init; } = TimeSpan.FromMinutes(5);
    /// <summary>Waits between attempts; tests replace it to record the delays without sleeping.</summary>
    public Func<TimeSpan, CancellationToken, Task> Delay { get; init; } = Task.Delay;

    /// <summary>The wait after attempt <paramref name="attempt"/> (1-based).</summary>
    public TimeSpan DelayAfter(int attempt)
    {
        var ms = InitialDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        return TimeSpan.FromMilliseconds(Math.Min(ms, MaxDelay.TotalMilliseconds));
    }

    /// <summary>Sends <paramref name="send"/> until the answer is complete, within the bounds; throws AckSlsQueryIncomplete otherwise.</summary>
    public async Task<SlsGetLogsResponse> UntilCompleteAsync(Func<CancellationToken, Task<SlsGetLogsResponse>> send, string what,
        Diagnostics.IAckLog log, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        var waited = TimeSpan.Zero;
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var response = await send(cancellationToken).ConfigureAwait(false);
            if (response.IsComplete) return response;
            var delay = DelayAfter(attempt);
            var elapsed = DateTimeOffset.UtcNow - started;
            if (elapsed < waited) elapsed = waited; // a test delay that does not sleep still counts its time
            if (attempt >= MaxAttempts || elapsed + delay > MaxTotal)
                throw new AckException("AckSlsQueryIncomplete", AckErrorKind.OperationTimeout,
                    $"Log Service still reported an incomplete result for {what} after {attempt} attempt(s) in {elapsed.TotalSeconds:0.#} s.", what)
                { RecommendedAction = "Query a shorter window (-Days, -Since/-Until), or retry later: Log Service keeps the partial result for 15 minutes." };
            log.Verbose($"Log Service result for {what} is incomplete; repeating the identical query in {(long)delay.TotalMilliseconds} ms (attempt {attempt + 1} of {MaxAttempts}).");
            await Delay(delay, cancellationToken).ConfigureAwait(false);
            waited += delay;
        }
    }
}
