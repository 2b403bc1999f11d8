using System.Globalization;
using System.Text.Json.Nodes;
using AckHardening.Sandbox.Kubernetes;
using AckHardening.Sandbox.Pipeline;
using AckHardening.Sandbox.Services.Cs;

namespace AckHardening.Sandbox.Services.CsKubeconfig;

/// <summary>
/// CS DescribeClusterUserKubeconfig: GET /k8s/{ClusterId}/user_config → {"config":"&lt;kubeconfig YAML&gt;","expiration":"…Z"}.
/// The kubeconfig points at the cluster's emulated API server and carries its bearer token (a real ACK kubeconfig
/// holds a client certificate for the caller instead).
/// </summary>
public sealed class CsKubeconfigRoutes : IApiModule
{
    /// <summary>The documented range of TemporaryDurationMinutes (15 minutes to 3 days).</summary>
    public const int MinMinutes = 15, MaxMinutes = 4320;

    /// <summary>Without TemporaryDurationMinutes the service issues its long-lived kubeconfig (3 years).</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(3 * 365);

    public void Register(ApiRegistry r) =>
        r.Roa(SandboxServices.Cs, "GET", "/k8s/{ClusterId}/user_config", "DescribeClusterUserKubeconfig", Describe);

    private static ValueTask<ApiResult> Describe(ApiCall c)
    {
        ClusterRecord cluster;
        lock (c.State.Clusters.Gate) cluster = CsClusterRoutes.Find(c);

        var privateAddress = ParseBool(c, "PrivateIpAddress");
        var lifetime = ParseMinutes(c) is { } minutes ? TimeSpan.FromMinutes(minutes) : DefaultLifetime;

        var server = c.State.Extension(s => new KubernetesServers(s, c.Runtime)).For(cluster.Id);
        var endpoint = c.Runtime.Endpoints?.Kubernetes.GetValueOrDefault(cluster.Id);
        if (server is null || endpoint is null)
            // A cluster without an API server in kubernetes.json: the service cannot issue a kubeconfig for it.
            throw new ApiException(400, "ErrorQueryUserConfig", $"cluster ({cluster.Id}) has no reachable API server endpoint");

        var expiration = c.Clock.UtcNow.Add(lifetime);
        var config = Kubeconfig(cluster.Id, endpoint, server.State.Token, privateAddress, c.Caller?.UserId);
        return ValueTask.FromResult(ApiResult.Ok(new JsonObject
        {
            ["config"] = config,
            ["expiration"] = expiration.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        }));
    }

    /// <summary>
    /// The kubeconfig document, in the layout ACK uses (cluster "kubernetes", context "&lt;uid&gt;-&lt;clusterId&gt;").
    /// Both endpoints lead to the same loopback port here (the scenario clusters expose no public endpoint, and
    /// whether the service refuses a public kubeconfig then is unverified); the cluster entry's name tells them apart.
    /// </summary>
    internal static string Kubeconfig(string clusterId, Uri endpoint, string token, bool privateAddress, string? accountId)
    {
        var user = string.IsNullOrEmpty(accountId) ? "kubernetes-admin" : accountId;
        var clusterName = privateAddress ? "kubernetes-internal" : "kubernetes";
        var context = $"{user}-{clusterId}";
        return $$"""
            apiVersion: v1
            clusters:
            - cluster:
                server: {{endpoint.ToString().TrimEnd('/')}}
              name: {{clusterName}}
            contexts:
            - context:
                cluster: {{clusterName}}
                user: "{{user}}"
              name: {{context}}
            current-context: {{context}}
            kind: Config
            preferences: {}
            users:
            - name: "{{user}}"
              user:
                token: {{token}}

            """;
    }

    private static bool ParseBool(ApiCall c, string name)
    {
        var text = c.Param(name);
        if (string.IsNullOrEmpty(text)) return false;
        if (bool.TryParse(text, out var value)) return value;
        throw new ApiException(400, "InvalidParameter", $"{name} must be true or false.");
    }

    // The documented constraint; the service's exact error code for a value out of range is not published
    // (unverified): the generic 400 InvalidParameter the other CS checks use.
    private static int? ParseMinutes(ApiCall c)
    {
        var text = c.Param("TemporaryDurationMinutes");
        if (string.IsNullOrEmpty(text)) return null;
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < MinMinutes || value > MaxMinutes)
            throw new ApiException(400, "InvalidParameter",
                $"TemporaryDurationMinutes must be an integer from {MinMinutes} to {MaxMinutes} (minutes); got '{text}'.");
        return (int)value;
    }
}
