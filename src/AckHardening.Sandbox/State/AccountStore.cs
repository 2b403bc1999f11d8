using AckHardening.Sandbox.Auth;

namespace AckHardening.Sandbox.State;

/// <summary>accounts.json: accounts, their AccessKeys and the roles callers may assume through STS.</summary>
public sealed class AccountsFile
{
    public List<AccountDefinition> Accounts { get; set; } = new();
}

public sealed class AccountDefinition
{
    public string Uid { get; set; } = "";
    public string? Alias { get; set; }
    public string RegionId { get; set; } = "cn-hangzhou";
    public List<AccessKeyDefinition> AccessKeys { get; set; } = new();
    public List<AssumableRoleDefinition> AssumableRoles { get; set; } = new();
}

public sealed class AccessKeyDefinition
{
    public string AccessKeyId { get; set; } = "";
    public string AccessKeySecret { get; set; } = "";
    /// <summary>"root" for the account itself, or "user/&lt;name&gt;" for a RAM user.</summary>
    public string Principal { get; set; } = "root";
    public string? UserId { get; set; }
    /// <summary>Active | Inactive.</summary>
    public string Status { get; set; } = "Active";
    /// <summary>RAM action patterns this key may call ("ram:Get*", "cs:*", "*").</summary>
    public List<string> AllowedActions { get; set; } = new() { "*" };

    public override string ToString() => $"AccessKey {AccessKeyId} ({Principal})";
}

public sealed class AssumableRoleDefinition
{
    public string Arn { get; set; } = "";
    public string RoleId { get; set; } = "";
    public int MaxSessionDuration { get; set; } = 3600;
    /// <summary>
    /// Who may assume the role: "*" (any principal of the role's account), an AccessKeyId, a principal such as
    /// "user/ack-admin", or "account:&lt;uid&gt;" for another account.
    /// </summary>
    public List<string> TrustedPrincipals { get; set; } = new() { "*" };
    /// <summary>RAM action patterns the role's sessions may call.</summary>
    public List<string> AllowedActions { get; set; } = new() { "*" };

    public string AccountUid => Arn.Split(':') is { Length: 5 } parts ? parts[3] : "";
    public string RoleName => Arn.Contains(":role/", StringComparison.Ordinal) ? Arn[(Arn.IndexOf(":role/", StringComparison.Ordinal) + 6)..] : "";
}

public sealed class AccountStore
{
    private readonly Dictionary<string, (AccountDefinition Account, AccessKeyDefinition Key)> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AssumableRoleDefinition> _roles = new(StringComparer.OrdinalIgnoreCase);

    public AccountStore(AccountsFile file)
    {
        Accounts = file.Accounts;
        foreach (var account in file.Accounts)
        {
            if (account.Uid.Length == 0) throw new ScenarioException("accounts.json: an account has no uid.");
            foreach (var key in account.AccessKeys)
            {
                if (key.AccessKeyId.StartsWith("STS.", StringComparison.Ordinal))
                    throw new ScenarioException($"accounts.json: {key.AccessKeyId}: the STS. prefix is reserved for issued session keys.");
                if (!_keys.TryAdd(key.AccessKeyId, (account, key)))
                    throw new ScenarioException($"accounts.json: duplicate AccessKeyId {key.AccessKeyId}.");
            }
            foreach (var role in account.AssumableRoles)
            {
                if (role.AccountUid != account.Uid || role.RoleName.Length == 0)
                    throw new ScenarioException($"accounts.json: role ARN {role.Arn} must be acs:ram::{account.Uid}:role/<name>.");
                _roles[role.Arn] = role;
            }
        }
    }

    public IReadOnlyList<AccountDefinition> Accounts { get; }

    public AccountDefinition? PrimaryAccount => Accounts.FirstOrDefault();

    public ResolvedKey? Resolve(string accessKeyId)
    {
        if (!_keys.TryGetValue(accessKeyId, out var entry)) return null;
        var (account, key) = entry;
        var root = string.Equals(key.Principal, "root", StringComparison.OrdinalIgnoreCase);
        var userName = root ? "" : key.Principal.StartsWith("user/", StringComparison.Ordinal) ? key.Principal[5..] : key.Principal;
        // A stable numeric user id derived from the key when the scenario gives none.
        var userId = root ? account.Uid : key.UserId ?? ("2" + (uint)StableHash(account.Uid + "/" + userName)).PadRight(16, '7');
        var caller = new CallerIdentity(root ? CallerKind.Account : CallerKind.RamUser, account.Uid, key.AccessKeyId,
            root ? $"acs:ram::{account.Uid}:root" : $"acs:ram::{account.Uid}:user/{userName}", userId, userId, key.AllowedActions);
        return new ResolvedKey(key.AccessKeySecret, string.Equals(key.Status, "Active", StringComparison.OrdinalIgnoreCase), null, null, caller);
    }

    public AssumableRoleDefinition? FindAssumableRole(string arn) => _roles.TryGetValue(arn, out var r) ? r : null;

    private static int StableHash(string s)
    {
        unchecked
        {
            var h = 17;
            foreach (var c in s) h = h * 31 + c;
            return h;
        }
    }
}
