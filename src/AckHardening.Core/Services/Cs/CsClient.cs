using System.Globalization;
using System.Text.Json;
using AckHardening.Core.Http;

namespace AckHardening.Core.Services.Cs;

/// <summary>
/// Read operations of Container Service for Kubernetes (CS 2015-12-15, ROA: GET on a REST path, filters in the
/// query). The region picks the regional endpoint; null means the session's region.
/// </summary>
public sealed class CsClient
{
    public const int DefaultPageSize = 100;
    /// <summary>A guard against a service that keeps answering full pages: no account has this many clusters in a region.</summary>
    private const int MaxPages = 1000;

    private readonly IApiTransport _transport;

    public CsClient(IApiTransport transport, string? regionId = null)
    {
        _transport = transport ?? throw new ArgumentNullException(nameof(transport));
        RegionId = string.IsNullOrWhiteSpace(regionId) ? null : regionId;
    }

    public string? RegionId { get; }

    /// <summary>One page of clusters (page numbers start at 1).</summary>
    public async Task<CsClusterPage> DescribeClustersV1PageAsync(CsClusterListFilter? filter, int pageNumber, int pageSize, CancellationToken cancellationToken)
    {
        if (pageNumber < 1) throw new ArgumentOutOfRangeException(nameof(pageNumber), "Page numbers start at 1.");
        if (pageSize is < 1 or > 100) throw new ArgumentOutOfRangeException(nameof(pageSize), "page_size must be 1 to 100.");
        filter ??= new CsClusterListFilter();
        var request = Get("DescribeClustersV1", "/api/v1/clusters")
            .With("cluster_id", Blank(filter.ClusterId))
            .With("name", Blank(filter.Name))
            .With("cluster_type", Blank(filter.ClusterType))
            .With("cluster_spec", Blank(filter.ClusterSpec))
            .With("profile", Blank(filter.Profile))
            .With("region_id", Blank(filter.RegionId))
            .With("page_number", pageNumber.ToString(CultureInfo.InvariantCulture))
            .With("page_size", pageSize.ToString(CultureInfo.InvariantCulture));
        var r = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        var root = r.RootObject();
        var clusters = r.ObjectArray(root, "clusters", "body").Select(c => ReadCluster(r, c, "clusters[]")).ToList();
        var info = r.Object(root, "page_info", "body");
        int? total = null;
        if (info is { } pi && r.Long(pi, "total_count", "page_info") is { } t) total = (int)Math.Min(t, int.MaxValue);
        return new CsClusterPage(clusters, pageNumber, pageSize, total);
    }

    /// <summary>Every cluster matching the filter, walking all pages.</summary>
    public async Task<IReadOnlyList<CsCluster>> DescribeClustersV1Async(CsClusterListFilter? filter, CancellationToken cancellationToken, int pageSize = DefaultPageSize)
    {
        var all = new List<CsCluster>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var received = 0;
        for (var page = 1; page <= MaxPages; page++)
        {
            var result = await DescribeClustersV1PageAsync(filter, page, pageSize, cancellationToken).ConfigureAwait(false);
            received += result.Clusters.Count;
            // A cluster created or deleted while paging can shift items between pages; keep each id once.
            foreach (var c in result.Clusters) if (seen.Add(c.ClusterId)) all.Add(c);
            // With a total, count what came back (the service may use a smaller page than asked for);
            // without one, a short page is the last.
            var done = result.Clusters.Count == 0
                || (result.TotalCount is { } total ? received >= total : result.Clusters.Count < pageSize);
            if (done) return all;
        }
        return all;
    }

    /// <summary>One cluster; a missing cluster raises <see cref="AlibabaServiceException"/> ErrorClusterNotFound (HTTP 404).</summary>
    public async Task<CsCluster> DescribeClusterDetailAsync(string clusterId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterId);
        var request = Get("DescribeClusterDetail", "/clusters/" + clusterId);
        var r = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        return ReadCluster(r, r.RootObject(), "body");
    }

    public async Task<IReadOnlyList<CsNodePool>> DescribeClusterNodePoolsAsync(string clusterId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterId);
        var request = Get("DescribeClusterNodePools", "/clusters/" + clusterId + "/nodepools");
        var r = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        return r.ObjectArray(r.RootObject(), "nodepools", "body").Select(p => ReadNodePool(r, p)).ToList();
    }

    private static CsCluster ReadCluster(ResponseReader r, JsonElement c, string path) => new()
    {
        ClusterId = r.RequiredString(c, "cluster_id", path),
        Name = r.String(c, "name", path),
        ClusterType = r.String(c, "cluster_type", path),
        Profile = r.String(c, "profile", path),
        ClusterSpec = r.String(c, "cluster_spec", path),
        RegionId = r.String(c, "region_id", path),
        ZoneId = r.String(c, "zone_id", path),
        State = r.String(c, "state", path),
        CurrentVersion = r.String(c, "current_version", path),
        InitVersion = r.String(c, "init_version", path),
        VpcId = r.String(c, "vpc_id", path),
        ResourceGroupId = r.String(c, "resource_group_id", path),
        Created = r.Date(c, "created", path),
        Updated = r.Date(c, "updated", path),
        WorkerRamRoleName = r.String(c, "worker_ram_role_name", path),
        DeletionProtection = r.Bool(c, "deletion_protection", path),
        Size = r.Long(c, "size", path),
        MetaData = ReadMetaData(r, c, path),
        Parameters = ReadParameters(r, c, path),
        Tags = ReadTags(r, c, path),
    };

    // meta_data is documented as a JSON string; tolerate an object by keeping its text.
    private static string? ReadMetaData(ResponseReader r, JsonElement c, string path) =>
        ResponseReader.TryGet(c, "meta_data", out var v) && v.ValueKind == JsonValueKind.Object ? v.GetRawText() : r.String(c, "meta_data", path);

    private static IReadOnlyDictionary<string, string> ReadParameters(ResponseReader r, JsonElement c, string path)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var p = r.Object(c, "parameters", path);
        if (p is null) return map;
        foreach (var prop in p.Value.EnumerateObject())
        {
            map[prop.Name] = prop.Value.ValueKind switch
            {
                JsonValueKind.String => prop.Value.GetString() ?? "",
                JsonValueKind.Null => "",
                _ => prop.Value.GetRawText(),
            };
        }
        return map;
    }

    private static IReadOnlyDictionary<string, string> ReadTags(ResponseReader r, JsonElement c, string path)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var t in r.ObjectArray(c, "tags", path))
        {
            var key = r.String(t, "key", path + ".tags[]");
            if (!string.IsNullOrEmpty(key)) map[key] = r.String(t, "value", path + ".tags[]") ?? "";
        }
        return map;
    }

    private static CsNodePool ReadNodePool(ResponseReader r, JsonElement p)
    {
        const string path = "nodepools[]";
        var info = r.RequiredObject(p, "nodepool_info", path);
        var status = r.Object(p, "status", path);
        var scaling = r.Object(p, "scaling_group", path);
        var auto = r.Object(p, "auto_scaling", path);
        var roleName = scaling is { } sg ? r.String(sg, "ram_role_name", path + ".scaling_group") : null;
        if (string.IsNullOrEmpty(roleName) && scaling is { } sg2) roleName = r.String(sg2, "ram_policy", path + ".scaling_group");
        return new CsNodePool
        {
            NodePoolId = r.RequiredString(info, "nodepool_id", path + ".nodepool_info"),
            Name = r.String(info, "name", path + ".nodepool_info"),
            IsDefault = r.Bool(info, "is_default", path + ".nodepool_info") ?? false,
            Type = r.String(info, "type", path + ".nodepool_info"),
            State = status is { } s ? r.String(s, "state", path + ".status") : null,
            TotalNodes = status is { } s2 ? r.Long(s2, "total_nodes", path + ".status") : null,
            HealthyNodes = status is { } s3 ? r.Long(s3, "healthy_nodes", path + ".status") : null,
            DesiredSize = scaling is { } sg3 ? r.Long(sg3, "desired_size", path + ".scaling_group") : null,
            AutoScalingEnabled = auto is { } a && (r.Bool(a, "enable", path + ".auto_scaling") ?? false),
            RamRoleName = string.IsNullOrEmpty(roleName) ? null : roleName,
        };
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    private ApiRequest Get(string action, string path) =>
        new(ServiceDescriptor.Cs, action) { Method = "GET", Path = path, Idempotent = true, RegionId = RegionId };

    private async Task<ResponseReader> SendAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return new ResponseReader(request, response);
    }
}
