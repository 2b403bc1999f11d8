namespace AckHardening.Sandbox.Auth;

/// <summary>A signing key known to the sandbox: a long-term AccessKey or an STS session key.</summary>
public sealed record ResolvedKey(
    string AccessKeySecret,
    bool Active,
    /// <summary>Only for STS keys: the token that must accompany the key, and when it stops working.</summary>
    string? SecurityToken,
    DateTimeOffset? Expiration,
    CallerIdentity Caller)
{
    // Keep the secret and token out of any accidental string formatting.
    public override string ToString() => $"ResolvedKey {{ AccessKeyId = {Caller.AccessKeyId}, Kind = {Caller.Kind} }}";
}

public interface ICredentialResolver
{
    ResolvedKey? Resolve(string accessKeyId);
}
