using System.Text.Json;

namespace AckHardening.Core.Audit;

/// <summary>
/// Writes an event in the ActionTrail event format (the field set of the official samples), so generated files and
/// emulated responses look like the real thing, including the fields analysis does not read.
/// </summary>
public static class ActionTrailEventJson
{
    public static void Write(Utf8JsonWriter w, ActionTrailEvent e)
    {
        var service = e.ServiceName ?? "";
        var host = e.EventSource ?? $"{service.ToLowerInvariant()}.{e.AcsRegion}.aliyuncs.com";
        w.WriteStartObject();
        w.WriteString("apiVersion", "2014-05-26");
        w.WriteString("requestId", e.RequestId ?? "");
        w.WriteString("eventType", e.EventType ?? "ApiCall");
        w.WriteStartObject("userIdentity");
        if (e.AccessKeyId is not null) w.WriteString("accessKeyId", e.AccessKeyId);
        if (e.IdentityType == "assumed-role")
        {
            w.WriteStartObject("sessionContext");
            w.WriteStartObject("attributes");
            w.WriteString("mfaAuthenticated", "false");
            w.WriteString("creationDate", (e.EventTime ?? default).AddMinutes(-20).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"));
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteString("accountId", e.AccountId ?? "");
        if (e.PrincipalId is not null) w.WriteString("principalId", e.PrincipalId);
        w.WriteString("type", e.IdentityType ?? "");
        w.WriteString("userName", e.UserName ?? "");
        w.WriteEndObject();
        w.WriteString("acsRegion", e.AcsRegion ?? "");
        w.WriteString("eventName", e.EventName ?? "");
        w.WriteStartObject("requestParameters");
        w.WriteString("AcsHost", host);
        w.WriteString("AcsProduct", e.AcsProduct ?? service);
        w.WriteString("RequestId", e.RequestId ?? "");
        w.WriteString("RegionId", e.AcsRegion ?? "");
        w.WriteString("HostId", host);
        if (e.IdentityType == "assumed-role" && e.UserName is { } u) w.WriteString("stsTokenPrincipalName", u.Replace(':', '/'));
        w.WriteEndObject();
        w.WriteString("eventSource", host);
        w.WriteString("serviceName", service);
        w.WriteString("eventTime", (e.EventTime ?? default).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"));
        w.WriteString("userAgent", e.UserAgent ?? "");
        w.WriteString("eventId", e.EventId ?? "");
        w.WriteStartObject("additionalEventData");
        w.WriteString("Scheme", "https");
        w.WriteEndObject();
        w.WriteString("errorCode", e.ErrorCode ?? "");
        w.WriteString("errorMessage", e.ErrorMessage ?? "");
        w.WriteString("eventVersion", "1");
        w.WriteString("eventRW", e.EventRW ?? "Read");
        w.WriteString("eventCategory", "Management");
        w.WriteString("recipientAccountId", e.AccountId ?? "");
        w.WriteString("sourceIpAddress", e.SourceIpAddress ?? "");
        w.WriteBoolean("isGlobal", false);
        w.WriteEndObject();
    }
}
