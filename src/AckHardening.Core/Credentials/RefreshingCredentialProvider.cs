namespace AckHardening.Core.Credentials;

/// <summary>
/// Base of providers whose credentials expire (assumed roles, instance metadata, OIDC): keeps the last credential and
/// fetches a new one when less than <see cref="MinimumRemaining"/> or 10% of its lifetime remains. One refresh at a time.
/// </summary>
public abstract class RefreshingCredentialProvider : ICredentialProvider
{
    /// <summary>Refresh when fewer than this remain, whatever the lifetime.</summary>
    public static readonly TimeSpan MinimumRemaining = TimeSpan.FromMinutes(3);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Func<DateTimeOffset> _clock;
    private AckCredential? _current;
    private DateTimeOffset _obtainedAt;

    protected RefreshingCredentialProvider(Func<DateTimeOffset>? clock) => _clock = clock ?? (() => DateTimeOffset.UtcNow);

    public abstract string Source { get; }

    /// <summary>Times a new credential was fetched (diagnostics and tests).</summary>
    public int RefreshCount { get; private set; }

    protected DateTimeOffset Now => _clock();

    /// <summary>Fetches a fresh credential (with its Expiration).</summary>
    protected abstract Task<AckCredential> FetchAsync(CancellationToken cancellationToken);

    public async Task<AckCredential> GetCredentialAsync(CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _current);
        if (current is not null && !NeedsRefresh(current, _obtainedAt, Now)) return current;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            current = _current;
            if (current is not null && !NeedsRefresh(current, _obtainedAt, Now)) return current;
            var obtainedAt = Now;
            var fresh = await FetchAsync(cancellationToken).ConfigureAwait(false);
            _obtainedAt = obtainedAt;
            Volatile.Write(ref _current, fresh);
            RefreshCount++;
            return fresh;
        }
        finally
        {
            _gate.Release();
        }
    }

    internal static bool NeedsRefresh(AckCredential credential, DateTimeOffset obtainedAt, DateTimeOffset now)
    {
        if (credential.Expiration is not { } expires) return false;
        var remaining = expires - now;
        var lifetime = expires - obtainedAt;
        var margin = TimeSpan.FromTicks(Math.Max(MinimumRemaining.Ticks, lifetime.Ticks / 10));
        return remaining < margin;
    }
}
