using AckHardening.Core.Credentials;
using AckHardening.Core.Http;

namespace AckHardening.Core;

/// <summary>
/// Who the module acts as, where, and through which endpoints. The PowerShell layer keeps one per runspace
/// (Connect-AckAccount) or builds one from the default credential chain.
/// </summary>
public sealed class AckSession
{
    public AckSession(ICredentialProvider credentials, string region, IReadOnlyDictionary<string, Uri>? endpoints = null)
    {
        Credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
        if (string.IsNullOrWhiteSpace(region)) throw new ArgumentException("A region is required, e.g. cn-hangzhou.", nameof(region));
        Region = region;
        var map = new Dictionary<string, Uri>(StringComparer.OrdinalIgnoreCase);
        if (endpoints is not null)
        {
            foreach (var (name, uri) in endpoints)
            {
                var service = ServiceDescriptor.Find(name)
                    ?? throw new ArgumentException($"Unknown service '{name}' in the endpoint map. Known: {string.Join(", ", ServiceDescriptor.All.Select(s => s.Name))}.");
                EndpointPolicy.Validate(uri);
                map[service.Name] = uri;
            }
        }
        Endpoints = map;
    }

    public ICredentialProvider Credentials { get; }
    public string Region { get; }
    /// <summary>Base URI overrides by service name (Ram, Sts, Cs, ActionTrail, Sls).</summary>
    public IReadOnlyDictionary<string, Uri> Endpoints { get; }

    /// <summary>The base URI for a service in a region: the override when one is set, else https://default-host.</summary>
    public Uri ResolveEndpoint(ServiceDescriptor service, string? region = null)
    {
        if (Endpoints.TryGetValue(service.Name, out var uri)) return uri;
        return new Uri("https://" + service.DefaultHost(region ?? Region) + "/");
    }

    public AckSession WithRegion(string? region) =>
        string.IsNullOrEmpty(region) || region == Region ? this : new AckSession(Credentials, region, Endpoints);
}

/// <summary>Rules for endpoint URIs given by users.</summary>
public static class EndpointPolicy
{
    /// <summary>https anywhere; plain http only on loopback (the sandbox), so credentials never cross a network in clear.</summary>
    public static void Validate(Uri uri)
    {
        if (!uri.IsAbsoluteUri) throw new ArgumentException($"Endpoint '{uri}' is not an absolute URI.");
        if (uri.Scheme == Uri.UriSchemeHttps) return;
        if (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback) return;
        throw new ArgumentException($"Endpoint '{uri}' is refused: only https is allowed, and http only on a loopback address.");
    }
}
