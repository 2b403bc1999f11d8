using Microsoft.AspNetCore.Builder;

namespace AckHardening.Sandbox.Kubernetes;

/// <summary>How a host wires the emulated API servers into its pipeline.</summary>
public static class KubernetesApiExtensions
{
    /// <summary>
    /// Serves <paramref name="server"/> for every request that arrives on local port <paramref name="localPort"/>
    /// (the cluster's Kestrel endpoint); requests on other ports continue down the pipeline. Register it before the
    /// host's own endpoints so the Kubernetes paths never reach them.
    /// </summary>
    public static IApplicationBuilder UseKubernetesApi(this IApplicationBuilder app, int localPort, KubernetesApiServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        return app.MapWhen(context => context.Connection.LocalPort == localPort, branch => branch.Run(server.HandleAsync));
    }
}
