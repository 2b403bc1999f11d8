using System.Management.Automation;
using AckHardening.Audit;
using AckHardening.Core.Audit.Trails;
using AckHardening.Core.Errors;
using AckHardening.Core.Services.ActionTrail;
using AckHardening.Core.Services.Sts;
using AckHardening.PowerShell.Infrastructure;

namespace AckHardening.PowerShell.Commands;

/// <summary>
/// New-AckAuditTrail: creates an ActionTrail trail that delivers to a Log Service project and starts it
/// (CreateTrail, then StartLogging). An existing trail of that name is an error unless -UseExisting reuses it.
/// </summary>
[Cmdlet(VerbsCommon.New, "AckAuditTrail", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(AckAuditTrail))]
public sealed class NewAckAuditTrailCommand : AckServiceCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("TrailName")]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    /// <summary>The Log Service project (it must exist; ActionTrail creates the logstore actiontrail_&lt;Name&gt; in it).</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string SlsProject { get; set; } = "";

    /// <summary>The project's region; the session's region when omitted.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? SlsRegion { get; set; }

    [Parameter]
    [ValidateSet("All", "Read", "Write")]
    public string EventRW { get; set; } = "All";

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? SlsWriteRoleArn { get; set; }

    /// <summary>Regions whose events the trail records; All when omitted.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? TrailRegion { get; set; }

    [Parameter]
    public SwitchParameter UseExisting { get; set; }

    protected override void ProcessRecord()
    {
        AuditTrailService service;
        StsClient sts;
        string slsRegion;
        try
        {
            ActionTrailNames.ValidateTrailName(Name);
            ActionTrailNames.ValidateSlsProject(SlsProject);
            if (EventRW != "All")
                WriteWarning($"EventRW {EventRW}: the trail will not record every call, so it will not be ready for analysis (Get-AckWorkerRoleActivity needs All).");
            var transport = CreateTransport();
            service = new AuditTrailService(new ActionTrailClient(transport), Log);
            sts = new StsClient(transport);
            slsRegion = SlsRegion ?? Session.Region;
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            ThrowAckError(e, Name);
            return;
        }

        try
        {
            var existing = Run(ct => service.FindAsync(Name, null, ct));
            if (existing is not null)
            {
                ReuseExisting(service, existing);
                return;
            }

            var target = $"trail '{Name}' delivering {EventRW} events to Log Service project '{SlsProject}' ({slsRegion})";
            if (!ShouldProcess(target, "Create and start ActionTrail trail")) return;
            var trail = Run(async ct =>
            {
                var caller = await sts.GetCallerIdentityAsync(ct).ConfigureAwait(false);
                var arn = ActionTrailNames.SlsProjectArn(slsRegion, caller.AccountId ?? "", SlsProject);
                var parameters = new CreateTrailParameters(Name, arn)
                {
                    EventRW = EventRW,
                    SlsWriteRoleArn = SlsWriteRoleArn,
                    TrailRegion = TrailRegion is { Length: > 0 } r ? string.Join(",", r) : "All",
                };
                return await service.CreateAndStartAsync(parameters, null, ct).ConfigureAwait(false);
            });
            WriteInformation(new InformationRecord($"Trail {trail.Name} created and logging to {trail.SlsProject}/{trail.Logstore}." +
                (trail.ReadyForAnalysis ? "" : $" Not ready for analysis yet: {trail.ReasonText}"), MyInvocation.MyCommand.Name));
            WriteObject(trail);
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            WriteAckError(e, Name);
        }
    }

    private void ReuseExisting(AuditTrailService service, AckAuditTrail existing)
    {
        if (!UseExisting)
        {
            WriteAckError(AuditTrailService.TrailExists(Name), Name);
            return;
        }
        if (!string.Equals(existing.SlsProject, SlsProject, StringComparison.Ordinal))
            WriteWarning($"Trail {Name} exists and delivers to {(existing.SlsProject is null ? "no Log Service project" : $"project {existing.SlsProject}")}, not {SlsProject}; it is reused as it is.");
        if (existing.IsLogging)
        {
            WriteVerbose($"Trail {Name} exists and is logging; nothing to change.");
            WriteObject(existing);
            return;
        }
        if (!ShouldProcess($"trail '{Name}'", "Start logging")) return;
        WriteObject(Run(ct => service.StartAsync(Name, null, ct)));
    }
}
