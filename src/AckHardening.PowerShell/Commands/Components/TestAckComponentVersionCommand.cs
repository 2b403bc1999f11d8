using System.Management.Automation;
using AckHardening.Components;
using AckHardening.Core.Components;
using AckHardening.Core.Diagnostics;
using AckHardening.Core.Errors;
using AckHardening.Core.Http;
using AckHardening.Core.Services.Cs;
using AckHardening.Core.Services.Ram;
using AckHardening.PowerShell.Infrastructure;

namespace AckHardening.PowerShell.Commands;

/// <summary>
/// Test-AckComponentVersion: one compliance row per catalog component and cluster (status against the minimum
/// version, next step of the procedure, managed role grant). Piped clusters are checked up to -ThrottleLimit at a time.
/// ImageTag components (cluster-autoscaler) are read from their workload through the Kubernetes API (-KubeconfigPath,
/// else a temporary kubeconfig from CS), which is reached only when such a component is not known to the addon API.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "AckComponentVersion", DefaultParameterSetName = "Report")]
[OutputType(typeof(AckComponentCompliance), ParameterSetName = ["Report"])]
[OutputType(typeof(bool), ParameterSetName = ["Quiet"])]
public sealed class TestAckComponentVersionCommand : AckKubernetesCmdlet
{
    private const int ProgressId = 4220;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[] ClusterId { get; set; } = [];

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CatalogPath { get; set; }

    /// <summary>Return one bool: true when no component of any cluster needs an upgrade or a role grant.</summary>
    [Parameter(Mandatory = true, ParameterSetName = "Quiet")]
    public SwitchParameter Quiet { get; set; }

    [Parameter]
    [ValidateRange(1, 32)]
    public int ThrottleLimit { get; set; } = 4;

    private ComponentCatalog? _catalog;
    private readonly List<(string ClusterId, IApiTransport Transport, string Region, KubernetesConnector Kubernetes)> _work = new();

    protected override void BeginProcessing()
    {
        _catalog = ComponentCmdletSupport.LoadCatalogOrStop(this, CatalogPath);
    }

    // Each piped cluster keeps the transport of its own -Region (Get-AckCluster objects carry RegionId).
    protected override void ProcessRecord()
    {
        IApiTransport transport;
        try
        {
            transport = CreateTransport();
        }
        catch (Exception e) when (e is AckException or ArgumentException)
        {
            ThrowAckError(e, Region);
            return;
        }
        foreach (var id in ClusterId)
        {
            if (_work.Any(w => w.ClusterId == id)) continue;
            KubernetesConnector kubernetes;
            try
            {
                kubernetes = PrepareKubernetes(id);
            }
            catch (Exception e) when (e is not PipelineStoppedException)
            {
                WriteAckError(e, id);
                continue;
            }
            _work.Add((id, transport, Session.Region, kubernetes));
        }
    }

    protected override void EndProcessing()
    {
        if (_work.Count == 0) return;
        var results = new IReadOnlyList<AckComponentCompliance>?[_work.Count];
        var errors = new Exception?[_work.Count];
        var done = 0;

        Run(async ct =>
        {
            using var gate = new SemaphoreSlim(ThrottleLimit);
            var tasks = _work.Select(async (w, i) =>
            {
                await gate.WaitAsync(ct).ConfigureAwait(false);
                try
                {
                    results[i] = await EvaluateAsync(w.ClusterId, w.Transport, w.Region, w.Kubernetes, ct).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    errors[i] = e;
                }
                finally
                {
                    gate.Release();
                    var n = Interlocked.Increment(ref done);
                    if (_work.Count > 1)
                        Log.Progress(new AckProgress(ProgressId, "Checking component versions", $"{n} of {_work.Count} clusters", n * 100 / _work.Count));
                }
            }).ToList();
            await Task.WhenAll(tasks).ConfigureAwait(false);
            if (_work.Count > 1) Log.Progress(new AckProgress(ProgressId, "Checking component versions", "Done", 100, Completed: true));
        });

        var allClear = true;
        for (var i = 0; i < _work.Count; i++)
        {
            if (errors[i] is { } e)
            {
                allClear = false;
                WriteAckError(e, _work[i].ClusterId);
                continue;
            }
            foreach (var row in results[i]!)
            {
                if (row.Status == ComplianceStatus.UpgradeRequired || row.NextStep == ComponentNextStep.GrantServiceRole) allClear = false;
                if (!Quiet) WriteObject(row);
            }
        }
        if (Quiet) WriteObject(allClear);
    }

    private Task<IReadOnlyList<AckComponentCompliance>> EvaluateAsync(string clusterId, IApiTransport transport, string region,
        KubernetesConnector kubernetes, CancellationToken ct)
    {
        var addons = new CsAddonClient(transport, region);
        var collector = new ComponentComplianceCollector(new CsClient(transport, region), addons,
            new ServiceRoleChecker(addons, new RamClient(transport), Log), _catalog!, Log);
        var reader = ComponentCmdletSupport.LazyImageReader(kubernetes, clusterId, () => ForgetKubeconfig(clusterId));
        return collector.EvaluateAsync(clusterId, reader, ct);
    }
}
