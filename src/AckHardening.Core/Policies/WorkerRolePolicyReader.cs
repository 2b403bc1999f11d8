using System.Text;
using AckHardening.Core.Diagnostics;
using AckHardening.Core.Errors;
using AckHardening.Core.Http;
using AckHardening.Core.Services.Ram;
using AckHardening.Policy;

namespace AckHardening.Core.Policies;

/// <summary>
/// Reads the policies attached to a worker RAM role, each with its default version's document parsed. A role with
/// no policy is a normal answer (newer clusters are created without one): nothing to restrict.
/// </summary>
public sealed class WorkerRolePolicyReader
{
    private readonly RamClient _ram;
    private readonly IAckLog _log;

    public WorkerRolePolicyReader(RamClient ram, IAckLog? log = null)
    {
        _ram = ram ?? throw new ArgumentNullException(nameof(ram));
        _log = log ?? NullAckLog.Instance;
    }

    /// <summary>The message written when a role has nothing attached.</summary>
    public static string NoPolicyMessage(string roleName) => $"no policy attached to role {roleName}: no restriction is needed";

    /// <summary>
    /// One result per policy attached to <paramref name="roleName"/>. Throws <see cref="AckException"/>
    /// "AckRoleNotFound" when the role does not exist and "AckPolicyNotFound" when a listed policy vanished meanwhile.
    /// </summary>
    public async Task<IReadOnlyList<AckWorkerRolePolicy>> GetRolePoliciesAsync(string roleName, string? clusterId, string? regionId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(roleName);
        _log.Verbose($"Reading RAM role {roleName} (GetRole).");
        IReadOnlyList<RamAttachedPolicy> attached;
        try
        {
            await _ram.GetRoleAsync(roleName, cancellationToken).ConfigureAwait(false);
            attached = await _ram.ListPoliciesForRoleAsync(roleName, cancellationToken).ConfigureAwait(false);
        }
        catch (AlibabaServiceException e) when (IsRoleNotFound(e))
        {
            throw RoleNotFound(roleName, clusterId, e);
        }

        if (attached.Count == 0)
        {
            _log.Verbose($"Role {roleName} has no attached policy.");
            _log.Information(NoPolicyMessage(roleName));
            return Array.Empty<AckWorkerRolePolicy>();
        }
        _log.Verbose($"Role {roleName} has {attached.Count} attached polic{(attached.Count == 1 ? "y" : "ies")}: {string.Join(", ", attached.Select(a => $"{a.PolicyName} ({a.PolicyType})"))}.");

        var results = new List<AckWorkerRolePolicy>(attached.Count);
        foreach (var a in attached)
        {
            results.Add(await ReadAsync(a.PolicyName, a.PolicyType, a, roleName, clusterId, regionId, cancellationToken).ConfigureAwait(false));
        }
        return results;
    }

    /// <summary>
    /// One policy by name. Without a type, the role's attachment list gives it when <paramref name="roleName"/> is set;
    /// otherwise Custom is tried, then System. Throws "AckPolicyNotFound" (or "AckRoleNotFound") when there is no such policy.
    /// </summary>
    public async Task<AckWorkerRolePolicy> GetPolicyAsync(string policyName, string? policyType, string? roleName, string? clusterId, string? regionId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(policyName);
        RamAttachedPolicy? attachment = null;
        if (!string.IsNullOrWhiteSpace(roleName))
        {
            IReadOnlyList<RamAttachedPolicy> attached;
            try
            {
                attached = await _ram.ListPoliciesForRoleAsync(roleName, cancellationToken).ConfigureAwait(false);
            }
            catch (AlibabaServiceException e) when (IsRoleNotFound(e))
            {
                throw RoleNotFound(roleName, clusterId, e);
            }
            attachment = attached.FirstOrDefault(a => string.Equals(a.PolicyName, policyName, StringComparison.Ordinal)
                && (policyType is null || string.Equals(a.PolicyType, policyType, StringComparison.OrdinalIgnoreCase)))
                ?? throw new AckException("AckPolicyNotFound", AckErrorKind.ObjectNotFound,
                    $"Policy '{policyName}' is not attached to role '{roleName}'.", policyName);
            policyType = attachment.PolicyType;
        }

        if (policyType is not null)
            return await ReadAsync(policyName, RamPolicyTypes.Normalize(policyType), attachment, roleName ?? "", clusterId, regionId, cancellationToken).ConfigureAwait(false);

        try
        {
            return await ReadAsync(policyName, RamPolicyTypes.Custom, null, "", clusterId, regionId, cancellationToken).ConfigureAwait(false);
        }
        catch (AckException e) when (e.ErrorId == "AckPolicyNotFound")
        {
            _log.Verbose($"No custom policy named {policyName}; trying the system policies.");
            return await ReadAsync(policyName, RamPolicyTypes.System, null, "", clusterId, regionId, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<AckWorkerRolePolicy> ReadAsync(string policyName, string policyType, RamAttachedPolicy? attachment, string roleName,
        string? clusterId, string? regionId, CancellationToken cancellationToken)
    {
        _log.Verbose($"Reading policy {policyName} ({policyType}) and its default version (GetPolicy).");
        RamPolicyDetail detail;
        RamPolicyVersion? version;
        try
        {
            detail = await _ram.GetPolicyAsync(policyName, policyType, cancellationToken).ConfigureAwait(false);
            version = detail.DefaultPolicyVersion;
            if (string.IsNullOrEmpty(version?.PolicyDocument))
            {
                // GetPolicy normally carries the default document; when it does not, ask for that version directly.
                var versionId = version?.VersionId ?? detail.Policy.DefaultVersion ?? attachment?.DefaultVersion;
                if (string.IsNullOrEmpty(versionId))
                    throw new AckException("AckMalformedResponse", AckErrorKind.InvalidData, $"RAM returned policy '{policyName}' without a default version.", policyName);
                _log.Verbose($"GetPolicy returned no document for {policyName}; reading version {versionId} (GetPolicyVersion).");
                version = await _ram.GetPolicyVersionAsync(policyName, policyType, versionId, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (AlibabaServiceException e) when (e.Code.StartsWith("EntityNotExist.Policy", StringComparison.OrdinalIgnoreCase))
        {
            throw new AckException("AckPolicyNotFound", AckErrorKind.ObjectNotFound,
                $"Policy '{policyName}' ({policyType}) was not found ({e.Code}{(string.IsNullOrEmpty(e.RequestId) ? "" : ", RequestId " + e.RequestId)}).",
                policyName, e);
        }

        var json = version.PolicyDocument;
        if (string.IsNullOrEmpty(json))
            throw new AckException("AckMalformedResponse", AckErrorKind.InvalidData, $"RAM returned version {version.VersionId} of policy '{policyName}' without a document.", policyName);
        PolicyDocument document;
        try
        {
            document = PolicyDocument.Parse(json);
        }
        catch (PolicyFormatException e)
        {
            throw new AckException("AckMalformedResponse", AckErrorKind.InvalidData,
                $"The document of policy '{policyName}' version {version.VersionId} cannot be read: {e.Message}", policyName, e);
        }

        return new AckWorkerRolePolicy
        {
            ClusterId = clusterId,
            RoleName = roleName,
            PolicyName = detail.Policy.PolicyName,
            PolicyType = detail.Policy.PolicyType,
            DefaultVersion = version.VersionId,
            AttachDate = attachment?.AttachDate,
            StatementCount = document.StatementCount,
            ActionCount = document.ActionCount,
            WildcardActionCount = document.WildcardActionCount,
            Description = detail.Policy.Description ?? attachment?.Description,
            RegionId = regionId,
            DocumentLength = Encoding.UTF8.GetByteCount(document.ToJson()),
            DocumentJson = json,
            Document = document,
        };
    }

    private static bool IsRoleNotFound(AlibabaServiceException e) =>
        e.Code.StartsWith("EntityNotExist.Role", StringComparison.OrdinalIgnoreCase)
        && !e.Code.StartsWith("EntityNotExist.Role.Policy", StringComparison.OrdinalIgnoreCase);

    private static AckException RoleNotFound(string roleName, string? clusterId, AlibabaServiceException e) =>
        new("AckRoleNotFound", AckErrorKind.ObjectNotFound,
            $"RAM role '{roleName}'{(clusterId is null ? "" : $" of cluster {clusterId}")} was not found ({e.Code}{(string.IsNullOrEmpty(e.RequestId) ? "" : ", RequestId " + e.RequestId)}).",
            roleName, e)
        {
            RecommendedAction = "Check the role name; Get-AckCluster shows each cluster's WorkerRamRoleName and node-pool roles.",
        };
}
