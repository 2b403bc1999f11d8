using System.Text.Json;

namespace AckHardening.Core.Audit;

/// <summary>
/// The fields of one ActionTrail event that usage analysis needs, as strings. The file reader works on
/// <see cref="ActionTrailEventView"/> instead and only materializes this type on request.
/// </summary>
public sealed class ActionTrailEvent
{
    public DateTimeOffset? EventTime { get; set; }
    public string? EventName { get; set; }
    public string? ServiceName { get; set; }
    public string? EventSource { get; set; }
    public string? EventType { get; set; }
    public string? ErrorCode { get; set; }
    public string? ErrorMessage { get; set; }
    public string? AcsRegion { get; set; }
    public string? IdentityType { get; set; }
    public string? UserName { get; set; }
    public string? PrincipalId { get; set; }
    public string? AccessKeyId { get; set; }
    /// <summary><c>requestParameters.AcsProduct</c> when present; the product spelling used when serviceName is missing.</summary>
    public string? AcsProduct { get; set; }
    public string? AccountId { get; set; }
    public string? EventId { get; set; }
    public string? RequestId { get; set; }
    public string? EventRW { get; set; }
    public string? SourceIpAddress { get; set; }
    public string? UserAgent { get; set; }

    /// <summary>Reads an event object (for example one entry of a LookupEvents <c>Events</c> array); unknown fields are ignored.</summary>
    public static ActionTrailEvent FromJson(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object) throw new FormatException($"An ActionTrail event must be a JSON object, not {e.ValueKind}.");
        var ev = new ActionTrailEvent
        {
            EventName = Str(e, "eventName"),
            ServiceName = Str(e, "serviceName"),
            EventSource = Str(e, "eventSource"),
            EventType = Str(e, "eventType"),
            ErrorCode = Str(e, "errorCode"),
            ErrorMessage = Str(e, "errorMessage"),
            AcsRegion = Str(e, "acsRegion"),
            EventId = Str(e, "eventId"),
            RequestId = Str(e, "requestId"),
            EventRW = Str(e, "eventRW"),
            SourceIpAddress = Str(e, "sourceIpAddress"),
            UserAgent = Str(e, "userAgent"),
        };
        if (Str(e, "eventTime") is { } t && DateTimeOffset.TryParse(t, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal, out var time))
            ev.EventTime = time;
        if (e.TryGetProperty("userIdentity", out var id) && id.ValueKind == JsonValueKind.Object)
        {
            ev.IdentityType = Str(id, "type");
            ev.UserName = Str(id, "userName");
            ev.PrincipalId = Str(id, "principalId");
            ev.AccessKeyId = Str(id, "accessKeyId");
            ev.AccountId = Str(id, "accountId");
        }
        if (e.TryGetProperty("requestParameters", out var rp) && rp.ValueKind == JsonValueKind.Object)
            ev.AcsProduct = Str(rp, "AcsProduct");
        return ev;
    }

    private static string? Str(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public override string ToString() => $"{EventTime:u} {ServiceName}:{EventName} {UserName}";
}
