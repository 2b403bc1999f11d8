using System.Management.Automation;
using AckHardening.Audit;
using AckHardening.Clusters;
using AckHardening.Core.Audit;
using AckHardening.Core.Audit.Trails;
using AckHardening.Core.Clusters;
using AckHardening.Core.Errors;
using AckHardening.Core.Http;
using AckHardening.Core.Services.ActionTrail;
using AckHardening.Core.Services.Cs;
using AckHardening.PowerShell.Infrastructure;

namespace AckHardening.PowerShell.Commands;

/// <summary>
/// Shared inputs and flow of Get-AckWorkerRoleActivity and Get-AckActivityCoverage. Roles are gathered from the
/// pipeline (clusters or role names); the evidence is read once for all of them in EndProcessing (one SLS query,
/// one LookupEvents walk or one file scan), then each role's results are labelled with its cluster.
/// </summary>
public abstract class RoleActivityCmdlet : AckServiceCmdlet
{
    protected const string SlsSet = "Sls";
    protected const string FileSet = "File";
    private const int MaxDefaultDays = 90;

    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[]? ClusterId { get; set; }

    /// <summary>Role names; binds WorkerRamRoleName of Get-AckCluster's objects.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("WorkerRamRoleName")]
    [AllowNull, AllowEmptyCollection]
    public string[]? RoleName { get; set; }

    /// <summary>Bound from Get-AckCluster's objects; used with -IncludeNodePoolRoles.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
    [AllowNull, AllowEmptyCollection]
    public string[]? NodePoolWorkerRoles { get; set; }

    [Parameter]
    public SwitchParameter IncludeNodePoolRoles { get; set; }

    [Parameter(ParameterSetName = SlsSet)]
    [Parameter(ParameterSetName = FileSet)]
    public ActivitySource Source { get; set; } = ActivitySource.Sls;

    [Parameter(ParameterSetName = SlsSet)]
    [ValidateNotNullOrEmpty]
    public string? TrailName { get; set; }

    [Parameter(ParameterSetName = SlsSet)]
    [ValidateNotNullOrEmpty]
    public string? Project { get; set; }

    [Parameter(ParameterSetName = SlsSet)]
    [ValidateNotNullOrEmpty]
    public string? Logstore { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = FileSet)]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    public string[]? Path { get; set; }

    [Parameter]
    public DateTime? Since { get; set; }

    [Parameter]
    public DateTime? Until { get; set; }

    [Parameter]
    [ValidateRange(1, 3650)]
    public int? Days { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ServiceMapPath { get; set; }

    /// <summary>Rows per GetLogs page (advanced; default 10,000).</summary>
    [Parameter(DontShow = true)]
    [ValidateRange(1, 10000)]
    public int PageSize { get; set; } = 10000;

    /// <summary>True to emit coverage objects instead of activities.</summary>
    protected abstract bool EmitCoverage { get; }

    private readonly ActivityClusterLabels _labels = new();
    private string? _clusterRegion;
    private IApiTransport? _transport;
    private ClusterInventory? _inventory;

    protected override void BeginProcessing()
    {
        try
        {
            if (Days is not null && (Since is not null || Until is not null))
                throw new AckException("AckInvalidWindow", AckErrorKind.InvalidArgument, "Use either -Days or -Since/-Until, not both.");
            if (Since is { } s && Until is { } u && u <= s)
                throw new AckException("AckInvalidWindow", AckErrorKind.InvalidArgument, "-Until must be after -Since.");
            if (ParameterSetName == FileSet && MyInvocation.BoundParameters.ContainsKey(nameof(Source)) && Source != ActivitySource.File)
                throw new AckException("AckInvalidArgument", AckErrorKind.InvalidArgument, "-Path reads files: use it without -Source or with -Source File.");
            if (ParameterSetName == SlsSet && Source == ActivitySource.File)
                throw new AckException("AckInvalidArgument", AckErrorKind.InvalidArgument, "-Source File needs -Path (files or folders of ActionTrail events).");
            if (ParameterSetName == SlsSet && (Project is null) != (Logstore is null))
                throw new AckException("AckInvalidArgument", AckErrorKind.InvalidArgument, "-Project and -Logstore go together.");
            if (ParameterSetName == SlsSet && Project is not null && TrailName is not null)
                throw new AckException("AckInvalidArgument", AckErrorKind.InvalidArgument, "Use either -TrailName or -Project/-Logstore.");
            if (Source == ActivitySource.LookupEvents && (Project is not null || TrailName is not null))
                throw new AckException("AckInvalidArgument", AckErrorKind.InvalidArgument, "-Source LookupEvents needs no trail, project or logstore.");
            if (Project is not null) ActionTrailNames.ValidateSlsProject(Project);
            if (Logstore is not null) ActivityQueryService.ValidateLogstore(Logstore);
            if (TrailName is not null) ActionTrailNames.ValidateTrailName(TrailName);
        }
        catch (AckException e)
        {
            ThrowAckError(e, null);
        }
    }

    protected override void ProcessRecord()
    {
        try
        {
            if (RoleName?.Where(r => !string.IsNullOrEmpty(r)).ToArray() is { Length: > 0 } roles)
            {
                var cluster = ClusterId is { Length: 1 } one ? one[0] : null;
                foreach (var r in roles) AddRole(r, cluster);
                if (IncludeNodePoolRoles && NodePoolWorkerRoles is { } pools)
                    foreach (var r in pools.Where(p => !string.IsNullOrEmpty(p))) AddRole(r, cluster);
                if (ClusterId is { Length: 1 } && !string.IsNullOrEmpty(Region)) _clusterRegion ??= Region;
                return;
            }
            if (ClusterId is { Length: > 0 } ids)
            {
                foreach (var id in ids)
                {
                    try
                    {
                        // Built on the pipeline thread: the session is found through the runspace, which thread-pool work lacks.
                        var inventory = Inventory;
                        var cluster = Run(ct => inventory.GetClusterAsync(id, ct));
                        if (cluster is not null) AddCluster(cluster);
                    }
                    catch (Exception e) when (e is not PipelineStoppedException)
                    {
                        WriteAckError(e, id);
                    }
                }
                return;
            }
            // Neither roles nor clusters: every in-scope cluster of the region.
            var all = new List<AckCluster>();
            Run(async ct => { await foreach (var c in Inventory.ListClustersAsync(null, ct).ConfigureAwait(false)) all.Add(c); });
            foreach (var c in all) AddCluster(c);
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            WriteAckError(e, (object?)ClusterId ?? RoleName);
        }
    }

    protected override void EndProcessing()
    {
        if (_labels.RoleNames.Count == 0) return;
        try
        {
            var map = RamCodeMap.Default;
            if (ServiceMapPath is not null) map = map.WithFile(GetUnresolvedProviderPathFromPSPath(ServiceMapPath));
            var roles = _labels.RoleNames;
            WriteVerbose($"Reading the activity of {string.Join(", ", roles)} ({(ParameterSetName == FileSet ? ActivitySource.File : Source)}).");
            if (ParameterSetName == FileSet) FromFiles(roles, map);
            else if (Source == ActivitySource.LookupEvents) FromLookupEvents(roles, map);
            else FromSls(roles, map);
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            ThrowAckError(e, TrailName ?? Logstore ?? (object?)Path?.FirstOrDefault());
        }
    }

    private void FromSls(IReadOnlyList<string> roles, RamCodeMap map)
    {
        var now = DateTimeOffset.UtcNow;
        SlsActivityTarget target;
        DateTimeOffset? trailStart = null;
        IReadOnlyList<string>? trailReasons = null;
        if (Project is not null)
        {
            target = new SlsActivityTarget(Project, Session.Region, Logstore!);
        }
        else
        {
            var trails = new AuditTrailService(new ActionTrailClient(Transport), Log);
            AckAuditTrail trail;
            if (TrailName is not null)
            {
                trail = Run(ct => trails.FindAsync(TrailName, _clusterRegion, ct))
                    ?? throw new AckException("AckAuditTrailNotFound", AckErrorKind.ObjectNotFound, $"No ActionTrail trail named '{TrailName}'.", TrailName)
                    { RecommendedAction = "Run Get-AckAuditTrail to list the trails." };
                if (trail.SlsProject is null || trail.Logstore is null)
                    throw new AckException("AckNoSlsDelivery", AckErrorKind.InvalidOperation, $"Trail '{trail.Name}' does not deliver to Log Service, so it cannot be queried.", trail.Name)
                    { RecommendedAction = "Use a trail with SLS delivery (New-AckAuditTrail), -Source LookupEvents, or -Path over its OSS files." };
                if (!trail.ReadyForAnalysis)
                {
                    foreach (var r in trail.Reasons) WriteWarning($"Trail {trail.Name}: {r}");
                    trailReasons = trail.Reasons.Select(r => $"Trail {trail.Name}: {r}").ToList();
                }
            }
            else
            {
                trail = Run(ct => trails.SelectEvidenceTrailAsync(_clusterRegion, ct));
                WriteVerbose($"Using trail {trail.Name} ({trail.SlsProject}/{trail.Logstore}, logging for {trail.LoggingDays:0.#} days).");
            }
            target = new SlsActivityTarget(trail.SlsProject!, trail.SlsRegion, trail.Logstore!);
            trailStart = trail.StartLoggingTime;
        }
        var (from, to) = Window(now, trailStart);
        var service = new ActivityQueryService(Transport, Log, new ActivityQueryOptions { SlsPageSize = PageSize });
        var analysis = Run(ct => service.QuerySlsAsync(target, roles, from, to, map, ct));
        Emit(analysis.Activities, analysis.Coverage, trailReasons);
    }

    private void FromLookupEvents(IReadOnlyList<string> roles, RamCodeMap map)
    {
        var (from, to) = Window(DateTimeOffset.UtcNow, null);
        var service = new ActivityQueryService(Transport, Log);
        var region = Session.Region;
        var analysis = Run(ct => service.QueryLookupEventsAsync(roles, from, to, map, region, ct));
        Emit(analysis.Activities, analysis.Coverage, null);
    }

    private void FromFiles(IReadOnlyList<string> roles, RamCodeMap map)
    {
        var files = new List<string>();
        foreach (var p in Path!)
        {
            try { files.AddRange(GetResolvedProviderPathFromPSPath(p, out _)); }
            catch (ItemNotFoundException e)
            {
                throw new AckException("AckActivityPathNotFound", AckErrorKind.ObjectNotFound, $"Path '{p}' does not exist.", p, e);
            }
        }
        DateTimeOffset? from = null, to = null;
        if (Days is not null || Since is not null || Until is not null) (from, to) = Window(DateTimeOffset.UtcNow, null);
        var log = Log;
        var result = Run(ct => ActivityQueryService.ScanFilesAsync(files, roles, from, to, map, log, ct));
        Emit(result.Activities, result.Coverage, null);
    }

    private void Emit(IReadOnlyList<AckRoleActivity> activities, IReadOnlyList<AckActivityCoverage> coverage, IReadOnlyList<string>? extraReasons)
    {
        if (EmitCoverage)
        {
            foreach (var c in _labels.Label(coverage, extraReasons)) WriteObject(c);
            return;
        }
        foreach (var c in coverage.Where(c => !c.IsWindowLongEnough || extraReasons is { Count: > 0 }))
            foreach (var r in c.Reasons) WriteWarning($"{c.RoleName}: {r}");
        foreach (var a in _labels.Label(activities)) WriteObject(a);
    }

    /// <summary>
    /// [from, to): -Days back from now, or -Since/-Until, else the trail's logging window (at most 90 days), else 90 days.
    /// </summary>
    private (DateTimeOffset From, DateTimeOffset To) Window(DateTimeOffset now, DateTimeOffset? trailStart)
    {
        var to = Until is { } u ? new DateTimeOffset(u) : now;
        DateTimeOffset from;
        if (Days is { } d) from = to.AddDays(-d);
        else if (Since is { } s) from = new DateTimeOffset(s);
        else
        {
            from = to.AddDays(-MaxDefaultDays);
            if (trailStart is { } ts && ts > from) from = ts;
        }
        if (to <= from) throw new AckException("AckInvalidWindow", AckErrorKind.InvalidArgument, $"The window [{from.UtcDateTime:u}, {to.UtcDateTime:u}) is empty.");
        return (from, to);
    }

    private void AddCluster(AckCluster cluster)
    {
        var roles = cluster.GetWorkerRoleNames(IncludeNodePoolRoles.IsPresent);
        if (roles.Length == 0)
        {
            WriteWarning($"Cluster {cluster.Name} ({cluster.ClusterId}) reports no worker RAM role; nothing to read.");
            return;
        }
        _clusterRegion ??= cluster.RegionId;
        foreach (var r in roles) AddRole(r, cluster.ClusterId);
    }

    private void AddRole(string role, string? clusterId)
    {
        Core.Audit.RolePrincipalMatcher.ValidateRoleName(role);
        _labels.Add(role, clusterId);
    }

    private IApiTransport Transport => _transport ??= CreateTransport();

    private ClusterInventory Inventory => _inventory ??= new ClusterInventory(new CsClient(Transport, Session.Region), Session.Region, Log);
}
