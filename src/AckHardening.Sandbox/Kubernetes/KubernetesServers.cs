using System.Globalization;
using AckHardening.Sandbox.Hosting;
using AckHardening.Sandbox.State;

namespace AckHardening.Sandbox.Kubernetes;

/// <summary>
/// The emulated API servers of one sandbox state, one per cluster of kubernetes.json. Kept as a state extension,
/// so a scenario reset rebuilds them from disk; requests are written to the sandbox's request log as service
/// "Kubernetes".
/// </summary>
public sealed class KubernetesServers
{
    private readonly IReadOnlyDictionary<string, KubernetesApiServer> _servers;

    public KubernetesServers(SandboxState state, SandboxRuntime runtime)
    {
        var clusters = KubernetesScenario.LoadFolder(state.Scenario.Folder);
        _servers = clusters.ToDictionary(
            kv => kv.Key,
            kv => new KubernetesApiServer(kv.Value, () => runtime.Clock.UtcNow, record => state.Log.Add(new RequestLogEntry(
                state.Log.NextSeq(), record.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                "Kubernetes", record.Action, record.Method, record.Path, record.Status, record.IsWrite, null, null, null))),
            StringComparer.Ordinal);
    }

    public KubernetesApiServer? For(string clusterId) => _servers.GetValueOrDefault(clusterId);

    public IEnumerable<string> ClusterIds => _servers.Keys;
}
