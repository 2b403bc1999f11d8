using System.Management.Automation;
using AckHardening.Audit;
using AckHardening.Core.Audit.Trails;
using AckHardening.Core.Clusters;
using AckHardening.Core.Errors;
using AckHardening.Core.Services.ActionTrail;
using AckHardening.Core.Services.Cs;
using AckHardening.PowerShell.Infrastructure;

namespace AckHardening.PowerShell.Commands;

/// <summary>
/// Get-AckAuditTrail: the account's ActionTrail trails with their logging state and whether each is ready to serve
/// as usage evidence (logging, at least 7 days, EventRW All, the cluster's region covered, delivered to SLS).
/// </summary>
[Cmdlet(VerbsCommon.Get, "AckAuditTrail")]
[OutputType(typeof(AckAuditTrail))]
public sealed class GetAckAuditTrailCommand : AckServiceCmdlet
{
    [Parameter(Position = 0)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    /// <summary>A cluster whose region each trail must cover (its RegionId is read from CS).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? ClusterId { get; set; }

    protected override void ProcessRecord()
    {
        AuditTrailService service;
        string? regionToCover;
        try
        {
            var transport = CreateTransport();
            service = new AuditTrailService(new ActionTrailClient(transport), Log);
            regionToCover = string.IsNullOrEmpty(Region) ? null : Region;
            if (!string.IsNullOrEmpty(ClusterId))
            {
                var inventory = new ClusterInventory(new CsClient(transport, Session.Region), Session.Region, Log);
                var cluster = Run(ct => inventory.GetClusterAsync(ClusterId, ct));
                if (cluster is null) return; // out of scope: the inventory warned
                regionToCover = cluster.RegionId ?? regionToCover ?? Session.Region;
            }
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            WriteAckError(e, (object?)ClusterId ?? Region);
            return;
        }

        var patterns = Name?.Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant)).ToArray();
        IReadOnlyList<AckAuditTrail> trails;
        try
        {
            trails = Run(ct => service.GetTrailsAsync(patterns is null ? null : n => patterns.Any(p => p.IsMatch(n)), regionToCover, ct));
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            WriteAckError(e, Name is null ? Region : string.Join(",", Name));
            return;
        }
        foreach (var t in trails) WriteObject(t);

        // Like Get-Process -Name: a plain name that matches nothing is an error, a wildcard that matches nothing is not.
        foreach (var n in Name ?? Array.Empty<string>())
        {
            if (WildcardPattern.ContainsWildcardCharacters(n) || trails.Any(t => t.Name.Equals(n, StringComparison.OrdinalIgnoreCase))) continue;
            WriteAckError(new AckException("AckAuditTrailNotFound", AckErrorKind.ObjectNotFound, $"No ActionTrail trail named '{n}'.", n)
            { RecommendedAction = "Run Get-AckAuditTrail without -Name to list the trails, or create one with New-AckAuditTrail." }, n);
        }
    }
}
