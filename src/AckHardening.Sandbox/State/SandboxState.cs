using System.Collections.Concurrent;
using AckHardening.Sandbox.Auth;
using AckHardening.Sandbox.Faults;
using AckHardening.Sandbox.Services.Cs;
using AckHardening.Sandbox.Services.Ram;

namespace AckHardening.Sandbox.State;

/// <summary>
/// Everything loaded from a scenario plus what requests changed since. POST /_sandbox/reset replaces the whole
/// object, so nothing survives a reset. Later areas keep their own stores through <see cref="Extension{T}"/>.
/// </summary>
public sealed class SandboxState : ICredentialResolver
{
    private readonly ConcurrentDictionary<Type, Lazy<object>> _extensions = new();

    public SandboxState(Scenario scenario, DateTimeOffset now)
    {
        Scenario = scenario;
        LoadedAt = now;
        Accounts = new AccountStore(scenario.Read<AccountsFile>("accounts.json") ?? throw new ScenarioException("accounts.json is required."));
        var ram = scenario.Read<RamScenarioFile>("ram.json") ?? new RamScenarioFile();
        if (ram.AccountUid.Length == 0) ram.AccountUid = Accounts.PrimaryAccount?.Uid ?? "";
        Ram = new RamStore(ram, now);
        Clusters = new ClusterStore(scenario.Read<ClustersFile>("clusters.json") ?? new ClustersFile());
        try { Faults = new FaultStore(scenario.Read<List<FaultRule>>("faults.json")); }
        catch (ArgumentException e) { throw new ScenarioException("faults.json: " + e.Message, e); }
    }

    public Scenario Scenario { get; }
    public DateTimeOffset LoadedAt { get; }
    public AccountStore Accounts { get; }
    public StsSessionStore StsSessions { get; } = new();
    public RamStore Ram { get; }
    public ClusterStore Clusters { get; }
    public FaultStore Faults { get; }
    public NonceCache Nonces { get; } = new();
    public RequestLog Log { get; } = new();

    /// <summary>A store owned by a later area (ActionTrail trails, SLS logs, Kubernetes objects), built on first use.</summary>
    public T Extension<T>(Func<SandboxState, T> factory) where T : class =>
        (T)_extensions.GetOrAdd(typeof(T), _ => new Lazy<object>(() => factory(this))).Value;

    public ResolvedKey? Resolve(string accessKeyId) =>
        accessKeyId.StartsWith("STS.", StringComparison.Ordinal) ? StsSessions.Resolve(accessKeyId) : Accounts.Resolve(accessKeyId);
}
