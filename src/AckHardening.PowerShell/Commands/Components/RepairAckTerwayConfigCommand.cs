using System.Management.Automation;
using AckHardening.Components;
using AckHardening.Core.Components;
using AckHardening.Core.Errors;
using AckHardening.Core.KubeAccess;
using AckHardening.PowerShell.Infrastructure;

namespace AckHardening.PowerShell.Commands;

/// <summary>
/// Repair-AckTerwayConfig: adds "credential_path": "/var/addon/token-config" to eni_conf (after min_pool_size) with
/// one text edit, after writing a backup of the ConfigMap; the replace carries the resourceVersion that was read, so
/// a concurrent edit is never overwritten. With -Redeploy it then restarts the Terway DaemonSet and waits.
/// </summary>
[Cmdlet(VerbsDiagnostic.Repair, "AckTerwayConfig", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(AckTerwayConfigStatus), typeof(AckWorkloadRedeployResult))]
public sealed class RepairAckTerwayConfigCommand : AckKubernetesCmdlet
{
    private ComponentCatalog? _catalog;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[] ClusterId { get; set; } = [];

    /// <summary>Folder for the ConfigMap backup; a per-user application-data folder when omitted.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? BackupPath { get; set; }

    /// <summary>Restart the Terway DaemonSet after the change and wait for its rollout.</summary>
    [Parameter]
    public SwitchParameter Redeploy { get; set; }

    /// <summary>Emit the status after the repair.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CatalogPath { get; set; }

    /// <summary>With -Redeploy: how long to wait for the Terway rollout.</summary>
    [Parameter]
    [ValidateRange(1, 86400)]
    public int TimeoutSec { get; set; } = 600;

    /// <summary>With -Redeploy: how often the DaemonSet is read while waiting.</summary>
    [Parameter]
    [ValidateRange(0.05, 300)]
    public double PollIntervalSec { get; set; } = 2;

    protected override void BeginProcessing()
    {
        _catalog = ComponentCmdletSupport.LoadCatalogOrStop(this, CatalogPath);
    }

    protected override void ProcessRecord()
    {
        foreach (var id in ClusterId)
        {
            try
            {
                RepairOne(id);
            }
            catch (Exception e) when (e is not PipelineStoppedException)
            {
                if (e is AckException { ErrorId: KubernetesErrors.Unauthorized }) ForgetKubeconfig(id);
                WriteAckError(e, id);
            }
        }
    }

    private void RepairOne(string clusterId)
    {
        var gateway = ConnectKubernetes(clusterId);
        var service = new TerwayConfigService(gateway, _catalog!, Log);
        var read = Run(ct => service.ReadAsync(clusterId, ct));
        var plan = TerwayConfigService.PlanRepair(read);
        var redeployTarget = TerwayConfigService.RedeployTargetFor(read);

        if (read.Status.AccessKeyOverride)
            WriteWarning($"Cluster {clusterId}: eni_conf holds a non-empty access_key/access_secret, which Terway uses before the token. " +
                         "This command does not remove keys; delete them from eni_conf by hand (and disable the AccessKey) once the token works.");

        if (!plan.Changes)
        {
            WriteVerbose($"Cluster {clusterId}: {plan.Message} Nothing to change.");
            if (PassThru.IsPresent) WriteObject(read.Status);
            return;
        }

        var folder = string.IsNullOrEmpty(BackupPath) ? TerwayConfigBackup.DefaultFolder : GetUnresolvedProviderPathFromPSPath(BackupPath);
        if (!ShouldProcess($"ConfigMap kube-system/eni-config in cluster {clusterId}",
                $"{plan.Message} (backup to {folder})"))
            return;

        var backup = Run(ct => service.ApplyAsync(plan, folder, DateTimeOffset.UtcNow, ct));
        WriteVerbose($"Cluster {clusterId}: eni-config updated; the previous version is saved in {backup}.");

        // Read back what the API server now holds, so the status reflects the stored object.
        var after = Run(ct => service.ReadAsync(clusterId, ct));
        after.Status.BackupPath = backup;
        if (redeployTarget is null)
            WriteWarning($"Cluster {clusterId}: no Terway DaemonSet was found; restart Terway yourself so it reads the new eni_conf.");
        else if (!Redeploy.IsPresent)
            WriteWarning($"Cluster {clusterId}: Terway reads eni_conf at start: redeploy {redeployTarget.Workload} " +
                         $"(Invoke-AckComponentRedeploy -ClusterId {clusterId} -Component {redeployTarget.Component}, or -Redeploy here).");
        if (PassThru.IsPresent) WriteObject(after.Status);

        if (Redeploy.IsPresent && redeployTarget is not null)
            RedeployTerway(gateway, redeployTarget);
    }

    private void RedeployTerway(KubernetesGateway gateway, RedeployTarget target)
    {
        var service = new RedeployService(gateway, Log);
        var prepared = Run(ct => service.PrepareAsync(target, ct));
        if (!prepared.CanRestart)
        {
            WriteObject(prepared.Skipped);
            if (prepared.Problem is not null) WriteAckError(prepared.Problem, target.Workload.ToString());
            return;
        }
        if (!ShouldProcess($"{target.Workload} in cluster {target.ClusterId}", "Restart (kubectl rollout restart) and wait for the rollout"))
            return;
        var options = new RedeployOptions { Timeout = TimeSpan.FromSeconds(TimeoutSec), PollInterval = TimeSpan.FromSeconds(PollIntervalSec) };
        var outcome = Run(ct => service.RestartAndWaitAsync(prepared, options, ct));
        WriteObject(outcome.Result);
        if (outcome.Problem is not null) WriteAckError(outcome.Problem, target.Workload.ToString());
    }
}
