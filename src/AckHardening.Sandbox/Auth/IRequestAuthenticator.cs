namespace AckHardening.Sandbox.Auth;

/// <summary>
/// The parts of an HTTP request a signature covers, copied out of the HttpContext so verifiers are pure and
/// testable against published vectors. Paths and queries are raw (still percent-encoded) as they arrived.
/// </summary>
public sealed record AuthRequest(
    string Method,
    string RawPath,
    string RawQuery,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Headers,
    byte[] Body)
{
    public string? Header(string name) =>
        Headers.TryGetValue(name, out var v) && v.Count > 0 ? string.Join(", ", v) : null;
}

/// <summary>What a verifier needs from the scenario: key lookup, and the time and nonce checks.</summary>
public sealed record AuthContext(ICredentialResolver Credentials, DateTimeOffset WallUtcNow, DateTimeOffset SimulatedUtcNow, NonceCache Nonces);

/// <summary>
/// Verifies one signature scheme. Registered per service through <c>ApiRegistry.Authenticator</c>; the SLS
/// scheme (LOG / SLS4-HMAC-SHA256) plugs in the same way.
/// </summary>
public interface IRequestAuthenticator
{
    /// <summary>True when the request carries this scheme (usually judged from the Authorization header).</summary>
    bool Handles(AuthRequest request);

    /// <summary>Returns the caller, or throws <see cref="Pipeline.ApiException"/> with the service's real error.</summary>
    CallerIdentity Authenticate(AuthRequest request, AuthContext context);
}
