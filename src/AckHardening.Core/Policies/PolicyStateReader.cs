using AckHardening.Core.Diagnostics;
using AckHardening.Core.Errors;
using AckHardening.Core.Http;
using AckHardening.Core.Policy;
using AckHardening.Core.Services.Ram;

namespace AckHardening.Core.Policies;

/// <summary>
/// Reads the live state a change is planned from: every version of a policy with its document, which one is the
/// default, and whether it is attached to a role. Read fresh before every decision: the idempotence of the write
/// path rests on it, not on resending writes.
/// </summary>
public sealed class PolicyStateReader
{
    private readonly RamClient _ram;
    private readonly IAckLog _log;

    public PolicyStateReader(RamClient ram, IAckLog? log = null)
    {
        _ram = ram ?? throw new ArgumentNullException(nameof(ram));
        _log = log ?? NullAckLog.Instance;
    }

    /// <summary>
    /// The policy's versions and attachment. Without <paramref name="policyType"/> a custom policy of that name is
    /// looked for first, then a system one. Throws AckPolicyNotFound / AckRoleNotFound.
    /// </summary>
    public async Task<PolicyState> ReadAsync(string policyName, string? policyType, string? roleName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(policyName);
        var types = policyType is null ? new[] { RamPolicyTypes.Custom, RamPolicyTypes.System } : new[] { RamPolicyTypes.Normalize(policyType) };
        IReadOnlyList<RamPolicyVersion>? versions = null;
        string type = types[0];
        AlibabaServiceException? notFound = null;
        foreach (var t in types)
        {
            try
            {
                _log.Verbose($"Reading the versions of policy {policyName} ({t}) (ListPolicyVersions).");
                versions = await _ram.ListPolicyVersionsAsync(policyName, t, cancellationToken).ConfigureAwait(false);
                type = t;
                break;
            }
            catch (AlibabaServiceException e) when (IsPolicyNotFound(e))
            {
                notFound = e;
            }
        }
        if (versions is null)
            throw new AckException("AckPolicyNotFound", AckErrorKind.ObjectNotFound,
                $"Policy '{policyName}' ({string.Join(" or ", types)}) was not found ({notFound?.Code}{(string.IsNullOrEmpty(notFound?.RequestId) ? "" : ", RequestId " + notFound!.RequestId)}).",
                policyName, notFound);
        if (versions.Count == 0 || versions.Count(v => v.IsDefaultVersion) != 1)
            throw new AckException("AckMalformedResponse", AckErrorKind.InvalidData,
                $"RAM listed {versions.Count} versions of policy '{policyName}' with {versions.Count(v => v.IsDefaultVersion)} marked default; expected exactly one.", policyName);

        var snapshots = new List<PolicyVersionSnapshot>(versions.Count);
        foreach (var v in versions)
        {
            var text = v.PolicyDocument;
            if (string.IsNullOrEmpty(text))
            {
                // ListPolicyVersions normally carries each document; ask for a version directly when it does not.
                _log.Verbose($"Reading version {v.VersionId} of policy {policyName} (GetPolicyVersion).");
                text = (await _ram.GetPolicyVersionAsync(policyName, type, v.VersionId, cancellationToken).ConfigureAwait(false)).PolicyDocument;
            }
            if (string.IsNullOrEmpty(text))
                throw new AckException("AckMalformedResponse", AckErrorKind.InvalidData, $"RAM returned version {v.VersionId} of policy '{policyName}' without a document.", policyName);
            snapshots.Add(new PolicyVersionSnapshot { VersionId = v.VersionId, IsDefault = v.IsDefaultVersion, CreateDate = v.CreateDate, DocumentText = text });
        }

        var attached = true;
        if (!string.IsNullOrWhiteSpace(roleName))
        {
            IReadOnlyList<RamAttachedPolicy> list;
            try
            {
                list = await _ram.ListPoliciesForRoleAsync(roleName, cancellationToken).ConfigureAwait(false);
            }
            catch (AlibabaServiceException e) when (e.Code.Equals("EntityNotExist.Role", StringComparison.OrdinalIgnoreCase))
            {
                throw new AckException("AckRoleNotFound", AckErrorKind.ObjectNotFound, $"RAM role '{roleName}' was not found ({e.Code}).", roleName, e);
            }
            attached = list.Any(a => string.Equals(a.PolicyName, policyName, StringComparison.OrdinalIgnoreCase)
                && string.Equals(a.PolicyType, type, StringComparison.OrdinalIgnoreCase));
        }

        return new PolicyState { PolicyName = policyName, PolicyType = type, RoleName = string.IsNullOrWhiteSpace(roleName) ? null : roleName, IsAttached = attached, Versions = snapshots };
    }

    private static bool IsPolicyNotFound(AlibabaServiceException e) =>
        e.Code.Equals("EntityNotExist.Policy", StringComparison.OrdinalIgnoreCase);
}
