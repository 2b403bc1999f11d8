using System.Text.Json.Nodes;
using AckHardening.Sandbox.Infrastructure;
using AckHardening.Sandbox.Pipeline;

namespace AckHardening.Sandbox.Services.Ram;

/// <summary>RAM role reads: GetRole, ListPoliciesForRole.</summary>
public sealed class RamRoleActions : IApiModule
{
    public void Register(ApiRegistry r)
    {
        r.Rpc(SandboxServices.Ram, "GetRole", GetRole);
        r.Rpc(SandboxServices.Ram, "ListPoliciesForRole", ListPoliciesForRole);
    }

    private static ValueTask<ApiResult> GetRole(ApiCall c)
    {
        var name = RamParameters.RoleName(c);
        var ram = c.State.Ram;
        lock (ram.Gate)
        {
            var role = ram.FindRole(name) ?? throw RamParameters.RoleNotFound(name);
            return ValueTask.FromResult(ApiResult.Ok(new JsonObject
            {
                ["Role"] = new JsonObject
                {
                    ["RoleId"] = role.Id,
                    ["RoleName"] = role.Name,
                    ["Arn"] = role.Arn,
                    ["Description"] = role.Description,
                    ["AssumeRolePolicyDocument"] = role.AssumeRolePolicyDocument,
                    ["CreateDate"] = Iso8601.Seconds(role.CreateDate),
                    ["UpdateDate"] = Iso8601.Seconds(role.UpdateDate),
                    ["MaxSessionDuration"] = role.MaxSessionDuration,
                },
            }));
        }
    }

    private static ValueTask<ApiResult> ListPoliciesForRole(ApiCall c)
    {
        var name = RamParameters.RoleName(c);
        var ram = c.State.Ram;
        lock (ram.Gate)
        {
            if (ram.FindRole(name) is null) throw RamParameters.RoleNotFound(name);
            var list = new JsonArray();
            foreach (var (attachment, policy) in ram.PoliciesForRole(name))
                list.Add(new JsonObject
                {
                    ["PolicyName"] = policy.Name,
                    ["PolicyType"] = policy.Type,
                    ["Description"] = policy.Description,
                    ["DefaultVersion"] = policy.DefaultVersion.VersionId,
                    ["AttachDate"] = Iso8601.Seconds(attachment.AttachDate),
                });
            return ValueTask.FromResult(ApiResult.Ok(new JsonObject { ["Policies"] = new JsonObject { ["Policy"] = list } }));
        }
    }
}
