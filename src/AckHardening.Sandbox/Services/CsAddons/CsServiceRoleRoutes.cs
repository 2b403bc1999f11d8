using System.Text.Json.Nodes;
using AckHardening.Sandbox.Pipeline;

namespace AckHardening.Sandbox.Services.CsAddons;

/// <summary>
/// CheckServiceRole (POST, but a read). A service role counts as granted when it exists in RAM (ram.json), so the
/// answer agrees with RAM GetRole, the module's fallback.
/// </summary>
public sealed class CsServiceRoleRoutes : IApiModule
{
    public void Register(ApiRegistry r) =>
        r.Roa(SandboxServices.Cs, "POST", "/ram/check-service-role", "CheckServiceRole", Check, isWrite: false);

    private static ValueTask<ApiResult> Check(ApiCall c)
    {
        if (c.BodyJson() is not JsonObject body || body["roles"] is not JsonArray roles || roles.Count == 0)
            throw new ApiException(400, "InvalidParameter", "The body must be {\"roles\":[{\"name\":\"<role name>\"}]}.");

        var ram = c.State.Ram;
        var result = new JsonArray();
        lock (ram.Gate)
        {
            foreach (var item in roles)
            {
                var name = item?["name"] is JsonValue v && v.TryGetValue(out string? s) && s.Length > 0
                    ? s : throw new ApiException(400, "InvalidParameter", "Each role needs a name.");
                var granted = ram.FindRole(name) is not null;
                result.Add(new JsonObject
                {
                    ["name"] = name,
                    ["granted"] = granted,
                    ["message"] = granted ? "" : $"The role does not exist: {name}",
                });
            }
        }
        return ValueTask.FromResult(ApiResult.Ok(new JsonObject { ["roles"] = result }));
    }
}
