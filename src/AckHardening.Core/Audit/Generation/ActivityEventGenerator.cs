using AckHardening.Audit;

namespace AckHardening.Core.Audit.Generation;

/// <summary>
/// Produces the events an <see cref="ActivitySpec"/> describes, hour by hour in time order, from its seed alone:
/// the same spec always gives the same events. Counts per hour follow the rates with the fractions carried over,
/// so totals are exact; times, instances and ids come from a per-hour seeded random source.
/// <see cref="Expected"/> holds what a correct analysis must find once the enumeration has finished.
/// </summary>
public sealed class ActivityEventGenerator
{
    private readonly ActivitySpec _spec;
    private readonly RoleState[] _roles;
    private readonly long[][] _failedPerHour;
    private readonly long[] _otherPerHour, _nonApiPerHour;
    private static readonly string[] UserAgents =
    [
        "AlibabaCloud (linux; amd64) Go/1.22.5 Core/0.01 terway",
        "AlibabaCloud (linux; amd64) Go/1.22.5 Core/0.01 csi-plugin",
        "aliyun-acr-credential-helper/v23.02.06.2",
    ];

    private sealed class RoleState
    {
        public required ActivityRoleSpec Spec;
        public required string RoleId;
        public required string[] InstanceIds;
        public required List<(ActivityCallSpec Call, double StartHour, double Multiplier)> Calls;
        public required double[] Carry;
    }

    public ActivityEventGenerator(ActivitySpec spec)
    {
        _spec = spec ?? throw new ArgumentNullException(nameof(spec));
        if (spec.Hours <= 0) throw new ArgumentException("The spec window must be at least one hour.", nameof(spec));
        foreach (var r in spec.Roles) RolePrincipalMatcher.ValidateRoleName(r.RoleName);
        var setup = new Random(spec.Seed);
        _roles = spec.Roles.Select((r, index) =>
        {
            var calls = new List<(ActivityCallSpec, double, double)>();
            foreach (var c in r.Components)
            {
                var component = ActivityComponentCatalog.Resolve(spec, c.Name);
                foreach (var call in component.Calls) calls.Add((call, c.StartDay * 24, c.RateMultiplier));
            }
            return new RoleState
            {
                Spec = r,
                RoleId = (300000000000000000L + setup.NextInt64(99999999999999999L)).ToString(),
                InstanceIds = Enumerable.Range(0, Math.Max(1, r.Instances)).Select(_ => "i-" + RandomId(setup, 20)).ToArray(),
                Calls = calls,
                Carry = new double[calls.Count],
            };
        }).ToArray();
        _failedPerHour = spec.FailedCalls.Select(f => Spread(setup, f.Count, spec.Hours)).ToArray();
        _otherPerHour = Spread(setup, spec.OtherPrincipalEvents, spec.Hours);
        _nonApiPerHour = Spread(setup, spec.NonApiEvents, spec.Hours);
        Expected = new GeneratedExpectation(spec);
    }

    public GeneratedExpectation Expected { get; }

    private static long[] Spread(Random rng, long count, int hours)
    {
        var perHour = new long[hours];
        for (long i = 0; i < count; i++) perHour[rng.Next(hours)]++;
        return perHour;
    }

    private static string RandomId(Random rng, int length)
    {
        const string chars = "abcdefghijklmnopqrstuvwxyz0123456789";
        return string.Create(length, rng, (span, r) => { for (var i = 0; i < span.Length; i++) span[i] = chars[r.Next(chars.Length)]; });
    }

    /// <summary>The events of each hour of the window, sorted by time. Enumerate once.</summary>
    public IEnumerable<List<ActionTrailEvent>> GenerateHours()
    {
        for (var h = 0; h < _spec.Hours; h++)
        {
            var rng = new Random(unchecked(_spec.Seed * 1_000_003 + h));
            var hourStart = _spec.WindowStart.AddHours(h);
            var events = new List<ActionTrailEvent>();
            foreach (var role in _roles)
            {
                for (var c = 0; c < role.Calls.Count; c++)
                {
                    var (call, startHour, multiplier) = role.Calls[c];
                    if (h < startHour) continue;
                    role.Carry[c] += call.PerInstancePerHour * multiplier * role.InstanceIds.Length;
                    var n = (long)Math.Floor(role.Carry[c]);
                    role.Carry[c] -= n;
                    // A component starting mid-hour only calls after its start.
                    var from = Math.Max(0, (startHour - h) * 3600_000);
                    for (long i = 0; i < n; i++)
                        events.Add(RoleCall(rng, role, call.ServiceName, call.EventName, hourStart.AddMilliseconds(from + rng.NextDouble() * (3600_000 - from)), null));
                }
            }
            for (var f = 0; f < _spec.FailedCalls.Count; f++)
            {
                var spec = _spec.FailedCalls[f];
                var role = _roles.First(r => r.Spec.RoleName.Equals(spec.RoleName, StringComparison.OrdinalIgnoreCase));
                for (long i = 0; i < _failedPerHour[f][h]; i++)
                    events.Add(RoleCall(rng, role, spec.ServiceName, spec.EventName, hourStart.AddMilliseconds(rng.Next(3600_000)), spec.ErrorCode));
            }
            for (long i = 0; i < _otherPerHour[h]; i++) events.Add(OtherPrincipalCall(rng, hourStart.AddMilliseconds(rng.Next(3600_000)), i));
            for (long i = 0; i < _nonApiPerHour[h]; i++) events.Add(NonApiEvent(rng, hourStart.AddMilliseconds(rng.Next(3600_000)), i));

            // Whole seconds, as in delivered events, then time order (stable for equal times).
            foreach (var e in events) e.EventTime = new DateTimeOffset(e.EventTime!.Value.UtcTicks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);
            var sorted = events.OrderBy(e => e.EventTime).ToList();
            foreach (var e in sorted) Expected.Observe(e);
            yield return sorted;
        }
        Expected.Complete = true;
    }

    private ActionTrailEvent RoleCall(Random rng, RoleState role, string service, string eventName, DateTimeOffset time, string? errorCode)
    {
        var session = "vm-ram-i-" + role.InstanceIds[rng.Next(role.InstanceIds.Length)][2..];
        var e = Base(rng, service, eventName, time);
        e.IdentityType = "assumed-role";
        e.UserName = $"{role.Spec.RoleName}:{session}";
        e.PrincipalId = $"{role.RoleId}:{session}";
        e.AccessKeyId = "STS.NT" + RandomId(rng, 22);
        e.UserAgent = UserAgents[rng.Next(UserAgents.Length)];
        if (errorCode is not null)
        {
            e.ErrorCode = errorCode;
            e.ErrorMessage = DenialClassifier.Classify(errorCode) == CallOutcome.Denied ? "You are not authorized to do this action." : "The request failed.";
        }
        return e;
    }

    private ActionTrailEvent Base(Random rng, string service, string eventName, DateTimeOffset time) => new()
    {
        EventTime = time,
        EventName = eventName,
        ServiceName = service,
        AcsProduct = service,
        EventSource = $"{service.ToLowerInvariant()}.{_spec.Region}.aliyuncs.com",
        EventType = "ApiCall",
        ErrorCode = "",
        ErrorMessage = "",
        AcsRegion = _spec.Region,
        AccountId = _spec.AccountId,
        EventId = Guid(rng),
        RequestId = Guid(rng),
        EventRW = eventName.StartsWith("Describe", StringComparison.Ordinal) || eventName.StartsWith("Get", StringComparison.Ordinal) || eventName.StartsWith("List", StringComparison.Ordinal) ? "Read" : "Write",
        SourceIpAddress = $"192.168.{rng.Next(256)}.{rng.Next(1, 255)}",
    };

    private static string Guid(Random rng)
    {
        Span<byte> b = stackalloc byte[16];
        rng.NextBytes(b);
        return new System.Guid(b).ToString().ToUpperInvariant();
    }

    private ActionTrailEvent OtherPrincipalCall(Random rng, DateTimeOffset time, long i)
    {
        var calls = ActivityComponentCatalog.BuiltIn.SelectMany(c => c.Calls).ToArray();
        var call = calls[rng.Next(calls.Length)];
        var e = Base(rng, call.ServiceName, call.EventName, time);
        var firstRole = _roles.Length > 0 ? _roles[0].Spec.RoleName : "KubernetesWorkerRole-none";
        switch (i % 5)
        {
            case 0: e.IdentityType = "assumed-role"; e.UserName = "AliyunCSManagedCmsRole:ack-cms"; break;
            case 1: e.IdentityType = "ram-user"; e.UserName = "alice"; break;
            // Look-alikes that an equality or loose prefix test would get wrong.
            case 2: e.IdentityType = "assumed-role"; e.UserName = firstRole + "x:vm-ram-i-lookalike"; break;
            case 3: e.IdentityType = "ram-user"; e.UserName = firstRole; break;
            default: e.IdentityType = "system"; e.UserName = "ecs.aliyuncs.com"; break;
        }
        e.AccessKeyId = e.IdentityType == "system" ? null : "LTAI" + RandomId(rng, 20);
        return e;
    }

    private ActionTrailEvent NonApiEvent(Random rng, DateTimeOffset time, long i)
    {
        if (i % 2 == 0)
        {
            var signin = Base(rng, "Customer", "ConsoleSignin", time);
            signin.EventType = "ConsoleSignin";
            signin.IdentityType = "ram-user";
            signin.UserName = "alice";
            return signin;
        }
        // A service event carrying a watched role's name: must still not count as a call.
        var role = _roles.Length > 0 ? _roles[0] : null;
        var e = Base(rng, "Ecs", "Preemptible.InstanceInterruption", time);
        e.EventType = "AliyunServiceEvent";
        e.IdentityType = "assumed-role";
        e.UserName = role is null ? "ecs.aliyuncs.com" : $"{role.Spec.RoleName}:vm-ram-i-{role.InstanceIds[0][2..]}";
        return e;
    }
}
