using System.Text.Json.Nodes;
using AckHardening.Sandbox.Infrastructure;
using AckHardening.Sandbox.Pipeline;

namespace AckHardening.Sandbox.Services.Ram;

/// <summary>
/// RAM policy writes (CreatePolicy, CreatePolicyVersion, SetDefaultPolicyVersion, DeletePolicyVersion,
/// AttachPolicyToRole, DetachPolicyFromRole) and ListEntitiesForPolicy, the read a careful writer makes first.
/// The version calls take no PolicyType: they only ever address Custom policies, so naming a System policy
/// answers EntityNotExist.Policy, as there is no custom policy of that name.
/// </summary>
public sealed class RamPolicyWriteActions : IApiModule
{
    public void Register(ApiRegistry r)
    {
        r.Rpc(SandboxServices.Ram, "CreatePolicy", CreatePolicy, isWrite: true);
        r.Rpc(SandboxServices.Ram, "CreatePolicyVersion", CreatePolicyVersion, isWrite: true);
        r.Rpc(SandboxServices.Ram, "SetDefaultPolicyVersion", SetDefaultPolicyVersion, isWrite: true);
        r.Rpc(SandboxServices.Ram, "DeletePolicyVersion", DeletePolicyVersion, isWrite: true);
        r.Rpc(SandboxServices.Ram, "AttachPolicyToRole", AttachPolicyToRole, isWrite: true);
        r.Rpc(SandboxServices.Ram, "DetachPolicyFromRole", DetachPolicyFromRole, isWrite: true);
        r.Rpc(SandboxServices.Ram, "ListEntitiesForPolicy", ListEntitiesForPolicy);
    }

    private static ValueTask<ApiResult> CreatePolicy(ApiCall c)
    {
        var name = RamParameters.PolicyName(c);
        var document = c.RequiredParam("PolicyDocument");
        var description = c.Param("Description") ?? "";
        if (description.Length > 1024)
            throw new ApiException(400, "InvalidParameter.Description.Length", "The parameter Description must be 1 to 1024 characters long.");
        var ram = c.State.Ram;
        lock (ram.Gate)
        {
            var policy = ram.CreatePolicy(name, document, description, c.Clock.UtcNow);
            return Ok(new JsonObject
            {
                ["Policy"] = new JsonObject
                {
                    ["PolicyName"] = policy.Name,
                    ["PolicyType"] = policy.Type,
                    ["Description"] = policy.Description,
                    ["DefaultVersion"] = policy.DefaultVersion.VersionId,
                    ["CreateDate"] = Iso8601.Seconds(policy.CreateDate),
                },
            });
        }
    }

    private static ValueTask<ApiResult> CreatePolicyVersion(ApiCall c)
    {
        var name = RamParameters.PolicyName(c);
        var document = c.RequiredParam("PolicyDocument");
        var setAsDefault = Bool(c, "SetAsDefault");
        var rotate = (c.Param("RotateStrategy") ?? "None") switch
        {
            "None" => false,
            "DeleteOldestNonDefaultVersionWhenLimitExceeded" => true,
            // Code for a bad value not documented (unverified).
            var other => throw new ApiException(400, "InvalidParameter.RotateStrategy",
                $"The parameter RotateStrategy must be None or DeleteOldestNonDefaultVersionWhenLimitExceeded, not '{other}'."),
        };
        var ram = c.State.Ram;
        lock (ram.Gate)
        {
            var policy = CustomPolicy(ram, name);
            var version = ram.CreateVersion(policy, document, setAsDefault, rotate, c.Clock.UtcNow);
            return Ok(new JsonObject { ["PolicyVersion"] = RamPolicyActions.VersionJson(version) });
        }
    }

    private static ValueTask<ApiResult> SetDefaultPolicyVersion(ApiCall c)
    {
        var name = RamParameters.PolicyName(c);
        var versionId = RamParameters.VersionId(c);
        var ram = c.State.Ram;
        lock (ram.Gate)
        {
            ram.SetDefault(CustomPolicy(ram, name), versionId, c.Clock.UtcNow);
            return Ok(new JsonObject());
        }
    }

    private static ValueTask<ApiResult> DeletePolicyVersion(ApiCall c)
    {
        var name = RamParameters.PolicyName(c);
        var versionId = RamParameters.VersionId(c);
        var ram = c.State.Ram;
        lock (ram.Gate)
        {
            ram.RemoveVersion(CustomPolicy(ram, name), versionId);
            return Ok(new JsonObject());
        }
    }

    private static ValueTask<ApiResult> AttachPolicyToRole(ApiCall c)
    {
        var (ram, role, policy) = Attachment(c);
        lock (ram.Gate)
        {
            ram.Attach(role, policy, c.Clock.UtcNow);
            return Ok(new JsonObject());
        }
    }

    private static ValueTask<ApiResult> DetachPolicyFromRole(ApiCall c)
    {
        var (ram, role, policy) = Attachment(c);
        lock (ram.Gate)
        {
            ram.Detach(role, policy);
            return Ok(new JsonObject());
        }
    }

    /// <summary>
    /// Who holds the policy: {"Roles":{"Role":[…]},"Users":{"User":[…]},"Groups":{"Group":[…]}}. The sandbox has no
    /// users or groups, so those lists are always empty.
    /// </summary>
    private static ValueTask<ApiResult> ListEntitiesForPolicy(ApiCall c)
    {
        var type = RamParameters.PolicyType(c);
        var name = RamParameters.PolicyName(c);
        var ram = c.State.Ram;
        lock (ram.Gate)
        {
            var policy = ram.FindPolicy(type, name) ?? throw RamParameters.PolicyNotFound(type, name);
            var roles = new JsonArray();
            foreach (var (attachment, role) in ram.RolesForPolicy(policy))
                roles.Add(new JsonObject
                {
                    ["RoleId"] = role.Id,
                    ["RoleName"] = role.Name,
                    ["Arn"] = role.Arn,
                    ["Description"] = role.Description,
                    ["AttachDate"] = Iso8601.Seconds(attachment.AttachDate),
                });
            return Ok(new JsonObject
            {
                ["Roles"] = new JsonObject { ["Role"] = roles },
                ["Users"] = new JsonObject { ["User"] = new JsonArray() },
                ["Groups"] = new JsonObject { ["Group"] = new JsonArray() },
            });
        }
    }

    private static (RamStore Ram, RamRole Role, RamPolicy Policy) Attachment(ApiCall c)
    {
        var type = RamParameters.PolicyType(c);
        var name = RamParameters.PolicyName(c);
        var roleName = RamParameters.RoleName(c);
        var ram = c.State.Ram;
        lock (ram.Gate)
        {
            var role = ram.FindRole(roleName) ?? throw RamParameters.RoleNotFound(roleName);
            var policy = ram.FindPolicy(type, name) ?? throw RamParameters.PolicyNotFound(type, name);
            return (ram, role, policy);
        }
    }

    private static RamPolicy CustomPolicy(RamStore ram, string name) =>
        ram.FindPolicy("Custom", name) ?? throw RamParameters.PolicyNotFound("Custom", name);

    /// <summary>POP booleans arrive as "true"/"false"; absent means false.</summary>
    private static bool Bool(ApiCall c, string name) => c.Param(name) switch
    {
        null or "" => false,
        var v when bool.TryParse(v, out var b) => b,
        var v => throw new ApiException(400, "InvalidParameter." + name, $"The parameter {name} must be true or false, not '{v}'."),
    };

    private static ValueTask<ApiResult> Ok(JsonObject body) => ValueTask.FromResult(ApiResult.Ok(body));
}
