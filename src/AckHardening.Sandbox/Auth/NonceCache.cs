using System.Collections.Concurrent;

namespace AckHardening.Sandbox.Auth;

/// <summary>
/// Remembers (AccessKeyId, nonce) pairs for the 15-minute validity window of a request date, so a replayed
/// request is refused. Entries older than the window (plus the same again for clock skew) are pruned.
/// </summary>
public sealed class NonceCache
{
    private static readonly TimeSpan Retention = TimeSpan.FromMinutes(30);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private long _adds;

    /// <summary>False when the nonce was already used with this key.</summary>
    public bool TryUse(string accessKeyId, string nonce, DateTimeOffset now)
    {
        if (Interlocked.Increment(ref _adds) % 256 == 0) Prune(now);
        return _seen.TryAdd(accessKeyId + "\n" + nonce, now);
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, at) in _seen)
            if (now - at > Retention) _seen.TryRemove(key, out _);
    }
}
