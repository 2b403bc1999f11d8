using AckHardening.Components;
using AckHardening.Core.Diagnostics;
using AckHardening.Core.Http;
using AckHardening.Core.Services.Cs;
using AckHardening.Core.Services.Ram;

namespace AckHardening.Core.Components;

/// <summary>Whether one managed service role is granted, and how that was found out.</summary>
public sealed record ServiceRoleGrant(string RoleName, bool? Granted, ServiceRoleCheckSource Source, string? Message);

/// <summary>
/// Checks managed service roles with CS CheckServiceRole; when that call fails (denied, unavailable), falls back to
/// RAM GetRole per role, since a granted service role is a RAM role that exists. A role neither check can answer
/// is reported with Granted null rather than guessed.
/// </summary>
public sealed class ServiceRoleChecker
{
    private readonly CsAddonClient _cs;
    private readonly RamClient? _ram;
    private readonly IAckLog _log;

    public ServiceRoleChecker(CsAddonClient cs, RamClient? ram, IAckLog? log = null)
    {
        _cs = cs ?? throw new ArgumentNullException(nameof(cs));
        _ram = ram;
        _log = log ?? NullAckLog.Instance;
    }

    /// <summary>One grant per distinct role name (case-insensitive), in the order given.</summary>
    public async Task<IReadOnlyList<ServiceRoleGrant>> CheckAsync(IEnumerable<string> roleNames, CancellationToken ct)
    {
        var names = roleNames.Where(n => !string.IsNullOrWhiteSpace(n)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (names.Count == 0) return [];

        try
        {
            _log.Verbose($"Checking {names.Count} managed service role(s) with CheckServiceRole.");
            var states = await _cs.CheckServiceRoleAsync(names, ct).ConfigureAwait(false);
            return names.Select(n => states.FirstOrDefault(s => string.Equals(s.Name, n, StringComparison.OrdinalIgnoreCase)) is { } s
                    ? new ServiceRoleGrant(n, s.Granted, ServiceRoleCheckSource.CheckServiceRole, string.IsNullOrEmpty(s.Message) ? null : s.Message)
                    : new ServiceRoleGrant(n, null, ServiceRoleCheckSource.None, "CheckServiceRole did not report this role."))
                .ToList();
        }
        catch (AlibabaServiceException e) when (_ram is not null)
        {
            _log.Warning($"CheckServiceRole failed ({e.Code}, RequestId {e.RequestId}); checking the roles with RAM GetRole instead.");
        }

        var grants = new List<ServiceRoleGrant>();
        foreach (var name in names)
            grants.Add(await GetRoleAsync(name, ct).ConfigureAwait(false));
        return grants;
    }

    /// <summary>The grants as the dictionary <see cref="ComplianceInput.ServiceRoleGrants"/> takes.</summary>
    public static IReadOnlyDictionary<string, bool?> ToDictionary(IEnumerable<ServiceRoleGrant> grants)
    {
        var map = new Dictionary<string, bool?>(StringComparer.OrdinalIgnoreCase);
        foreach (var g in grants) map[g.RoleName] = g.Granted;
        return map;
    }

    private async Task<ServiceRoleGrant> GetRoleAsync(string name, CancellationToken ct)
    {
        try
        {
            await _ram!.GetRoleAsync(name, ct).ConfigureAwait(false);
            return new ServiceRoleGrant(name, true, ServiceRoleCheckSource.RamGetRole, null);
        }
        catch (AlibabaServiceException e) when (e.Code?.StartsWith("EntityNotExist.Role", StringComparison.OrdinalIgnoreCase) == true)
        {
            return new ServiceRoleGrant(name, false, ServiceRoleCheckSource.RamGetRole, $"The role does not exist: {name}");
        }
        catch (AlibabaServiceException e)
        {
            _log.Warning($"RAM GetRole {name} failed ({e.Code}, RequestId {e.RequestId}); its grant is unknown.");
            return new ServiceRoleGrant(name, null, ServiceRoleCheckSource.None, $"Neither CheckServiceRole nor GetRole answered ({e.Code}).");
        }
    }
}
