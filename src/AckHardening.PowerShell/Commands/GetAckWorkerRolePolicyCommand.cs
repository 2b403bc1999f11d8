using System.Management.Automation;
using AckHardening.Clusters;
using AckHardening.Core.Clusters;
using AckHardening.Core.Errors;
using AckHardening.Core.Policies;
using AckHardening.Core.Services.Cs;
using AckHardening.Core.Services.Ram;
using AckHardening.Policy;
using AckHardening.PowerShell.Infrastructure;

namespace AckHardening.PowerShell.Commands;

/// <summary>
/// Get-AckWorkerRolePolicy: the policies attached to a cluster's worker RAM role (and, with -IncludeNodePoolRoles,
/// to its node pools' roles), or to a role given by name. One object per attached policy per role.
/// </summary>
[Cmdlet(VerbsCommon.Get, "AckWorkerRolePolicy", DefaultParameterSetName = ByCluster)]
[OutputType(typeof(AckWorkerRolePolicy))]
public sealed class GetAckWorkerRolePolicyCommand : AckServiceCmdlet
{
    private const string ByCluster = "ByCluster";
    private const string ByRole = "ByRole";
    private const int ProgressId = 4103;

    /// <summary>Clusters whose worker roles to read; every ACK managed cluster of the region when omitted.</summary>
    [Parameter(Position = 0, ParameterSetName = ByCluster, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[]? ClusterId { get; set; }

    [Parameter(ParameterSetName = ByCluster)]
    public SwitchParameter IncludeNodePoolRoles { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ByRole, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[]? RoleName { get; set; }

    protected override void ProcessRecord()
    {
        Clients scope;
        try
        {
            scope = new Clients(this);
        }
        catch (Exception e) when (e is AckException or ArgumentException)
        {
            ThrowAckError(e, Region);
            return;
        }

        if (ParameterSetName == ByRole)
        {
            foreach (var role in RoleName!) ReadRole(scope.Reader, role, clusterId: null);
            return;
        }

        if (ClusterId is { Length: > 0 } ids)
        {
            foreach (var id in ids)
            {
                AckCluster? cluster;
                try
                {
                    cluster = Run(ct => scope.Inventory.GetClusterAsync(id, ct));
                }
                catch (Exception e) when (e is not PipelineStoppedException)
                {
                    WriteAckError(e, id);
                    continue;
                }
                if (cluster is not null) ReadCluster(scope.Reader, cluster);
            }
            return;
        }

        // No cluster given: walk every in-scope cluster of the region.
        var clusters = new List<AckCluster>();
        try
        {
            Run(async ct =>
            {
                await foreach (var c in scope.Inventory.ListClustersAsync(null, ct).ConfigureAwait(false)) clusters.Add(c);
            });
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            WriteAckError(e, Session.Region);
            return;
        }
        for (var i = 0; i < clusters.Count; i++)
        {
            WriteProgress(new ProgressRecord(ProgressId, "Reading worker-role policies", $"{clusters[i].Name} ({clusters[i].ClusterId}), {i + 1} of {clusters.Count}")
            { PercentComplete = i * 100 / clusters.Count });
            ReadCluster(scope.Reader, clusters[i]);
        }
        WriteProgress(new ProgressRecord(ProgressId, "Reading worker-role policies", "Done") { RecordType = ProgressRecordType.Completed });
    }

    private void ReadCluster(WorkerRolePolicyReader reader, AckCluster cluster)
    {
        var roles = cluster.GetWorkerRoleNames(IncludeNodePoolRoles.IsPresent);
        if (roles.Length == 0)
        {
            WriteWarning($"Cluster {cluster.Name} ({cluster.ClusterId}) reports no worker RAM role; nothing to read.");
            return;
        }
        WriteVerbose($"Cluster {cluster.Name} ({cluster.ClusterId}): reading the policies of {string.Join(", ", roles)}.");
        foreach (var role in roles) ReadRole(reader, role, cluster.ClusterId);
    }

    private void ReadRole(WorkerRolePolicyReader reader, string roleName, string? clusterId)
    {
        try
        {
            var region = Session.Region;
            foreach (var policy in Run(ct => reader.GetRolePoliciesAsync(roleName, clusterId, region, ct))) WriteObject(policy);
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            WriteAckError(e, roleName);
        }
    }

    /// <summary>The clients of one call, built once: they share the transport.</summary>
    private sealed class Clients
    {
        public Clients(GetAckWorkerRolePolicyCommand cmdlet)
        {
            var transport = cmdlet.CreateTransport();
            var region = cmdlet.Session.Region;
            Inventory = new ClusterInventory(new CsClient(transport, region), region, cmdlet.Log);
            Reader = new WorkerRolePolicyReader(new RamClient(transport), cmdlet.Log);
        }

        public ClusterInventory Inventory { get; }
        public WorkerRolePolicyReader Reader { get; }
    }
}
