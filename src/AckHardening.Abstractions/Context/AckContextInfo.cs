namespace AckHardening.Context;

/// <summary>
/// Who the module acts as in this runspace (Connect-AckAccount, Get-AckContext). Never carries a secret:
/// the key id is masked and neither the secret nor the STS token is kept here.
/// </summary>
public sealed class AckContextInfo
{
    /// <summary>The AccessKeyId with all but its first 4 and last 3 characters masked.</summary>
    public string AccessKeyId { get; set; } = "";
    /// <summary>Where the credentials come from, e.g. "Credential", "Profile:default", "RamRoleArn(Credential)", "Default:Environment".</summary>
    public string Source { get; set; } = "";
    public string Region { get; set; } = "";
    /// <summary>The account the credentials belong to, as STS reported it when the session was connected.</summary>
    public string? AccountId { get; set; }
    /// <summary>The caller's ARN as STS reported it (a RAM user, or assumed-role/&lt;role&gt;/&lt;session&gt;).</summary>
    public string? Arn { get; set; }
    /// <summary>Endpoint overrides as "Ram=http://…; Sts=…"; empty when the public endpoints are used.</summary>
    public string Endpoints { get; set; } = "";
    /// <summary>When the current temporary credentials expire (STS tokens only); they are refreshed before.</summary>
    public DateTimeOffset? Expiration { get; set; }
    /// <summary>The role assumed on top of the source (-RoleArn), if any.</summary>
    public string? RoleArn { get; set; }
    public bool IsStsToken { get; set; }
    /// <summary>True when no Connect-AckAccount was run and the default credential chain supplied the credentials.</summary>
    public bool IsDefaultChain { get; set; }
}
