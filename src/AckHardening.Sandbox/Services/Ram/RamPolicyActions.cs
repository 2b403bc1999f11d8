using System.Text.Json.Nodes;
using AckHardening.Sandbox.Infrastructure;
using AckHardening.Sandbox.Pipeline;

namespace AckHardening.Sandbox.Services.Ram;

/// <summary>RAM policy reads: GetPolicy, GetPolicyVersion, ListPolicyVersions. PolicyDocument is always a JSON string.</summary>
public sealed class RamPolicyActions : IApiModule
{
    public void Register(ApiRegistry r)
    {
        r.Rpc(SandboxServices.Ram, "GetPolicy", GetPolicy);
        r.Rpc(SandboxServices.Ram, "GetPolicyVersion", GetPolicyVersion);
        r.Rpc(SandboxServices.Ram, "ListPolicyVersions", ListPolicyVersions);
    }

    private static ValueTask<ApiResult> GetPolicy(ApiCall c)
    {
        var type = RamParameters.PolicyType(c);
        var name = RamParameters.PolicyName(c);
        var ram = c.State.Ram;
        lock (ram.Gate)
        {
            var policy = ram.FindPolicy(type, name) ?? throw RamParameters.PolicyNotFound(type, name);
            var current = policy.DefaultVersion;
            return Ok(new JsonObject
            {
                ["Policy"] = new JsonObject
                {
                    ["PolicyName"] = policy.Name,
                    ["PolicyType"] = policy.Type,
                    ["Description"] = policy.Description,
                    ["DefaultVersion"] = current.VersionId,
                    ["CreateDate"] = Iso8601.Seconds(policy.CreateDate),
                    ["UpdateDate"] = Iso8601.Seconds(policy.UpdateDate),
                    ["AttachmentCount"] = ram.AttachmentCount(policy),
                    // Deprecated member that still carries the default document.
                    ["PolicyDocument"] = current.Document,
                },
                ["DefaultPolicyVersion"] = VersionJson(current),
            });
        }
    }

    private static ValueTask<ApiResult> GetPolicyVersion(ApiCall c)
    {
        var type = RamParameters.PolicyType(c);
        var name = RamParameters.PolicyName(c);
        var versionId = RamParameters.VersionId(c);
        var ram = c.State.Ram;
        lock (ram.Gate)
        {
            var policy = ram.FindPolicy(type, name) ?? throw RamParameters.PolicyNotFound(type, name);
            var version = policy.Versions.FirstOrDefault(v => v.VersionId == versionId) ?? throw RamStore.VersionNotFound();
            return Ok(new JsonObject { ["PolicyVersion"] = VersionJson(version) });
        }
    }

    /// <summary>Versions in creation order (the real order is not documented; unverified).</summary>
    private static ValueTask<ApiResult> ListPolicyVersions(ApiCall c)
    {
        var type = RamParameters.PolicyType(c);
        var name = RamParameters.PolicyName(c);
        var ram = c.State.Ram;
        lock (ram.Gate)
        {
            var policy = ram.FindPolicy(type, name) ?? throw RamParameters.PolicyNotFound(type, name);
            var list = new JsonArray();
            foreach (var v in policy.Versions) list.Add(VersionJson(v));
            return Ok(new JsonObject { ["PolicyVersions"] = new JsonObject { ["PolicyVersion"] = list } });
        }
    }

    internal static JsonObject VersionJson(RamPolicyVersion v) => new()
    {
        ["VersionId"] = v.VersionId,
        ["IsDefaultVersion"] = v.IsDefault,
        ["CreateDate"] = Iso8601.Seconds(v.CreateDate),
        ["PolicyDocument"] = v.Document,
    };

    private static ValueTask<ApiResult> Ok(JsonObject body) => ValueTask.FromResult(ApiResult.Ok(body));
}
