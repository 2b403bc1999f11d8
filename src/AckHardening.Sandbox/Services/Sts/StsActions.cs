using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AckHardening.Sandbox.Auth;
using AckHardening.Sandbox.Infrastructure;
using AckHardening.Sandbox.Pipeline;
using AckHardening.Sandbox.State;

namespace AckHardening.Sandbox.Services.Sts;

/// <summary>
/// STS 2015-04-01: AssumeRole (issues STS.* keys that then authenticate further requests until they expire in
/// simulated time) and GetCallerIdentity. Parameter error codes follow the POP pattern and are unverified.
/// </summary>
public sealed partial class StsActions : IApiModule
{
    public const int MinDuration = 900;
    public const int DefaultDuration = 3600;

    public void Register(ApiRegistry r)
    {
        r.Rpc(SandboxServices.Sts, "AssumeRole", AssumeRole, isWrite: false);
        r.Rpc(SandboxServices.Sts, "GetCallerIdentity", GetCallerIdentity);
    }

    private static ValueTask<ApiResult> AssumeRole(ApiCall c)
    {
        var caller = c.Caller!;
        var arn = c.RequiredParam("RoleArn");
        var session = c.RequiredParam("RoleSessionName");
        if (!SessionName().IsMatch(session))
            throw new ApiException(400, "InvalidParameter.RoleSessionName", "The parameter RoleSessionName must be 2 to 64 characters of letters, digits, '.', '@', '-' and '_'.");

        var role = c.State.Accounts.FindAssumableRole(arn)
            ?? throw new ApiException(404, "EntityNotExist.Role", $"The specified Role not exists: {arn}.");
        var duration = DefaultDuration;
        if (c.Param("DurationSeconds") is { Length: > 0 } text
            && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out duration) || duration < MinDuration || duration > role.MaxSessionDuration))
            throw new ApiException(400, "InvalidParameter.DurationSeconds",
                $"The parameter DurationSeconds must be in range of {MinDuration} to {role.MaxSessionDuration}.");
        if (!Trusts(role, caller))
            throw new ApiException(403, "NoPermission", $"You are not authorized to do this action. You should be authorized by RAM. (sts:AssumeRole on {arn})");

        var now = c.Clock.UtcNow;
        var roleSession = new CallerIdentity(CallerKind.AssumedRole, role.AccountUid, "STS." + RandomIds.Alphanumeric(25),
            $"acs:ram::{role.AccountUid}:assumed-role/{role.RoleName}/{session}",
            $"{role.RoleId}:{session}", $"{role.RoleId}:{session}", role.AllowedActions, role.RoleName, role.RoleId, session);
        var issued = new StsSession(roleSession.AccessKeyId, RandomIds.Alphanumeric(44),
            "CAIS" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(240)), now.AddSeconds(duration), roleSession);
        c.State.StsSessions.Add(issued);

        return Ok(new JsonObject
        {
            ["Credentials"] = new JsonObject
            {
                ["AccessKeyId"] = issued.AccessKeyId,
                ["AccessKeySecret"] = issued.AccessKeySecret,
                ["SecurityToken"] = issued.SecurityToken,
                ["Expiration"] = Iso8601.Seconds(issued.Expiration),
            },
            ["AssumedRoleUser"] = new JsonObject
            {
                // AssumeRole reports role/<name>/<session> with the name in lower case; GetCallerIdentity says assumed-role.
                ["Arn"] = $"acs:ram::{role.AccountUid}:role/{role.RoleName.ToLowerInvariant()}/{session}",
                ["AssumedRoleId"] = roleSession.PrincipalId,
            },
        });
    }

    /// <summary>
    /// IdentityType is Account, RAMUser or AssumedRoleUser (the STS model's values; a Vault sample spelling
    /// "assumed-role" is Vault's own, so this remains unverified).
    /// </summary>
    private static ValueTask<ApiResult> GetCallerIdentity(ApiCall c)
    {
        var who = c.Caller!;
        var body = new JsonObject
        {
            ["IdentityType"] = who.Kind switch { CallerKind.Account => "Account", CallerKind.RamUser => "RAMUser", _ => "AssumedRoleUser" },
            ["AccountId"] = who.AccountUid,
            ["UserId"] = who.UserId,
            ["Arn"] = who.Arn,
            ["PrincipalId"] = who.PrincipalId,
        };
        if (who.RoleId is not null) body["RoleId"] = who.RoleId;
        return Ok(body);
    }

    private static bool Trusts(AssumableRoleDefinition role, CallerIdentity caller)
    {
        var sameAccount = role.AccountUid == caller.AccountUid;
        var principal = caller.Kind switch
        {
            CallerKind.Account => "root",
            CallerKind.RamUser => "user/" + caller.Arn[(caller.Arn.IndexOf(":user/", StringComparison.Ordinal) + 6)..],
            _ => "assumed-role/" + caller.RoleName,
        };
        return role.TrustedPrincipals.Any(t =>
            t == "*" && sameAccount
            || t == "account:" + caller.AccountUid
            || sameAccount && (t == caller.AccessKeyId || string.Equals(t, principal, StringComparison.OrdinalIgnoreCase)));
    }

    private static ValueTask<ApiResult> Ok(JsonObject body) => ValueTask.FromResult(ApiResult.Ok(body));

    [GeneratedRegex("^[A-Za-z0-9.@_-]{2,64}$")] private static partial Regex SessionName();
}
