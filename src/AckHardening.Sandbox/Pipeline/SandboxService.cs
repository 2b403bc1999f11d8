namespace AckHardening.Sandbox.Pipeline;

/// <summary>How a service shapes requests, errors and success envelopes.</summary>
public enum ApiStyle
{
    /// <summary>POP RPC: one path, the action in x-acs-action (or Action), PascalCase JSON with RequestId.</summary>
    Rpc,
    /// <summary>POP ROA: REST paths, snake_case JSON, request id in the x-acs-request-id header (CS).</summary>
    Roa,
    /// <summary>Log Service: REST paths, project in the Host header, errorCode/errorMessage bodies.</summary>
    Sls,
    /// <summary>A Kubernetes API server (one listener per cluster), Status bodies on errors.</summary>
    Kubernetes,
    /// <summary>The sandbox's own control API: no auth, no faults, not logged.</summary>
    Control,
}

/// <summary>One emulated endpoint kind. Each gets its own loopback port (Kubernetes: one per cluster).</summary>
public sealed record SandboxService(string Name, ApiStyle Style, string Version, string RamCode, string HostId)
{
    public override string ToString() => Name;
}

public static class SandboxServices
{
    public static readonly SandboxService Ram = new("Ram", ApiStyle.Rpc, "2015-05-01", "ram", "ram.aliyuncs.com");
    public static readonly SandboxService Sts = new("Sts", ApiStyle.Rpc, "2015-04-01", "sts", "sts.aliyuncs.com");
    public static readonly SandboxService Cs = new("Cs", ApiStyle.Roa, "2015-12-15", "cs", "cs.cn-hangzhou.aliyuncs.com");
    public static readonly SandboxService ActionTrail = new("ActionTrail", ApiStyle.Rpc, "2020-07-06", "actiontrail", "actiontrail.cn-hangzhou.aliyuncs.com");
    public static readonly SandboxService Sls = new("Sls", ApiStyle.Sls, "0.6.0", "log", "cn-hangzhou.log.aliyuncs.com");
    public static readonly SandboxService Control = new("Control", ApiStyle.Control, "", "", "");
    public static readonly SandboxService Kubernetes = new("Kubernetes", ApiStyle.Kubernetes, "v1", "", "");

    /// <summary>The services that get one fixed port each, in READY-line order.</summary>
    public static IReadOnlyList<SandboxService> Fixed { get; } = [Ram, Sts, Cs, ActionTrail, Sls, Control];

    public static SandboxService? Find(string? name) =>
        Fixed.Append(Kubernetes).FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
}
