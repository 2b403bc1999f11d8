namespace AckHardening.Components;

/// <summary>
/// One managed service role the catalog's components need: whether ACK has it (granted), and whether the token
/// Secret ACK keeps in the cluster holds credentials or an error. Credential values are never read into this object.
/// </summary>
public sealed class AckServiceRoleStatus
{
    public string? ClusterId { get; set; }
    public string RoleName { get; set; } = "";
    /// <summary>True/false when a check answered; null when neither CheckServiceRole nor RAM GetRole could tell.</summary>
    public bool? Granted { get; set; }
    public ServiceRoleCheckSource GrantSource { get; set; }
    /// <summary>The installed catalog components that use the role, joined with ", ".</summary>
    public string Components { get; set; } = "";
    /// <summary>kube-system/&lt;name&gt; of the token Secret that was read; empty when none was found or checked.</summary>
    public string? TokenSecret { get; set; }
    public ServiceRoleTokenStatus TokenStatus { get; set; }
    /// <summary>The code of the error object in the token Secret (e.g. EntityNotExist.Role).</summary>
    public string? TokenErrorCode { get; set; }
    /// <summary>When the token in the Secret expires (token Secrets that hold credentials).</summary>
    public DateTimeOffset? TokenExpiration { get; set; }
    public string Message { get; set; } = "";

    public override string ToString() => $"{RoleName} Granted={Granted} Token={TokenStatus}";
}
