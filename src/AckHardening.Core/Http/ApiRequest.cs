namespace AckHardening.Core.Http;

/// <summary>
/// A call to one Alibaba Cloud API. RPC calls set <see cref="Action"/> and <see cref="Query"/>;
/// ROA calls also set <see cref="Method"/>, <see cref="Path"/> and possibly a JSON <see cref="Body"/>;
/// SLS calls set <see cref="SlsProject"/> (which goes in front of the host name).
/// </summary>
public sealed class ApiRequest
{
    public ApiRequest(ServiceDescriptor service, string action)
    {
        Service = service;
        Action = action;
    }

    public ServiceDescriptor Service { get; }
    public string Action { get; }
    public string Method { get; init; } = "POST";
    /// <summary>Unencoded path; each segment is percent-encoded when sent and signed.</summary>
    public string Path { get; init; } = "/";
    public SortedDictionary<string, string> Query { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>Request body (JSON for ROA); null for none.</summary>
    public byte[]? Body { get; init; }
    public string? ContentType { get; init; }
    /// <summary>SLS only: the project, sent as the first label of the Host header.</summary>
    public string? SlsProject { get; init; }
    /// <summary>Region used to pick the default endpoint; the context's region when null.</summary>
    public string? RegionId { get; init; }
    /// <summary>
    /// True when sending the request twice cannot apply it twice (reads, and writes that are idempotent by
    /// their nature or by a client token). Only such requests are retried after a failure whose outcome is unknown.
    /// </summary>
    public bool Idempotent { get; init; }
    /// <summary>Per-request timeout; the transport default when null.</summary>
    public TimeSpan? Timeout { get; init; }
    /// <summary>Shown instead of the real value in -Debug output, for parameters that may be large (policy documents).</summary>
    public ISet<string> ElidedParameters { get; } = new HashSet<string>(StringComparer.Ordinal);
    /// <summary>
    /// True for the few calls that carry no signature (STS AssumeRoleWithOIDC: the OIDC token is the proof).
    /// The transport then asks the session for no credentials and sends no Authorization header.
    /// </summary>
    public bool Anonymous { get; init; }

    public ApiRequest With(string name, string? value)
    {
        if (value is not null) Query[name] = value;
        return this;
    }
}
