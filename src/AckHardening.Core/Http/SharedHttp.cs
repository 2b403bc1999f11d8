using System.Net;
using System.Reflection;

namespace AckHardening.Core.Http;

/// <summary>
/// The one pooled HttpClient of the module: every service, the STS calls behind credentials and the instance
/// metadata reads share its connection pool. Timeouts are per request (linked tokens), so the client has none.
/// </summary>
internal static class SharedHttp
{
    private static readonly Lazy<HttpClient> LazyClient = new(() =>
    {
        var handler = new SocketsHttpHandler
        {
            // Rotate connections so DNS changes of the regional endpoints are picked up.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            // A redirect would re-send a signed request to a host we did not choose.
            AllowAutoRedirect = false,
            UseCookies = false,
        };
        return new HttpClient(handler, disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
    });

    public static HttpClient Client => LazyClient.Value;

    /// <summary>"AckHardening/&lt;informational version&gt;".</summary>
    public static string UserAgent { get; } = "AckHardening/" + (
        typeof(SharedHttp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(SharedHttp).Assembly.GetName().Version?.ToString() ?? "0.0.0");
}
