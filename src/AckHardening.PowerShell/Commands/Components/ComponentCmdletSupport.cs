using System.Collections;
using System.Management.Automation;
using AckHardening.Core.Components;
using AckHardening.Core.Diagnostics;
using AckHardening.Core.KubeAccess;

namespace AckHardening.PowerShell.Commands;

/// <summary>What the component cmdlets share: loading the catalog in effect and reaching a cluster's API server.</summary>
internal static class ComponentCmdletSupport
{
    /// <summary>The user's catalog file, or the built-in one.</summary>
    public static ComponentCatalog LoadCatalog(PSCmdlet cmdlet, string? catalogPath) =>
        string.IsNullOrEmpty(catalogPath)
            ? ComponentCatalog.LoadBuiltIn()
            : ComponentCatalog.LoadFile(cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(catalogPath));

    /// <summary>
    /// The Kubernetes API server of <paramref name="clusterId"/>, or null when no kubeconfig is available.
    /// For now the kubeconfig comes only from -KubeconfigPath/-KubeContext (a context alone means the default
    /// kubeconfig file). This is the one place to switch to the shared kubeconfig helper (CS
    /// DescribeClusterUserKubeconfig, -PrivateEndpoint) once it is merged.
    /// </summary>
    /// <param name="kubeconfigPath">A provider path already resolved on the pipeline thread (<see cref="ResolvePath"/>).</param>
    public static KubernetesGateway? ConnectKubernetes(string? kubeconfigPath, string? kubeContext, string clusterId, IAckLog log)
    {
        if (string.IsNullOrEmpty(kubeconfigPath) && string.IsNullOrEmpty(kubeContext))
            return null;
        var source = string.IsNullOrEmpty(kubeconfigPath)
            ? KubeconfigSource.Default(kubeContext)
            : KubeconfigSource.FromFile(kubeconfigPath, kubeContext);
        log.Verbose($"Reaching the API server of cluster {clusterId} with the {source}.");
        return KubernetesGateway.Connect(source, log);
    }

    /// <summary>A PowerShell path as a file-system path; call it on the pipeline thread (SessionState is not thread-safe).</summary>
    public static string? ResolvePath(PSCmdlet cmdlet, string? path) =>
        string.IsNullOrEmpty(path) ? null : cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);

    /// <summary>Unwraps PSObjects (also inside nested hashtables and arrays) so the domain sees plain .NET values.</summary>
    public static object? Unwrap(object? value) => value switch
    {
        null => null,
        PSObject pso when pso.BaseObject is not PSCustomObject => Unwrap(pso.BaseObject),
        PSObject pso => pso.Properties.ToDictionary(p => p.Name, p => Unwrap(p.Value)),
        IDictionary dict => dict.Cast<DictionaryEntry>().ToDictionary(e => Convert.ToString(e.Key) ?? "", e => Unwrap(e.Value)),
        string s => s,
        IEnumerable list => list.Cast<object?>().Select(Unwrap).ToList(),
        _ => value,
    };
}
