namespace AckHardening.Core.Http;

/// <summary>
/// Retry, timeout and determinism knobs of <see cref="AlibabaTransport"/>. The defaults suit real use; tests shrink
/// the delays (or replace <see cref="Delay"/>) and pin <see cref="Clock"/> and <see cref="NonceFactory"/>.
/// </summary>
public sealed class TransportOptions
{
    /// <summary>Total attempts including the first (1 disables retries).</summary>
    public int MaxAttempts { get; init; } = 4;
    /// <summary>Backoff base: attempt n waits a random time in [0, min(MaxDelay, BaseDelay * 2^(n-1))] (full jitter).</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>Upper bound on a server's x-acs-retry-after / Retry-After hint, so a bad hint cannot stall a script.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>Per-attempt timeout when the request sets none (headers and body).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>Source of x-acs-date / Date; each attempt reads it again.</summary>
    public Func<DateTimeOffset> Clock { get; init; } = () => DateTimeOffset.UtcNow;
    /// <summary>Source of x-acs-signature-nonce; each attempt gets a new one.</summary>
    public Func<string> NonceFactory { get; init; } = () => Guid.NewGuid().ToString("N");
    /// <summary>Uniform random number in [0, 1) for the jitter.</summary>
    public Func<double> Jitter { get; init; } = Random.Shared.NextDouble;
    /// <summary>Waits between attempts; replaced in tests to record delays without sleeping.</summary>
    public Func<TimeSpan, CancellationToken, Task> Delay { get; init; } = Task.Delay;

    public static TransportOptions Default { get; } = new();

    internal void Validate()
    {
        if (MaxAttempts < 1) throw new ArgumentOutOfRangeException(nameof(MaxAttempts), "At least one attempt is needed.");
        if (BaseDelay < TimeSpan.Zero || MaxDelay < TimeSpan.Zero || MaxRetryAfter < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(BaseDelay), "Delays cannot be negative.");
        if (Timeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(Timeout), "The timeout must be positive.");
    }
}
