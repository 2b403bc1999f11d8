using AckHardening.Core.Http;

namespace AckHardening.Core.Services.Ram;

/// <summary>One principal a policy is attached to (ListEntitiesForPolicy).</summary>
public sealed record RamPolicyEntity(string Kind, string Name, DateTimeOffset? AttachDate);

/// <summary>
/// RAM calls that change policies (2015-05-01, RPC, every parameter in the query as the SDK sends it), plus
/// ListEntitiesForPolicy, which a writer reads first to know who else holds the policy. Calls that could apply
/// twice when repeated (CreatePolicyVersion) are marked not idempotent, so the transport never resends them after a
/// lost answer: the caller re-reads the policy instead and decides again.
/// </summary>
public sealed class RamWriteClient
{
    private readonly IApiTransport _transport;

    public RamWriteClient(IApiTransport transport) => _transport = transport ?? throw new ArgumentNullException(nameof(transport));

    /// <summary>CreatePolicyVersion with RotateStrategy None: RAM refuses (LimitExceeded.Policy.Version) rather than delete a version itself.</summary>
    public async Task<RamPolicyVersion> CreatePolicyVersionAsync(string policyName, string document, bool setAsDefault, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(policyName);
        ArgumentException.ThrowIfNullOrEmpty(document);
        var request = Write("CreatePolicyVersion", idempotent: false)
            .With("PolicyName", policyName).With("PolicyDocument", document)
            .With("SetAsDefault", setAsDefault ? "true" : "false").With("RotateStrategy", "None");
        request.ElidedParameters.Add("PolicyDocument");
        var r = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        var v = r.RequiredObject(r.RootObject(), "PolicyVersion", "body");
        return new RamPolicyVersion(
            r.RequiredString(v, "VersionId", "PolicyVersion"),
            r.Bool(v, "IsDefaultVersion", "PolicyVersion") ?? setAsDefault,
            r.Date(v, "CreateDate", "PolicyVersion"),
            r.String(v, "PolicyDocument", "PolicyVersion") ?? document);
    }

    /// <summary>Repeating it leaves the same default: safe to resend.</summary>
    public Task SetDefaultPolicyVersionAsync(string policyName, string versionId, CancellationToken cancellationToken) =>
        SendAsync(Write("SetDefaultPolicyVersion", idempotent: true).With("PolicyName", Required(policyName)).With("VersionId", Required(versionId)), cancellationToken);

    /// <summary>Not resent: a repeat after a lost answer fails with EntityNotExist.Policy.Version, which the caller resolves by re-reading.</summary>
    public Task DeletePolicyVersionAsync(string policyName, string versionId, CancellationToken cancellationToken) =>
        SendAsync(Write("DeletePolicyVersion", idempotent: false).With("PolicyName", Required(policyName)).With("VersionId", Required(versionId)), cancellationToken);

    public Task AttachPolicyToRoleAsync(string policyName, string policyType, string roleName, CancellationToken cancellationToken) =>
        SendAsync(Write("AttachPolicyToRole", idempotent: false).With("PolicyType", RamPolicyTypes.Normalize(policyType))
            .With("PolicyName", Required(policyName)).With("RoleName", Required(roleName)), cancellationToken);

    public Task DetachPolicyFromRoleAsync(string policyName, string policyType, string roleName, CancellationToken cancellationToken) =>
        SendAsync(Write("DetachPolicyFromRole", idempotent: false).With("PolicyType", RamPolicyTypes.Normalize(policyType))
            .With("PolicyName", Required(policyName)).With("RoleName", Required(roleName)), cancellationToken);

    /// <summary>Every role, user and group the policy is attached to.</summary>
    public async Task<IReadOnlyList<RamPolicyEntity>> ListEntitiesForPolicyAsync(string policyName, string policyType, CancellationToken cancellationToken)
    {
        var request = new ApiRequest(ServiceDescriptor.Ram, "ListEntitiesForPolicy") { Method = "POST", Path = "/", Idempotent = true }
            .With("PolicyType", RamPolicyTypes.Normalize(policyType)).With("PolicyName", Required(policyName));
        var r = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        var root = r.RootObject();
        var list = new List<RamPolicyEntity>();
        foreach (var (outer, inner, kind, nameField) in new[] { ("Roles", "Role", "Role", "RoleName"), ("Users", "User", "User", "UserName"), ("Groups", "Group", "Group", "GroupName") })
        {
            if (r.Object(root, outer, "body") is not { } container) continue;
            foreach (var e in r.ObjectArray(container, inner, outer))
                list.Add(new RamPolicyEntity(kind, r.RequiredString(e, nameField, $"{outer}.{inner}[]"), r.Date(e, "AttachDate", $"{outer}.{inner}[]")));
        }
        return list;
    }

    private static string Required(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        return value;
    }

    private static ApiRequest Write(string action, bool idempotent) => new(ServiceDescriptor.Ram, action) { Method = "POST", Path = "/", Idempotent = idempotent };

    private async Task<ResponseReader> SendAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return new ResponseReader(request, response);
    }
}
