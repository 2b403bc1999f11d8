using System.Text.Json.Nodes;

namespace AckHardening.Sandbox.Services.Ram;

/// <summary>ram.json: roles, policies with their versions, and role↔policy attachments of one account.</summary>
public sealed class RamScenarioFile
{
    public string AccountUid { get; set; } = "";
    public List<RoleDefinition> Roles { get; set; } = new();
    public List<PolicyDefinition> Policies { get; set; } = new();
    public List<AttachmentDefinition> Attachments { get; set; } = new();
}

public sealed class RoleDefinition
{
    public string RoleName { get; set; } = "";
    public string RoleId { get; set; } = "";
    public string Description { get; set; } = "";
    /// <summary>Trust policy, as an object or an already-serialized string.</summary>
    public JsonNode? AssumeRolePolicyDocument { get; set; }
    public string? CreateDate { get; set; }
    public string? UpdateDate { get; set; }
    public int MaxSessionDuration { get; set; } = 3600;
}

public sealed class PolicyDefinition
{
    public string PolicyName { get; set; } = "";
    /// <summary>System | Custom.</summary>
    public string PolicyType { get; set; } = "Custom";
    public string Description { get; set; } = "";
    public string? CreateDate { get; set; }
    public string? UpdateDate { get; set; }
    /// <summary>Highest version number ever issued, when versions were deleted before the scenario starts.</summary>
    public int? LastVersionNumber { get; set; }
    public List<PolicyVersionDefinition> Versions { get; set; } = new();
}

public sealed class PolicyVersionDefinition
{
    public string VersionId { get; set; } = "";
    public bool IsDefaultVersion { get; set; }
    public string? CreateDate { get; set; }
    /// <summary>The document, as an object (sent minified) or as the exact string to return.</summary>
    public JsonNode? PolicyDocument { get; set; }
}

public sealed class AttachmentDefinition
{
    public string RoleName { get; set; } = "";
    public string PolicyName { get; set; } = "";
    public string PolicyType { get; set; } = "Custom";
    public string? AttachDate { get; set; }
}
