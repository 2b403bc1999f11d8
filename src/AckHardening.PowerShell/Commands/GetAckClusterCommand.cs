using System.Management.Automation;
using AckHardening.Clusters;
using AckHardening.Core.Clusters;
using AckHardening.Core.Errors;
using AckHardening.Core.Services.Cs;
using AckHardening.PowerShell.Infrastructure;

namespace AckHardening.PowerShell.Commands;

/// <summary>
/// Get-AckCluster: the ACK managed clusters (Pro and Basic) of a region with their worker RAM role and the roles of
/// their node pools. Other cluster kinds are skipped with a warning.
/// </summary>
[Cmdlet(VerbsCommon.Get, "AckCluster")]
[OutputType(typeof(AckCluster))]
public sealed class GetAckClusterCommand : AckServiceCmdlet
{
    private const int ProgressId = 4102;

    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[]? ClusterId { get; set; }

    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    protected override void ProcessRecord()
    {
        ClusterInventory inventory;
        try
        {
            inventory = new ClusterInventory(new CsClient(CreateTransport(), Session.Region), Session.Region, Log);
        }
        catch (Exception e) when (e is AckException or ArgumentException)
        {
            ThrowAckError(e, Region);
            return;
        }

        var pattern = string.IsNullOrEmpty(Name) ? null : new WildcardPattern(Name, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
        if (ClusterId is { Length: > 0 } ids)
            ReadByIds(inventory, ids, pattern);
        else
            ReadAll(inventory, pattern);
    }

    private void ReadByIds(ClusterInventory inventory, string[] ids, WildcardPattern? pattern)
    {
        for (var i = 0; i < ids.Length; i++)
        {
            var id = ids[i];
            if (ids.Length > 1)
                WriteProgress(new ProgressRecord(ProgressId, "Reading ACK clusters", $"{id}, {i + 1} of {ids.Length}") { PercentComplete = i * 100 / ids.Length });
            try
            {
                var cluster = Run(ct => inventory.GetClusterAsync(id, ct));
                if (cluster is null) continue; // out of scope: the inventory warned
                if (pattern is not null && !pattern.IsMatch(cluster.Name ?? ""))
                {
                    WriteVerbose($"Cluster {cluster.Name} ({id}) does not match -Name '{Name}'.");
                    continue;
                }
                WriteObject(cluster);
            }
            catch (Exception e) when (e is not PipelineStoppedException)
            {
                WriteAckError(e, id);
            }
        }
        if (ids.Length > 1)
            WriteProgress(new ProgressRecord(ProgressId, "Reading ACK clusters", "Done") { RecordType = ProgressRecordType.Completed });
    }

    private void ReadAll(ClusterInventory inventory, WildcardPattern? pattern)
    {
        var matched = 0;
        try
        {
            Run(async ct =>
            {
                Func<CsCluster, bool>? filter = pattern is null ? null : c =>
                {
                    var hit = pattern.IsMatch(c.Name ?? "");
                    if (hit) Interlocked.Increment(ref matched);
                    return hit;
                };
                await foreach (var cluster in inventory.ListClustersAsync(filter, ct).ConfigureAwait(false))
                {
                    OnPipelineThread(() => WriteObject(cluster));
                }
            });
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            WriteAckError(e, Name ?? Session.Region);
            return;
        }

        // Like Get-Process -Name: a plain name that matches nothing is an error; a wildcard that matches nothing is not.
        if (pattern is not null && matched == 0 && !WildcardPattern.ContainsWildcardCharacters(Name))
        {
            WriteAckError(new AckException("AckClusterNotFound", AckErrorKind.ObjectNotFound,
                $"No cluster named '{Name}' in {Session.Region}.", Name)
            { RecommendedAction = "Run Get-AckCluster without -Name to list the clusters, or check -Region." }, Name);
        }
    }
}
