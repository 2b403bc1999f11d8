using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AckHardening.Core.Http;

namespace AckHardening.Core.Services.Cs;

/// <summary>
/// CS component management (2015-12-15, ROA): installed addons and their config, the versions an addon offers,
/// upgrades (a task to poll with DescribeTaskInfo), config changes, and the managed service role check.
/// </summary>
public sealed class CsAddonClient
{
    private static readonly string ContentTypeJson = "application/json; charset=utf-8";
    private readonly IApiTransport _transport;

    public CsAddonClient(IApiTransport transport, string? regionId = null)
    {
        _transport = transport ?? throw new ArgumentNullException(nameof(transport));
        RegionId = string.IsNullOrWhiteSpace(regionId) ? null : regionId;
    }

    public string? RegionId { get; }

    public async Task<IReadOnlyList<CsAddonInstance>> ListClusterAddonInstancesAsync(string clusterId, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterId);
        var r = await SendAsync(Get("ListClusterAddonInstances", $"/clusters/{clusterId}/addon_instances"), ct).ConfigureAwait(false);
        return r.ObjectArray(r.RootObject(), "addons", "body")
            .Select(a => new CsAddonInstance(r.RequiredString(a, "name", "addons[]"), r.String(a, "version", "addons[]"), r.String(a, "state", "addons[]")))
            .ToList();
    }

    /// <summary>One installed addon with its config. A name that is not installed raises the service's 404.</summary>
    public async Task<CsAddonInstanceDetail> GetClusterAddonInstanceAsync(string clusterId, string name, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterId);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var r = await SendAsync(Get("GetClusterAddonInstance", $"/clusters/{clusterId}/addon_instances/{name}"), ct).ConfigureAwait(false);
        var root = r.RootObject();
        // config is documented as a JSON string; keep an object's text if a service ever sends one.
        var config = ResponseReader.TryGet(root, "config", out var c) && c.ValueKind == JsonValueKind.Object ? c.GetRawText() : r.String(root, "config", "body");
        return new CsAddonInstanceDetail(r.RequiredString(root, "name", "body"), r.String(root, "version", "body"), r.String(root, "state", "body"), config);
    }

    /// <summary>DescribeAddon for the addon as installed in <paramref name="clusterId"/> (newer_versions are relative to it).</summary>
    public async Task<CsAddonDescription> DescribeAddonAsync(string name, string clusterId, string? version, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterId);
        var request = Get("DescribeAddon", "/addons/" + name)
            .With("cluster_id", clusterId)
            .With("region_id", RegionId)
            .With("version", string.IsNullOrWhiteSpace(version) ? null : version);
        var r = await SendAsync(request, ct).ConfigureAwait(false);
        var root = r.RootObject();
        var newer = r.ObjectArray(root, "newer_versions", "body")
            .Select(v => new CsAddonNewerVersion(
                r.RequiredString(v, "version", "newer_versions[]"),
                r.Bool(v, "upgradable", "newer_versions[]") ?? false,
                r.String(v, "minimum_cluster_version", "newer_versions[]") is { Length: > 0 } m ? m : null))
            .ToList();
        return new CsAddonDescription(r.RequiredString(root, "name", "body"), r.String(root, "version", "body"),
            r.String(root, "category", "body"), r.String(root, "config_schema", "body"), newer);
    }

    /// <summary>Starts one upgrade task for the listed addons. Not retried after an unknown outcome: a repeat could start a second task.</summary>
    public async Task<CsTaskStarted> UpgradeClusterAddonsAsync(string clusterId, IReadOnlyList<CsAddonUpgradeRequest> upgrades, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterId);
        if (upgrades is null || upgrades.Count == 0) throw new ArgumentException("At least one addon to upgrade is required.", nameof(upgrades));
        var body = new JsonArray();
        foreach (var u in upgrades)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(u.ComponentName);
            ArgumentException.ThrowIfNullOrWhiteSpace(u.NextVersion);
            var item = new JsonObject { ["component_name"] = u.ComponentName, ["next_version"] = u.NextVersion };
            if (!string.IsNullOrEmpty(u.Version)) item["version"] = u.Version;
            if (!string.IsNullOrEmpty(u.Config)) item["config"] = u.Config;
            if (!string.IsNullOrEmpty(u.Policy)) item["policy"] = u.Policy;
            body.Add(item);
        }
        var request = Post("UpgradeClusterAddons", $"/clusters/{clusterId}/components/upgrade", body, idempotent: false);
        var r = await SendAsync(request, ct).ConfigureAwait(false);
        var root = r.RootObject();
        return new CsTaskStarted(r.String(root, "cluster_id", "body"), r.RequiredString(root, "task_id", "body"), r.String(root, "request_id", "body"));
    }

    /// <summary>Replaces the addon's config with <paramref name="configJson"/> (a JSON object). CS answers with no body.</summary>
    public async Task ModifyClusterAddonAsync(string clusterId, string name, string configJson, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterId);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configJson);
        // Sending the whole config makes a repeat harmless, so a retry after a lost answer is safe.
        var request = Post("ModifyClusterAddon", $"/clusters/{clusterId}/components/{name}/config", new JsonObject { ["config"] = configJson }, idempotent: true);
        await _transport.SendAsync(request, ct).ConfigureAwait(false);
    }

    public async Task<CsTaskInfo> DescribeTaskInfoAsync(string taskId, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taskId);
        var r = await SendAsync(Get("DescribeTaskInfo", "/tasks/" + taskId), ct).ConfigureAwait(false);
        var root = r.RootObject();
        var error = r.Object(root, "error", "body");
        var results = r.ObjectArray(root, "task_result", "body")
            .Select(t => new CsTaskResult(r.String(t, "data", "task_result[]"), r.String(t, "status", "task_result[]"))).ToList();
        return new CsTaskInfo(
            r.String(root, "task_id", "body") ?? taskId,
            r.String(root, "cluster_id", "body"),
            r.String(root, "task_type", "body"),
            r.RequiredString(root, "state", "body"),
            r.Date(root, "created", "body"),
            r.Date(root, "updated", "body"),
            r.String(root, "current_stage", "body"),
            error is { } e ? r.String(e, "code", "error") : null,
            error is { } e2 ? r.String(e2, "message", "error") : null,
            results);
    }

    /// <summary>Whether each managed service role is granted to ACK (CheckServiceRole; a POST that changes nothing).</summary>
    public async Task<IReadOnlyList<CsServiceRoleState>> CheckServiceRoleAsync(IReadOnlyList<string> roleNames, CancellationToken ct)
    {
        if (roleNames is null || roleNames.Count == 0) throw new ArgumentException("At least one role name is required.", nameof(roleNames));
        var roles = new JsonArray();
        foreach (var name in roleNames) roles.Add(new JsonObject { ["name"] = name });
        var request = Post("CheckServiceRole", "/ram/check-service-role", new JsonObject { ["roles"] = roles }, idempotent: true);
        var r = await SendAsync(request, ct).ConfigureAwait(false);
        return r.ObjectArray(r.RootObject(), "roles", "body")
            .Select(x => new CsServiceRoleState(r.RequiredString(x, "name", "roles[]"), r.Bool(x, "granted", "roles[]") ?? false, r.String(x, "message", "roles[]")))
            .ToList();
    }

    private ApiRequest Get(string action, string path) =>
        new(ServiceDescriptor.Cs, action) { Method = "GET", Path = path, Idempotent = true, RegionId = RegionId };

    private ApiRequest Post(string action, string path, JsonNode body, bool idempotent) =>
        new(ServiceDescriptor.Cs, action)
        {
            Method = "POST",
            Path = path,
            Body = Encoding.UTF8.GetBytes(body.ToJsonString()),
            ContentType = ContentTypeJson,
            Idempotent = idempotent,
            RegionId = RegionId,
        };

    private async Task<ResponseReader> SendAsync(ApiRequest request, CancellationToken ct)
    {
        var response = await _transport.SendAsync(request, ct).ConfigureAwait(false);
        return new ResponseReader(request, response);
    }
}
