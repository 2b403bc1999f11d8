using System.Text.Json;
using AckHardening.Core.Audit.Sls;
using AckHardening.Core.Http;

namespace AckHardening.Core.Services.Sls;

/// <summary>The raw answer of one GetLogs call: the JSON array body and the x-log-* headers.</summary>
public sealed record SlsGetLogsResponse(JsonElement Body, IReadOnlyDictionary<string, string> Headers, string? RequestId)
{
    /// <summary>False when x-log-progress is Incomplete (compared case-insensitively: SDKs spell it InComplete too).</summary>
    public bool IsComplete =>
        !Headers.TryGetValue("x-log-progress", out var p) || !p.Equals("Incomplete", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// Log Service GetLogs (<c>GET /logstores/{logstore}?type=log&amp;from&amp;to&amp;query</c>, project in the Host, SLS
/// signature) through the shared transport. Failures are mapped to stable module errors by <see cref="SlsErrors"/>.
/// </summary>
public sealed class SlsClient
{
    private readonly IApiTransport _transport;

    public SlsClient(IApiTransport transport) => _transport = transport ?? throw new ArgumentNullException(nameof(transport));

    /// <param name="project">The project (first label of the Host).</param>
    /// <param name="regionId">The project's region, for the default endpoint; the session's region when null.</param>
    /// <param name="query">Logstore, window and query, as <see cref="SlsActivityQuery.BuildRequest"/> builds them.</param>
    public async Task<SlsGetLogsResponse> GetLogsAsync(string project, string? regionId, SlsGetLogsRequest query, CancellationToken cancellationToken)
    {
        Services.ActionTrail.ActionTrailNames.ValidateSlsProject(project);
        ArgumentNullException.ThrowIfNull(query);
        var request = new ApiRequest(ServiceDescriptor.Sls, "GetLogs")
        {
            Method = "GET",
            Path = "/logstores/" + query.Logstore,
            SlsProject = project,
            RegionId = regionId,
            Idempotent = true,
        };
        foreach (var (k, v) in query.ToQueryParameters()) request.With(k, v);
        try
        {
            var response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
            return new SlsGetLogsResponse(response.Body, response.Headers, response.RequestId);
        }
        catch (AlibabaServiceException e)
        {
            throw SlsErrors.Map(e, project, query.Logstore);
        }
    }
}
