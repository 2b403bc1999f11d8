using AckHardening.Sandbox.Pipeline;

namespace AckHardening.Sandbox.Services.Ram;

/// <summary>RAM's parameter checks, with the error codes from the RAM error list (messages paraphrased).</summary>
internal static class RamParameters
{
    public static string RoleName(ApiCall c)
    {
        var name = c.RequiredParam("RoleName");
        if (name.Length > 64) throw new ApiException(400, "InvalidParameter.RoleName.Length", "The parameter RoleName must be 1 to 64 characters long.");
        if (!RamStore.ValidRoleName(name)) throw new ApiException(400, "InvalidParameter.RoleName.InvalidChars", "The parameter RoleName contains invalid characters.");
        return name;
    }

    public static string PolicyName(ApiCall c)
    {
        var name = c.RequiredParam("PolicyName");
        if (name.Length > 128) throw new ApiException(400, "InvalidParameter.PolicyName.Length", "The parameter PolicyName must be 1 to 128 characters long.");
        if (!RamStore.ValidPolicyName(name)) throw new ApiException(400, "InvalidParameter.PolicyName.InvalidChars", "The parameter PolicyName contains invalid characters.");
        return name;
    }

    public static string PolicyType(ApiCall c) =>
        RamStore.NormalizeType(c.RequiredParam("PolicyType"))
        ?? throw new ApiException(400, "InvalidParameter.PolicyType", "The parameter PolicyType must be System or Custom.");

    public static string VersionId(ApiCall c)
    {
        var id = c.RequiredParam("VersionId");
        if (!RamStore.ValidVersionId(id)) throw new ApiException(400, "InvalidParameter.VersionId.Format", "The parameter VersionId is not in the format v<N>.");
        return id;
    }

    public static ApiException RoleNotFound(string name) => new(404, "EntityNotExist.Role", $"The role does not exist: {name}.");

    public static ApiException PolicyNotFound(string type, string name) => new(404, "EntityNotExist.Policy", $"The policy does not exist: {type} {name}.");
}
