using System.Collections;
using System.Management.Automation;
using AckHardening.Core.Components;
using AckHardening.Core.Errors;
using AckHardening.Core.KubeAccess;
using AckHardening.PowerShell.Infrastructure;

namespace AckHardening.PowerShell.Commands;

/// <summary>What the component cmdlets share: loading the catalog in effect and reading image tags through a cluster's API server.</summary>
internal static class ComponentCmdletSupport
{
    /// <summary>The user's catalog file, or the built-in one.</summary>
    /// <summary>The catalog in effect: -CatalogPath (resolved against the PowerShell location) or the built-in one.</summary>
    public static ComponentCatalog LoadCatalog(PSCmdlet cmdlet, string? catalogPath) =>
        string.IsNullOrWhiteSpace(catalogPath)
            ? ComponentCatalog.LoadBuiltIn()
            : ComponentCatalog.LoadFile(cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(catalogPath));

    /// <summary>
    /// <see cref="LoadCatalog"/> for a cmdlet's BeginProcessing: a catalog that cannot be had (missing, invalid, a bad
    /// path) ends the command with the module's error record, since no component could be judged without it.
    /// </summary>
    public static ComponentCatalog LoadCatalogOrStop(PSCmdlet cmdlet, string? catalogPath)
    {
        try
        {
            return LoadCatalog(cmdlet, catalogPath);
        }
        catch (Exception e) when (e is AckException or ArgumentException)
        {
            cmdlet.ThrowTerminatingError(AckErrors.ToErrorRecord(e, catalogPath));
            throw; // not reached: ThrowTerminatingError always throws
        }
    }

    /// <summary>
    /// Reads ImageTag components (cluster-autoscaler) through a connector that reaches the API server only when a
    /// workload is actually read, so a cluster whose components all come from the addon API costs no kubeconfig.
    /// A connection that cannot be made (no kubeconfig from CS, a bad file) becomes an <see cref="AckException"/>,
    /// which the inventory reports as a warning and an unknown version instead of failing the whole cluster.
    /// </summary>
    /// <param name="onUnauthorized">Called when the API server refuses the credentials (forget a CS-issued kubeconfig).</param>
    public static WorkloadImageReader LazyImageReader(KubernetesConnector connect, string clusterId, Action onUnauthorized)
    {
        return async (entry, ct) =>
        {
            KubernetesGateway gateway;
            try
            {
                gateway = await connect(ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException && e is not AckException)
            {
                throw new AckException(KubernetesErrors.Unavailable, AckErrorKind.ConnectionError,
                    $"no Kubernetes access to cluster {clusterId}: {e.Message}", clusterId, e);
            }
            try
            {
                return await KubernetesWorkloadImages.From(gateway)(entry, ct).ConfigureAwait(false);
            }
            catch (AckException e) when (e.ErrorId == KubernetesErrors.Unauthorized)
            {
                onUnauthorized();
                throw;
            }
        };
    }

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
