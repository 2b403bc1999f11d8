using System.Reflection;
using AckHardening.Core.Diagnostics;
using AckHardening.Core.Policy;
using AckHardening.Policy;

namespace AckHardening.Core.Policies;

/// <summary>
/// Backup-AckWorkerRolePolicy: reads every version of a policy and writes it with PolicyBackupStore (temporary file,
/// flush, rename; read back and verified before it is reported).
/// </summary>
public sealed class PolicyBackupService
{
    private readonly PolicyStateReader _reader;
    private readonly PolicyBackupStore _store;
    private readonly Func<DateTimeOffset> _clock;
    private readonly IAckLog _log;

    public PolicyBackupService(PolicyStateReader reader, PolicyBackupStore? store = null, Func<DateTimeOffset>? clock = null, IAckLog? log = null)
    {
        _reader = reader ?? throw new ArgumentNullException(nameof(reader));
        _store = store ?? new PolicyBackupStore();
        _clock = clock ?? (() => DateTimeOffset.UtcNow);
        _log = log ?? NullAckLog.Instance;
    }

    /// <summary>The module version recorded in each backup.</summary>
    public static string ModuleVersion { get; } =
        typeof(PolicyBackupService).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(PolicyBackupService).Assembly.GetName().Version?.ToString() ?? "";

    public async Task<AckPolicyBackupInfo> BackupAsync(string policyName, string? policyType, string? roleName, string? clusterId, string directory, CancellationToken cancellationToken)
    {
        var state = await _reader.ReadAsync(policyName, policyType, roleName, cancellationToken).ConfigureAwait(false);
        return Write(state, clusterId, directory, plannedDocument: null);
    }

    /// <summary>Writes a backup of an already-read state (what the apply path plans from, so backup and plan agree).</summary>
    public AckPolicyBackupInfo Write(PolicyState state, string? clusterId, string directory, PolicyDocument? plannedDocument)
    {
        ArgumentNullException.ThrowIfNull(state);
        var backup = PolicyBackup.FromState(state, _clock(), clusterId, ModuleVersion, plannedDocument);
        var info = _store.Write(backup, directory);
        _log.Verbose($"Backed up policy {state.PolicyName} ({info.VersionCount} versions, default {info.DefaultVersion}) to {info.Path} (SHA-256 {info.Sha256}).");
        return info;
    }
}
