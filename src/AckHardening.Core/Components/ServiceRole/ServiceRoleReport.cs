using AckHardening.Components;
using AckHardening.Core.Diagnostics;
using AckHardening.Core.KubeAccess;
using AckHardening.Core.Services.Cs;

namespace AckHardening.Core.Components;

/// <summary>
/// Test-AckServiceRole's domain: for each managed role the catalog names, whether it is granted and, with Kubernetes
/// access, what its token Secret in the cluster holds.
/// </summary>
public sealed class ServiceRoleReport
{
    private readonly CsAddonClient _addons;
    private readonly ServiceRoleChecker _checker;
    private readonly ComponentCatalog _catalog;
    private readonly IAckLog _log;

    public ServiceRoleReport(CsAddonClient addons, ServiceRoleChecker checker, ComponentCatalog catalog, IAckLog? log = null)
    {
        _addons = addons ?? throw new ArgumentNullException(nameof(addons));
        _checker = checker ?? throw new ArgumentNullException(nameof(checker));
        _catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
        _log = log ?? NullAckLog.Instance;
    }

    /// <param name="roleFilter">Only these roles (case-insensitive); every catalog role when null or empty.</param>
    /// <param name="kubernetes">The cluster's API server; null reports the token column as NotChecked.</param>
    public async Task<IReadOnlyList<AckServiceRoleStatus>> BuildAsync(
        string clusterId, IReadOnlyCollection<string>? roleFilter, KubernetesGateway? kubernetes, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterId);
        var installed = await _addons.ListClusterAddonInstancesAsync(clusterId, ct).ConfigureAwait(false);
        var roles = _catalog.Entries.Where(e => !string.IsNullOrEmpty(e.ServiceRole)).Select(e => e.ServiceRole!)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Where(r => roleFilter is not { Count: > 0 } || roleFilter.Contains(r, StringComparer.OrdinalIgnoreCase))
            .ToList();
        foreach (var missing in roleFilter?.Where(f => !roles.Contains(f, StringComparer.OrdinalIgnoreCase)) ?? [])
        {
            // A role outside the catalog can still be checked; it simply has no components.
            roles.Add(missing);
        }

        var grants = await _checker.CheckAsync(roles, ct).ConfigureAwait(false);
        var result = new List<AckServiceRoleStatus>();
        foreach (var grant in grants)
        {
            var users = _catalog.Entries
                .Where(e => string.Equals(e.ServiceRole, grant.RoleName, StringComparison.OrdinalIgnoreCase)
                            && installed.Any(a => string.Equals(a.Name, e.Name, StringComparison.OrdinalIgnoreCase)))
                .Select(e => e.Name).ToList();
            var status = new AckServiceRoleStatus
            {
                ClusterId = clusterId,
                RoleName = grant.RoleName,
                Granted = grant.Granted,
                GrantSource = grant.Source,
                Components = string.Join(", ", users),
                TokenStatus = ServiceRoleTokenStatus.NotChecked,
            };
            var notes = new List<string>();
            if (grant.Granted == false) notes.Add(grant.Message ?? "The role is not granted.");
            else if (grant.Granted is null) notes.Add(grant.Message ?? "The grant could not be checked.");

            if (kubernetes is not null)
            {
                var token = await AddonTokenInspector.InspectAsync(kubernetes, grant.RoleName, now, ct).ConfigureAwait(false);
                status.TokenStatus = token.Status;
                status.TokenSecret = token.SecretName;
                status.TokenErrorCode = token.ErrorCode;
                status.TokenExpiration = token.Expiration;
                switch (token.Status)
                {
                    case ServiceRoleTokenStatus.Error:
                        notes.Add($"The token Secret {token.SecretName} holds an error ({token.ErrorCode}: {token.ErrorMessage}); components fall back to the worker role.");
                        break;
                    case ServiceRoleTokenStatus.Missing when users.Count > 0:
                        notes.Add("No token Secret exists for the role although components that use it are installed.");
                        break;
                    case ServiceRoleTokenStatus.Expired or ServiceRoleTokenStatus.Unreadable:
                        notes.Add($"The token Secret {token.SecretName}: {token.ErrorMessage}.");
                        break;
                }
            }
            else
            {
                notes.Add("The token Secret was not checked (no Kubernetes access).");
            }
            status.Message = string.Join(" ", notes);
            result.Add(status);
        }
        _log.Verbose($"{result.Count} managed role(s) checked for cluster {clusterId}.");
        return result;
    }
}
