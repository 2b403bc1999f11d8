using System.Globalization;
using AckHardening.Core.Http;

namespace AckHardening.Core.Services.Cs;

/// <summary>
/// A kubeconfig issued by CS DescribeClusterUserKubeconfig. <see cref="Config"/> holds the caller's credentials for
/// the API server (a client certificate and key, or a token): it never appears in <see cref="ToString"/>.
/// </summary>
public sealed class CsUserKubeconfig
{
    public CsUserKubeconfig(string clusterId, string config, DateTimeOffset? expiration, bool privateIpAddress)
    {
        ClusterId = clusterId;
        Config = config;
        Expiration = expiration;
        PrivateIpAddress = privateIpAddress;
    }

    public string ClusterId { get; }

    /// <summary>The kubeconfig YAML. Secret: keep it in memory, never log it.</summary>
    public string Config { get; }

    /// <summary>When the credentials stop working; null when the service gave no date.</summary>
    public DateTimeOffset? Expiration { get; }

    /// <summary>True when it points at the cluster's internal (VPC) endpoint.</summary>
    public bool PrivateIpAddress { get; }

    public override string ToString() =>
        $"kubeconfig of cluster {ClusterId} ({(PrivateIpAddress ? "internal" : "public")} endpoint, expires {Expiration?.ToString("u", CultureInfo.InvariantCulture) ?? "unknown"})";
}

/// <summary>CS DescribeClusterUserKubeconfig: GET /k8s/{ClusterId}/user_config.</summary>
public sealed class CsKubeconfigClient
{
    /// <summary>The documented range of TemporaryDurationMinutes: 15 minutes to 3 days.</summary>
    public const int MinTemporaryMinutes = 15, MaxTemporaryMinutes = 4320;

    private readonly IApiTransport _transport;

    public CsKubeconfigClient(IApiTransport transport, string? regionId = null)
    {
        _transport = transport ?? throw new ArgumentNullException(nameof(transport));
        RegionId = string.IsNullOrWhiteSpace(regionId) ? null : regionId;
    }

    public string? RegionId { get; }

    /// <param name="privateIpAddress">True for the internal (VPC) endpoint, false for the public one.</param>
    /// <param name="temporaryDurationMinutes">A temporary kubeconfig's lifetime (15–4320); null for the service's long-lived one.</param>
    public async Task<CsUserKubeconfig> DescribeClusterUserKubeconfigAsync(string clusterId, bool privateIpAddress, int? temporaryDurationMinutes, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterId);
        if (temporaryDurationMinutes is < MinTemporaryMinutes or > MaxTemporaryMinutes)
            throw new ArgumentOutOfRangeException(nameof(temporaryDurationMinutes), temporaryDurationMinutes,
                $"TemporaryDurationMinutes must be {MinTemporaryMinutes} to {MaxTemporaryMinutes}.");

        var request = new ApiRequest(ServiceDescriptor.Cs, "DescribeClusterUserKubeconfig")
        {
            Method = "GET",
            Path = "/k8s/" + Uri.EscapeDataString(clusterId) + "/user_config",
            Idempotent = true,
            RegionId = RegionId,
        }
            .With("PrivateIpAddress", privateIpAddress ? "true" : "false")
            .With("TemporaryDurationMinutes", temporaryDurationMinutes?.ToString(CultureInfo.InvariantCulture));
        // The transport logs only status and request id of a response, so the config (a credential) stays out of -Debug.
        var response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var r = new ResponseReader(request, response);
        var root = r.RootObject();
        var config = r.RequiredString(root, "config", "body");
        if (string.IsNullOrWhiteSpace(config)) throw r.Malformed("an empty config");
        return new CsUserKubeconfig(clusterId, config, r.Date(root, "expiration", "body"), privateIpAddress);
    }
}
