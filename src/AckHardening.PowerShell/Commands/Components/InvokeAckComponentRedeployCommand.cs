using System.Management.Automation;
using AckHardening.Components;
using AckHardening.Core.Components;
using AckHardening.Core.Errors;
using AckHardening.Core.KubeAccess;
using AckHardening.PowerShell.Infrastructure;

namespace AckHardening.PowerShell.Commands;

/// <summary>
/// Invoke-AckComponentRedeploy: kubectl rollout restart of each workload of the given components, one at a time,
/// each followed by kubectl rollout status until it completes, fails or times out. Stops at the first workload that
/// fails or times out unless -ContinueOnError.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "AckComponentRedeploy", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(AckWorkloadRedeployResult))]
public sealed class InvokeAckComponentRedeployCommand : AckKubernetesCmdlet
{
    private ComponentCatalog? _catalog;
    private bool _stopped;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string ClusterId { get; set; } = "";

    /// <summary>Component names (catalog names); each one's workloads are restarted in catalog order.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [Alias("Name")]
    public string[] Component { get; set; } = [];

    /// <summary>The workloads to restart (from Test-AckComponentVersion); the catalog's when omitted.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowNull]
    [AllowEmptyCollection]
    public AckWorkloadReference[]? WorkloadList { get; set; }

    /// <summary>A component catalog file (YAML or JSON) instead of the built-in one.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CatalogPath { get; set; }

    /// <summary>How long to wait for each workload's rollout.</summary>
    [Parameter]
    [ValidateRange(1, 86400)]
    public int TimeoutSec { get; set; } = 600;

    /// <summary>How often the workload is read while waiting.</summary>
    [Parameter]
    [ValidateRange(0.05, 300)]
    public double PollIntervalSec { get; set; } = 2;

    /// <summary>Go on with the next workload after one fails or times out.</summary>
    [Parameter]
    public SwitchParameter ContinueOnError { get; set; }

    protected override void BeginProcessing()
    {
        _catalog = ComponentCmdletSupport.LoadCatalogOrStop(this, CatalogPath);
    }

    protected override void ProcessRecord()
    {
        var targets = new List<RedeployTarget>();
        foreach (var name in Component)
        {
            try
            {
                // A piped WorkloadList belongs to the one component of that record.
                targets.AddRange(RedeployTargets.For(ClusterId, name, Component.Length == 1 ? WorkloadList : null, _catalog!));
            }
            catch (AckException e)
            {
                WriteAckError(e, name);
            }
        }
        if (targets.Count == 0) return;

        if (_stopped)
        {
            WriteWarning($"Not redeploying {string.Join(", ", targets.Select(t => t.Workload))} in cluster {ClusterId}: an earlier workload failed or timed out (use -ContinueOnError to go on regardless).");
            return;
        }

        KubernetesGateway gateway;
        try
        {
            gateway = ConnectKubernetes(ClusterId);
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            WriteAckError(e, ClusterId);
            return;
        }

        var service = new RedeployService(gateway, Log);
        var options = new RedeployOptions { Timeout = TimeSpan.FromSeconds(TimeoutSec), PollInterval = TimeSpan.FromSeconds(PollIntervalSec) };
        for (var i = 0; i < targets.Count; i++)
        {
            var target = targets[i];
            if (!Redeploy(service, target, options))
            {
                var rest = targets.Skip(i + 1).Select(t => t.Workload.ToString()).ToList();
                if (rest.Count > 0) WriteWarning($"Stopped before {string.Join(", ", rest)}: {target.Workload} did not roll out.");
                return;
            }
        }
    }

    /// <summary>Redeploys one workload; false when the sequence must stop.</summary>
    private bool Redeploy(RedeployService service, RedeployTarget target, RedeployOptions options)
    {
        PreparedRedeploy prepared;
        try
        {
            prepared = Run(ct => service.PrepareAsync(target, ct));
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            OnKubernetesError(e);
            WriteAckError(e, target.Workload.ToString());
            return ContinueAfterFailure();
        }

        if (!prepared.CanRestart)
        {
            WriteObject(prepared.Skipped);
            if (prepared.Problem is { ErrorId: RedeployErrorIds.WorkloadNotFound } missing)
                WriteWarning($"{RedeployErrorIds.WorkloadNotFound}: {missing.Message}");
            else if (prepared.Problem is not null)
                WriteAckError(prepared.Problem, target.Workload.ToString());
            return true;
        }

        if (!ShouldProcess($"{target.Workload} ({target.Component}) in cluster {ClusterId}", "Restart (kubectl rollout restart) and wait for the rollout"))
            return true;

        RedeployOutcome outcome;
        try
        {
            outcome = Run(ct => service.RestartAndWaitAsync(prepared, options, ct));
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            OnKubernetesError(e);
            WriteAckError(e, target.Workload.ToString());
            return ContinueAfterFailure();
        }

        WriteObject(outcome.Result);
        if (outcome.Problem is not null)
        {
            OnKubernetesError(outcome.Problem);
            WriteAckError(outcome.Problem, target.Workload.ToString());
        }
        return !outcome.StopsSequence || ContinueAfterFailure();
    }

    private bool ContinueAfterFailure()
    {
        if (ContinueOnError.IsPresent) return true;
        _stopped = true;
        return false;
    }

    private void OnKubernetesError(Exception e)
    {
        if (e is AckException { ErrorId: KubernetesErrors.Unauthorized }) ForgetKubeconfig(ClusterId);
    }
}
