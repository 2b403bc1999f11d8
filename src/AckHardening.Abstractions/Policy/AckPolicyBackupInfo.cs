namespace AckHardening.Policy;

/// <summary>A policy backup file on disk (Backup-AckWorkerRolePolicy output, Restore input by Path).</summary>
public sealed class AckPolicyBackupInfo
{
    public string Path { get; init; } = "";
    public string PolicyName { get; init; } = "";
    public string PolicyType { get; init; } = "";
    public string? RoleName { get; init; }
    public string? ClusterId { get; init; }
    public int VersionCount { get; init; }
    public string? DefaultVersion { get; init; }
    /// <summary>SHA-256 (lower-case hex) over the canonical serialization of the backup content.</summary>
    public string Sha256 { get; init; } = "";
    /// <summary>SHA-256 of the file's bytes as written (what Get-FileHash shows); <see cref="Sha256"/> is the hash of the
    /// content stored inside the file, which survives re-indenting.</summary>
    public string? FileSha256 { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public string? ModuleVersion { get; init; }
    public string[] VersionIds { get; init; } = Array.Empty<string>();

    public override string ToString() => Path;
}
