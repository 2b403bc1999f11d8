namespace AckHardening.Core.Http;

public enum ApiStyle
{
    /// <summary>RPC: POST / with every parameter in the query (RAM, STS, ActionTrail).</summary>
    Rpc,
    /// <summary>ROA: a REST path, query and JSON body (CS / ACK).</summary>
    Roa,
    /// <summary>Log Service: its own REST API and its own signature; the project is in the Host header.</summary>
    Sls,
}

/// <summary>One Alibaba Cloud service the module talks to, and how to reach it by default.</summary>
public sealed record ServiceDescriptor(string Name, string Version, ApiStyle Style, Func<string, string> DefaultHost)
{
    public static readonly ServiceDescriptor Ram = new("Ram", "2015-05-01", ApiStyle.Rpc, _ => "ram.aliyuncs.com");
    public static readonly ServiceDescriptor Sts = new("Sts", "2015-04-01", ApiStyle.Rpc, r => string.IsNullOrEmpty(r) ? "sts.aliyuncs.com" : $"sts.{r}.aliyuncs.com");
    public static readonly ServiceDescriptor Cs = new("Cs", "2015-12-15", ApiStyle.Roa, r => $"cs.{r}.aliyuncs.com");
    public static readonly ServiceDescriptor ActionTrail = new("ActionTrail", "2020-07-06", ApiStyle.Rpc, r => $"actiontrail.{r}.aliyuncs.com");
    /// <summary>Default host is the regional SLS endpoint; the project name is put in front of it per request.</summary>
    public static readonly ServiceDescriptor Sls = new("Sls", "0.6.0", ApiStyle.Sls, r => $"{r}.log.aliyuncs.com");

    public static IReadOnlyList<ServiceDescriptor> All { get; } = new[] { Ram, Sts, Cs, ActionTrail, Sls };

    public static ServiceDescriptor? Find(string name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
}
