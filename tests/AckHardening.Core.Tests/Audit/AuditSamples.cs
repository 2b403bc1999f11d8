using System.IO.Compression;
using System.Text;
using AckHardening.Core.Audit;

namespace AckHardening.Core.Tests.Audit;

/// <summary>Event fixtures in the shape of the official ActionTrail samples (placeholders replaced by digits).</summary>
internal static class AuditSamples
{
    public const string Role = "KubernetesWorkerRole-4a9e2f1c-7b3d-4e8a-9c6f-1d2e3f4a5b6c";
    public const string GpuRole = "AckGpuNodeRole";

    public static string Event(string userName = Role + ":vm-ram-i-bp1abc", string service = "Ecs", string eventName = "DescribeInstances",
        string time = "2026-01-05T10:00:00Z", string errorCode = "", string eventType = "ApiCall", string type = "assumed-role") =>
        $$$"""
        {"apiVersion":"2014-05-26","requestId":"3462D6AF-4434-4690-8CAD-E54A00000000","eventType":"{{{eventType}}}",
         "userIdentity":{"accessKeyId":"STS.NUQNP4PiGyckMsNiGELCs0000","sessionContext":{"attributes":{"mfaAuthenticated":"false","creationDate":"2021-01-01T00:00:00Z"}},
           "accountId":"1234567890123456","principalId":"343597926003930000:vm-ram-i-bp1abc","type":"{{{type}}}","userName":"{{{userName}}}"},
         "acsRegion":"cn-hangzhou","eventName":"{{{eventName}}}",
         "requestParameters":{"stsTokenPrincipalName":"x/y","AcsHost":"ecs.cn-hangzhou.aliyuncs.com","AcsProduct":"{{{service}}}","RegionId":"cn-hangzhou","stsTokenPlayerUid":1754986938260000,"LookupAttribute.1.Key":"EventRW","Nested":{"a":[1,2,{"b":null}]}},
         "eventSource":"ecs.cn-hangzhou.aliyuncs.com","serviceName":"{{{service}}}","eventTime":"{{{time}}}",
         "userAgent":"AlibabaCloud (Mac OS X; x86_64) Java/1.8.0_252-b09","eventId":"3462D6AF-4434-4690-8CAD-000000000000",
         "additionalEventData":{"Scheme":"http"},"errorCode":"{{{errorCode}}}","errorMessage":"","eventVersion":"1","sourceIpAddress":"192.168.0.1",
         "referencedResources":{"ACS::ECS::Instance":["i-1"]},"isGlobal":false}
        """.ReplaceLineEndings(" ");

    public static byte[] Gzip(string text)
    {
        var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(Encoding.UTF8.GetBytes(text));
        return ms.ToArray();
    }

    public sealed class CollectingSink : IActionTrailEventSink
    {
        public List<ActionTrailEvent> Events { get; } = new();
        public void OnEvent(in ActionTrailEventView e) => Events.Add(e.ToEvent());
    }

    public static (List<ActionTrailEvent> Events, ActionTrailReadResult Result) Read(byte[] bytes, bool seekable = true, int maxEventBytes = ActionTrailStreamReader.DefaultMaxEventBytes)
    {
        var sink = new CollectingSink();
        using var reader = new ActionTrailStreamReader(maxEventBytes);
        Stream s = seekable ? new MemoryStream(bytes) : new ForwardOnlyStream(new MemoryStream(bytes));
        var r = reader.Read(s, sink);
        return (sink.Events, r);
    }

    public static (List<ActionTrailEvent> Events, ActionTrailReadResult Result) Read(string text, bool gzip = false) =>
        Read(gzip ? Gzip(text) : Encoding.UTF8.GetBytes(text));

    /// <summary>A stream that hands out few bytes per read and cannot seek, to exercise buffer boundaries.</summary>
    public sealed class ForwardOnlyStream(Stream inner, int chunk = 7) : AckHardening.Core.Audit.ReadOnlyForwardStream
    {
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, Math.Min(count, chunk));
    }
}
