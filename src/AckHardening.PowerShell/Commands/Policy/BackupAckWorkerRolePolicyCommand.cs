using System.Management.Automation;
using AckHardening.Policy;

namespace AckHardening.PowerShell.Commands;

/// <summary>
/// Backup-AckWorkerRolePolicy: writes every version of a policy (documents, which is default, the role and cluster,
/// a SHA-256) to one JSON file per policy in a folder. Reads RAM only.
/// </summary>
[Cmdlet(VerbsData.Backup, "AckWorkerRolePolicy", SupportsShouldProcess = true)]
[OutputType(typeof(AckPolicyBackupInfo))]
public sealed class BackupAckWorkerRolePolicyCommand : PolicyChangeCmdletBase
{
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string PolicyName { get; set; } = "";

    /// <summary>Custom or System; looked up (custom first) when omitted.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateSet("Custom", "System", IgnoreCase = true)]
    public string? PolicyType { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? RoleName { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? ClusterId { get; set; }

    /// <summary>The folder to write to (created when missing).</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    protected override void ProcessRecord()
    {
        try
        {
            var folder = FileSystemPath(Path);
            // Writes a local file only (RAM is just read), so the default impact applies: -WhatIf skips it, no prompt.
            if (!ShouldProcess(folder, $"Back up every version of policy {PolicyName}")) return;
            var type = string.IsNullOrEmpty(PolicyType) ? null : PolicyType;
            var role = string.IsNullOrEmpty(RoleName) ? null : RoleName;
            var cluster = string.IsNullOrEmpty(ClusterId) ? null : ClusterId;
            var services = Services;
            WriteObject(Run(ct => services.Backups.BackupAsync(PolicyName, type, role, cluster, folder, ct)));
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            WriteAckError(e, PolicyName);
        }
    }
}
