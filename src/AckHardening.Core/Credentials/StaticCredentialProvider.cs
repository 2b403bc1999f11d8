namespace AckHardening.Core.Credentials;

/// <summary>Fixed credentials: an AccessKey pair, optionally with an STS token (which then cannot be refreshed).</summary>
public sealed class StaticCredentialProvider : ICredentialProvider
{
    private readonly AckCredential _credential;

    public StaticCredentialProvider(AckCredential credential, string source = "AccessKey")
    {
        _credential = credential ?? throw new ArgumentNullException(nameof(credential));
        Source = source;
    }

    public StaticCredentialProvider(string accessKeyId, string accessKeySecret, string? securityToken = null, string source = "AccessKey")
        : this(new AckCredential(accessKeyId, accessKeySecret, securityToken), source)
    {
    }

    public string Source { get; }

    public Task<AckCredential> GetCredentialAsync(CancellationToken cancellationToken) => Task.FromResult(_credential);

    public override string ToString() => $"{Source}: {_credential}";
}

/// <summary>
/// Stands for "no credentials" where a session is needed only for unsigned calls (AssumeRoleWithOIDC).
/// Asking it for credentials is a programming error and says so.
/// </summary>
public sealed class AnonymousCredentialProvider : ICredentialProvider
{
    public static readonly AnonymousCredentialProvider Instance = new();
    public string Source => "Anonymous";

    public Task<AckCredential> GetCredentialAsync(CancellationToken cancellationToken) =>
        throw new InvalidOperationException("This session is for unsigned calls only; it has no credentials to sign with.");
}
