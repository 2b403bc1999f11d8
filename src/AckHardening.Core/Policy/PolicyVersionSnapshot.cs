using AckHardening.Policy;

namespace AckHardening.Core.Policy;

/// <summary>One version of a policy as RAM returned it (ListPolicyVersions / GetPolicyVersion).</summary>
public sealed class PolicyVersionSnapshot
{
    public string VersionId { get; init; } = "";
    public bool IsDefault { get; init; }
    public DateTimeOffset? CreateDate { get; init; }
    /// <summary>The document exactly as RAM returned it (a JSON string in the API response).</summary>
    public string DocumentText { get; init; } = "";

    private PolicyDocument? _document;
    private bool _parsed;

    /// <summary>The parsed document, or null when the text is not a policy document.</summary>
    public PolicyDocument? Document
    {
        get
        {
            if (!_parsed) { PolicyDocument.TryParse(DocumentText, out _document, out _); _parsed = true; }
            return _document;
        }
    }

    /// <summary>The number in "v12" (for ordering when create dates are equal or missing); int.MaxValue when not of that form.</summary>
    public int VersionNumber => VersionId.Length > 1 && (VersionId[0] is 'v' or 'V') && int.TryParse(VersionId.AsSpan(1), out var n) ? n : int.MaxValue;

    public static PolicyVersionSnapshot From(string versionId, bool isDefault, PolicyDocument document, DateTimeOffset? createDate = null) =>
        new() { VersionId = versionId, IsDefault = isDefault, CreateDate = createDate, DocumentText = document.ToJson() };

    public override string ToString() => IsDefault ? VersionId + " (default)" : VersionId;
}

/// <summary>The live state of one policy, as read before planning a change.</summary>
public sealed class PolicyState
{
    public string PolicyName { get; init; } = "";
    public string PolicyType { get; init; } = "Custom";
    public string? RoleName { get; init; }
    /// <summary>Whether the policy is attached to <see cref="RoleName"/>.</summary>
    public bool IsAttached { get; init; } = true;
    public IReadOnlyList<PolicyVersionSnapshot> Versions { get; init; } = Array.Empty<PolicyVersionSnapshot>();
    public PolicyVersionSnapshot? Default => Versions.FirstOrDefault(v => v.IsDefault);
}
