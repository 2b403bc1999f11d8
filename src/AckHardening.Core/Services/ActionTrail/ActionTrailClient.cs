using System.Text.Json;
using AckHardening.Core.Audit.LookupEvents;
using AckHardening.Core.Http;

namespace AckHardening.Core.Services.ActionTrail;

/// <summary>
/// ActionTrail 2020-07-06 (RPC: POST / with every parameter in the query). Reads are idempotent and retried by the
/// transport (throttling included); CreateTrail and StartLogging are not marked idempotent, so only failures that
/// prove the request was refused are repeated. Failures surface as <see cref="AlibabaServiceException"/>.
/// </summary>
public sealed class ActionTrailClient
{
    private readonly IApiTransport _transport;
    private readonly string? _region;

    /// <param name="transport">The shared transport.</param>
    /// <param name="regionId">Region whose endpoint is called; the session's region when null.</param>
    public ActionTrailClient(IApiTransport transport, string? regionId = null)
    {
        _transport = transport ?? throw new ArgumentNullException(nameof(transport));
        _region = regionId;
    }

    /// <summary>Every trail of the account visible from this region (DescribeTrails does not page).</summary>
    public async Task<IReadOnlyList<ActionTrailTrail>> DescribeTrailsAsync(CancellationToken cancellationToken)
    {
        var request = Call("DescribeTrails", idempotent: true);
        var r = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        return r.ObjectArray(r.RootObject(), "TrailList", "body")
            .Select(t => new ActionTrailTrail(
                r.RequiredString(t, "Name", "TrailList[]"),
                r.String(t, "HomeRegion", "TrailList[]"),
                r.String(t, "TrailRegion", "TrailList[]"),
                r.String(t, "EventRW", "TrailList[]"),
                r.String(t, "Status", "TrailList[]"),
                Blank(r.String(t, "SlsProjectArn", "TrailList[]")),
                Blank(r.String(t, "SlsWriteRoleArn", "TrailList[]")),
                Blank(r.String(t, "OssBucketName", "TrailList[]")),
                r.String(t, "TrailArn", "TrailList[]"),
                r.Bool(t, "IsOrganizationTrail", "TrailList[]") ?? false,
                r.Date(t, "CreateTime", "TrailList[]"),
                r.Date(t, "UpdateTime", "TrailList[]"),
                r.Date(t, "StartLoggingTime", "TrailList[]"),
                r.Date(t, "StopLoggingTime", "TrailList[]")))
            .ToList();
    }

    public async Task<ActionTrailStatus> GetTrailStatusAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var request = Call("GetTrailStatus", idempotent: true).With("Name", name);
        var r = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        var root = r.RootObject();
        return new ActionTrailStatus(
            r.Bool(root, "IsLogging", "body") ?? throw r.Malformed("IsLogging is missing"),
            r.Date(root, "StartLoggingTime", "body"),
            r.Date(root, "StopLoggingTime", "body"),
            Blank(r.String(root, "LatestDeliveryError", "body")),
            Blank(r.String(root, "LatestDeliveryLogServiceError", "body")),
            r.Date(root, "LatestDeliveryLogServiceTime", "body"),
            Blank(r.String(root, "SlsLogStoreStatus", "body")));
    }

    /// <summary>Creates a trail delivering to SLS. New trails do not log until <see cref="StartLoggingAsync"/>.</summary>
    public async Task<CreatedTrail> CreateTrailAsync(CreateTrailParameters parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ActionTrailNames.ValidateTrailName(parameters.Name);
        var request = Call("CreateTrail", idempotent: false)
            .With("Name", parameters.Name)
            .With("SlsProjectArn", parameters.SlsProjectArn)
            .With("SlsWriteRoleArn", parameters.SlsWriteRoleArn)
            .With("EventRW", parameters.EventRW)
            .With("TrailRegion", parameters.TrailRegion);
        var r = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        var root = r.RootObject();
        return new CreatedTrail(r.String(root, "Name", "body") ?? parameters.Name, r.String(root, "HomeRegion", "body"),
            r.String(root, "EventRW", "body"), r.String(root, "TrailRegion", "body"), r.String(root, "SlsProjectArn", "body"), r.String(root, "RequestId", "body"));
    }

    /// <summary>Starts logging. Starting a trail that already logs changes nothing, so a repeat is harmless.</summary>
    public async Task StartLoggingAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var request = Call("StartLogging", idempotent: true).With("Name", name);
        await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One LookupEvents page (90 days of history, no trail needed). Repeat with the returned NextToken.</summary>
    public async Task<LookupEventsPage> LookupEventsAsync(DateTimeOffset start, DateTimeOffset end, string? nextToken, int maxResults,
        CancellationToken cancellationToken)
    {
        var request = Call("LookupEvents", idempotent: true);
        foreach (var (k, v) in LookupEventsResponse.BuildParameters(start, end, nextToken, maxResults)) request.With(k, v);
        var response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            return LookupEventsResponse.Parse(response.Body);
        }
        catch (Errors.AckException e) when (e.ErrorId == "AckMalformedResponse")
        {
            throw new AlibabaServiceException(request.Service.Name, request.Action, ResponseReader.MalformedCode, e.Message, null, response.RequestId, inner: e);
        }
    }

    private ApiRequest Call(string action, bool idempotent) =>
        new(ServiceDescriptor.ActionTrail, action) { Method = "POST", Path = "/", Idempotent = idempotent, RegionId = _region };

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    private async Task<ResponseReader> SendAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return new ResponseReader(request, response);
    }
}
