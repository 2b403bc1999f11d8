using System.Text.Json;
using AckHardening.Core.Http;

namespace AckHardening.Core.Services.Ram;

/// <summary>
/// Read operations of RAM (2015-05-01, RPC: every parameter in the query). Failures surface as the transport's
/// <see cref="AlibabaServiceException"/> with RAM's code (EntityNotExist.Role, EntityNotExist.Policy, ...);
/// an answer of the wrong shape raises the same type with code "MalformedResponse".
/// </summary>
public sealed class RamClient
{
    private readonly IApiTransport _transport;

    public RamClient(IApiTransport transport) => _transport = transport ?? throw new ArgumentNullException(nameof(transport));

    public async Task<RamRole> GetRoleAsync(string roleName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(roleName);
        var request = Read("GetRole").With("RoleName", roleName);
        var r = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        var role = r.RequiredObject(r.RootObject(), "Role", "body");
        return new RamRole(
            r.RequiredString(role, "RoleName", "Role"),
            r.String(role, "RoleId", "Role"),
            r.String(role, "Arn", "Role"),
            r.String(role, "Description", "Role"),
            r.String(role, "AssumeRolePolicyDocument", "Role"),
            r.Date(role, "CreateDate", "Role"),
            r.Date(role, "UpdateDate", "Role"),
            r.Long(role, "MaxSessionDuration", "Role"));
    }

    /// <summary>Every policy attached to the role (RAM does not page this list). An empty list is a normal answer.</summary>
    public async Task<IReadOnlyList<RamAttachedPolicy>> ListPoliciesForRoleAsync(string roleName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(roleName);
        var request = Read("ListPoliciesForRole").With("RoleName", roleName);
        var r = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        var policies = r.Object(r.RootObject(), "Policies", "body");
        if (policies is null) return Array.Empty<RamAttachedPolicy>();
        return r.ObjectArray(policies.Value, "Policy", "Policies")
            .Select(p => new RamAttachedPolicy(
                r.RequiredString(p, "PolicyName", "Policies.Policy[]"),
                r.RequiredString(p, "PolicyType", "Policies.Policy[]"),
                r.String(p, "Description", "Policies.Policy[]"),
                r.String(p, "DefaultVersion", "Policies.Policy[]"),
                r.Date(p, "AttachDate", "Policies.Policy[]")))
            .ToList();
    }

    /// <summary>The policy and, as RAM returns it, its default version with the document.</summary>
    public async Task<RamPolicyDetail> GetPolicyAsync(string policyName, string policyType, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(policyName);
        var request = Read("GetPolicy").With("PolicyName", policyName).With("PolicyType", RamPolicyTypes.Normalize(policyType));
        var r = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        var root = r.RootObject();
        var p = r.RequiredObject(root, "Policy", "body");
        var policy = new RamPolicy(
            r.RequiredString(p, "PolicyName", "Policy"),
            r.String(p, "PolicyType", "Policy") ?? RamPolicyTypes.Normalize(policyType),
            r.String(p, "Description", "Policy"),
            r.String(p, "DefaultVersion", "Policy"),
            r.Date(p, "CreateDate", "Policy"),
            r.Date(p, "UpdateDate", "Policy"),
            r.Long(p, "AttachmentCount", "Policy"));
        var dv = r.Object(root, "DefaultPolicyVersion", "body");
        var version = dv is null ? null : ReadVersion(r, dv.Value, "DefaultPolicyVersion");
        // Older answers carried the document on Policy itself (now deprecated there); use it when no version block came.
        if (version is null && r.String(p, "PolicyDocument", "Policy") is { Length: > 0 } legacyDoc && policy.DefaultVersion is { Length: > 0 } dvId)
            version = new RamPolicyVersion(dvId, true, policy.UpdateDate ?? policy.CreateDate, legacyDoc);
        return new RamPolicyDetail(policy, version);
    }

    public async Task<RamPolicyVersion> GetPolicyVersionAsync(string policyName, string policyType, string versionId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(policyName);
        ArgumentException.ThrowIfNullOrWhiteSpace(versionId);
        var request = Read("GetPolicyVersion").With("PolicyName", policyName).With("PolicyType", RamPolicyTypes.Normalize(policyType))
            .With("VersionId", versionId);
        var r = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        return ReadVersion(r, r.RequiredObject(r.RootObject(), "PolicyVersion", "body"), "PolicyVersion");
    }

    public async Task<IReadOnlyList<RamPolicyVersion>> ListPolicyVersionsAsync(string policyName, string policyType, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(policyName);
        var request = Read("ListPolicyVersions").With("PolicyName", policyName).With("PolicyType", RamPolicyTypes.Normalize(policyType));
        var r = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        var versions = r.Object(r.RootObject(), "PolicyVersions", "body");
        if (versions is null) return Array.Empty<RamPolicyVersion>();
        return r.ObjectArray(versions.Value, "PolicyVersion", "PolicyVersions")
            .Select(v => ReadVersion(r, v, "PolicyVersions.PolicyVersion[]"))
            .ToList();
    }

    private static RamPolicyVersion ReadVersion(ResponseReader r, JsonElement v, string path) => new(
        r.RequiredString(v, "VersionId", path),
        r.Bool(v, "IsDefaultVersion", path) ?? false,
        r.Date(v, "CreateDate", path),
        r.String(v, "PolicyDocument", path));

    private static ApiRequest Read(string action) => new(ServiceDescriptor.Ram, action) { Method = "POST", Path = "/", Idempotent = true };

    private async Task<ResponseReader> SendAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return new ResponseReader(request, response);
    }
}
