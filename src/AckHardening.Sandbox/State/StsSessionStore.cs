using System.Collections.Concurrent;
using AckHardening.Sandbox.Auth;

namespace AckHardening.Sandbox.State;

/// <summary>An issued STS credential. The secret and token never leave through ToString.</summary>
public sealed record StsSession(string AccessKeyId, string AccessKeySecret, string SecurityToken, DateTimeOffset Expiration, CallerIdentity Caller)
{
    public override string ToString() => $"StsSession {{ AccessKeyId = {AccessKeyId}, Arn = {Caller.Arn}, Expiration = {Expiration:O} }}";
}

/// <summary>Session keys issued by AssumeRole; they authenticate later requests until they expire (simulated time).</summary>
public sealed class StsSessionStore
{
    private readonly ConcurrentDictionary<string, StsSession> _sessions = new(StringComparer.Ordinal);

    public void Add(StsSession session) => _sessions[session.AccessKeyId] = session;

    /// <summary>Every session issued since the last reset (for tests that prove a token never leaked).</summary>
    public IReadOnlyList<StsSession> Snapshot() => _sessions.Values.ToList();

    public ResolvedKey? Resolve(string accessKeyId) =>
        _sessions.TryGetValue(accessKeyId, out var s) ? new ResolvedKey(s.AccessKeySecret, true, s.SecurityToken, s.Expiration, s.Caller) : null;
}
