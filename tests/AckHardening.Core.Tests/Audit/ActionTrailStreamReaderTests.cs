using System.Text;
using AckHardening.Core.Audit;
using static AckHardening.Core.Tests.Audit.AuditSamples;

namespace AckHardening.Core.Tests.Audit;

public class ActionTrailStreamReaderTests
{
    [Fact]
    public void Reads_the_needed_fields_of_an_event()
    {
        var (events, r) = Read("[" + Event(errorCode: "Forbidden.RAM") + "]");
        Assert.Null(r.FatalError);
        var e = Assert.Single(events);
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.Zero), e.EventTime);
        Assert.Equal("DescribeInstances", e.EventName);
        Assert.Equal("Ecs", e.ServiceName);
        Assert.Equal("ecs.cn-hangzhou.aliyuncs.com", e.EventSource);
        Assert.Equal("ApiCall", e.EventType);
        Assert.Equal("Forbidden.RAM", e.ErrorCode);
        Assert.Null(e.ErrorMessage); // empty string is reported as absent
        Assert.Equal("cn-hangzhou", e.AcsRegion);
        Assert.Equal("assumed-role", e.IdentityType);
        Assert.Equal(Role + ":vm-ram-i-bp1abc", e.UserName);
        Assert.Equal("343597926003930000:vm-ram-i-bp1abc", e.PrincipalId);
        Assert.Equal("STS.NUQNP4PiGyckMsNiGELCs0000", e.AccessKeyId);
        Assert.Equal("Ecs", e.AcsProduct);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reads_arrays_and_ndjson_plain_or_gzip(bool gzip)
    {
        var items = Enumerable.Range(0, 50).Select(i => Event(eventName: "Op" + i)).ToArray();
        var array = Read("\uFEFF[\n" + string.Join(",\n", items) + "\n]\n", gzip);
        var ndjson = Read(string.Join("\r\n", items) + "\r\n", gzip);
        Assert.Equal(50, array.Events.Count);
        Assert.Equal(50, ndjson.Events.Count);
        Assert.Equal(items.Select((_, i) => "Op" + i), array.Events.Select(e => e.EventName));
        Assert.Equal(items.Select((_, i) => "Op" + i), ndjson.Events.Select(e => e.EventName));
        Assert.Equal(0, array.Result.MalformedRecords + ndjson.Result.MalformedRecords);
    }

    [Fact]
    public void Gzip_is_detected_by_magic_bytes_on_forward_only_streams_and_events_span_buffer_refills()
    {
        // Large events (about 300 KB each, over the initial buffer) and tiny reads exercise refill and growth.
        var big = new string('x', 300_000);
        var text = string.Join("\n", Enumerable.Range(0, 3).Select(i => Event(eventName: "Op" + i).Replace("\"userAgent\":\"", "\"userAgent\":\"" + big)));
        var (events, r) = Read(Gzip(text), seekable: false);
        Assert.Null(r.FatalError);
        Assert.Equal(new[] { "Op0", "Op1", "Op2" }, events.Select(e => e.EventName));
        Assert.True(r.DecompressedBytes > 900_000);
    }

    [Fact]
    public void Escaped_strings_and_property_names_are_unescaped()
    {
        var json = Event().Replace("\"eventName\":\"DescribeInstances\"", "\"event\\u004eame\":\"Describe\\u0049nstances\"")
            .Replace("vm-ram-i-bp1abc\",\"principalId", "vm-ram-i-\\u0062p1abc\",\"principalId");
        var (events, _) = Read(json);
        var e = Assert.Single(events);
        Assert.Equal("DescribeInstances", e.EventName);
        Assert.StartsWith(Role + ":vm-ram-i-bp1abc", e.UserName);
    }

    [Fact]
    public void Malformed_lines_are_counted_and_skipped_in_ndjson()
    {
        var text = string.Join("\n", Event(eventName: "A"), "{\"eventName\": broken", "not json at all", "{}", "42", Event(eventName: "B"), "{\"eventName\":\"C\"");
        var (events, r) = Read(text);
        Assert.Equal(new[] { "A", "B" }, events.Select(e => e.EventName));
        Assert.Equal(5, r.MalformedRecords);
        Assert.Null(r.FatalError);
        Assert.NotNull(r.FirstProblem);
    }

    [Fact]
    public void A_broken_array_stops_the_file_but_keeps_earlier_events()
    {
        var (events, r) = Read("[" + Event(eventName: "A") + "," + Event(eventName: "B") + ",{\"eventName\":");
        Assert.Equal(new[] { "A", "B" }, events.Select(e => e.EventName));
        Assert.NotNull(r.FatalError);
    }

    [Fact]
    public void Non_object_array_items_are_counted_not_fatal()
    {
        var (events, r) = Read("[" + Event(eventName: "A") + ", 17, [1,2], \"s\", " + Event(eventName: "B") + "]");
        Assert.Equal(new[] { "A", "B" }, events.Select(e => e.EventName));
        Assert.Equal(3, r.MalformedRecords);
        Assert.Null(r.FatalError);
    }

    [Fact]
    public void Corrupt_gzip_and_non_json_files_are_reported_not_thrown()
    {
        var gz = Gzip("[" + string.Join(",", Enumerable.Range(0, 2000).Select(i => Event(eventName: "Op" + i))) + "]");
        var truncated = gz.AsSpan(0, gz.Length / 2).ToArray();
        var (_, r1) = Read(truncated);
        Assert.NotNull(r1.FatalError);
        var (e2, r2) = Read(Encoding.UTF8.GetBytes("PK\u0003\u0004 binary"));
        Assert.Empty(e2);
        Assert.NotNull(r2.FatalError);
        var (e3, r3) = Read(Array.Empty<byte>());
        Assert.Empty(e3);
        Assert.Null(r3.FatalError);
    }

    [Fact]
    public void Objects_wrapping_an_Events_array_are_unwrapped()
    {
        var text = "{\"RequestId\":\"r\",\"Events\":[" + Event(eventName: "A") + "," + Event(eventName: "B") + "],\"NextToken\":\"t\"}\n"
                   + "{\"Events\":[" + Event(eventName: "C") + "]}";
        var (events, r) = Read(text);
        Assert.Equal(new[] { "A", "B", "C" }, events.Select(e => e.EventName));
        Assert.Equal(0, r.MalformedRecords);
        var (mixed, mr) = Read(Gzip("{\"Events\":[" + Event(eventName: "A") + ", [1, {\"x\": 2}], 3]}"), seekable: false);
        Assert.Equal("A", Assert.Single(mixed).EventName);
        Assert.Equal(2, mr.MalformedRecords);
        // The same, read a few bytes at a time: the wrapper must not be emitted twice across refills.
        var (again, _) = Read(Gzip(text), seekable: false);
        Assert.Equal(new[] { "A", "B", "C" }, again.Select(e => e.EventName));
    }

    [Fact]
    public void An_event_over_the_size_limit_ends_the_file()
    {
        var huge = Event().Replace("\"userAgent\":\"", "\"userAgent\":\"" + new string('y', 300_000));
        var (events, r) = Read(Encoding.UTF8.GetBytes(Event(eventName: "A") + "\n" + huge), maxEventBytes: 65536);
        Assert.Equal("A", Assert.Single(events).EventName);
        Assert.NotNull(r.FatalError);
    }
}
