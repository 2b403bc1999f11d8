namespace AckHardening.Core.Credentials;

/// <summary>
/// One set of Alibaba Cloud credentials. <see cref="ToString"/> masks everything but the key id's ends, so a credential
/// that reaches a log by accident still leaks nothing.
/// </summary>
public sealed class AckCredential
{
    public AckCredential(string accessKeyId, string accessKeySecret, string? securityToken = null, DateTimeOffset? expiration = null)
    {
        if (string.IsNullOrWhiteSpace(accessKeyId)) throw new ArgumentException("AccessKeyId is empty.", nameof(accessKeyId));
        if (string.IsNullOrEmpty(accessKeySecret)) throw new ArgumentException("AccessKeySecret is empty.", nameof(accessKeySecret));
        AccessKeyId = accessKeyId;
        AccessKeySecret = accessKeySecret;
        SecurityToken = string.IsNullOrEmpty(securityToken) ? null : securityToken;
        Expiration = expiration;
    }

    public string AccessKeyId { get; }
    public string AccessKeySecret { get; }
    public string? SecurityToken { get; }
    public DateTimeOffset? Expiration { get; }

    public string MaskedAccessKeyId => Mask(AccessKeyId);

    /// <summary>Keeps the first 4 and last 3 characters: enough to tell keys apart, not enough to use one.</summary>
    public static string Mask(string id) =>
        id.Length <= 8 ? new string('*', id.Length) : id[..4] + new string('*', id.Length - 7) + id[^3..];

    public override string ToString() => $"AckCredential({MaskedAccessKeyId}{(SecurityToken is null ? "" : ", sts")})";
}

/// <summary>A source of credentials (static keys, a CLI profile, an assumed role, the instance metadata, OIDC...).</summary>
public interface ICredentialProvider
{
    /// <summary>Short name of the source, e.g. "Environment", "Profile:default", "RamRoleArn", "EcsRamRole", "Oidc".</summary>
    string Source { get; }
    /// <summary>Returns valid credentials, refreshing them before they expire.</summary>
    Task<AckCredential> GetCredentialAsync(CancellationToken cancellationToken);
}
