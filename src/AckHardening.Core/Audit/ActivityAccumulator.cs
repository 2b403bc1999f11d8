using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using AckHardening.Audit;

namespace AckHardening.Core.Audit;

/// <summary>
/// Counts the calls of the watched roles per (role, serviceName, eventName), plus what was dropped and why.
/// Its size depends on the number of distinct actions, not on the number of events. The hot path looks keys
/// up by their UTF-8 bytes and allocates only when a new action appears. One instance per worker (not
/// thread-safe); <see cref="Merge"/> combines them, and the result does not depend on merge order.
/// </summary>
public sealed class ActivityAccumulator : IActionTrailEventSink
{
    private readonly RolePrincipalMatcher _roles;
    private readonly long _windowStartTicks, _windowEndTicks;
    private readonly long[] _dropped = new long[Enum.GetValues<ActivityDropReason>().Length];
    private readonly long[] _matched;
    private readonly HashSet<int>[] _days;
    private readonly int[] _lastDay;

    // Open-addressing table: _buckets holds entry index + 1 (0 = empty).
    private int[] _buckets = new int[64];
    private readonly List<Entry> _entries = new();

    private sealed class Entry
    {
        public required byte[] Key;
        public required int Hash;
        public required int Role;
        public required string ServiceName;
        public required string EventName;
        public long Calls, Denied, Errors;
        public long FirstTicks = long.MaxValue, LastTicks = long.MinValue;
    }

    public ActivityAccumulator(RolePrincipalMatcher roles, DateTimeOffset? windowStart = null, DateTimeOffset? windowEnd = null)
    {
        _roles = roles ?? throw new ArgumentNullException(nameof(roles));
        _windowStartTicks = windowStart?.UtcTicks ?? long.MinValue;
        _windowEndTicks = windowEnd?.UtcTicks ?? long.MaxValue;
        var n = roles.RoleNames.Count;
        _matched = new long[n];
        _days = Enumerable.Range(0, n).Select(_ => new HashSet<int>()).ToArray();
        _lastDay = Enumerable.Repeat(int.MinValue, n).ToArray();
    }

    public RolePrincipalMatcher Roles => _roles;
    public long EventsRead { get; private set; }
    /// <summary>Earliest and latest eventTime of every event read (any principal), UTC ticks; used when no window is given.</summary>
    public long MinTicks { get; private set; } = long.MaxValue;
    public long MaxTicks { get; private set; } = long.MinValue;

    public long Dropped(ActivityDropReason reason) => _dropped[(int)reason];
    public long Matched(int role) => _matched[role];
    public int DaysWithData(int role) => _days[role].Count;
    public int DistinctKeys => _entries.Count;

    public void OnEvent(in ActionTrailEventView e)
    {
        EventsRead++;
        if (e.HasEventTime)
        {
            var t = e.EventTime.UtcTicks;
            if (t < MinTicks) MinTicks = t;
            if (t > MaxTicks) MaxTicks = t;
        }
        if (!e.EventType.IsEmpty && !Ascii.EqualsIgnoreCase(e.EventType, "ApiCall"u8)) { _dropped[(int)ActivityDropReason.NotApiCall]++; return; }
        var role = _roles.Match(e.UserName);
        if (role < 0) { _dropped[(int)ActivityDropReason.OtherPrincipal]++; return; }
        var service = e.ServiceName.IsEmpty ? e.AcsProduct : e.ServiceName;
        if (!e.HasEventTime || e.EventName.IsEmpty || service.IsEmpty) { _dropped[(int)ActivityDropReason.MissingFields]++; return; }
        var ticks = e.EventTime.UtcTicks;
        if (ticks < _windowStartTicks || ticks >= _windowEndTicks) { _dropped[(int)ActivityDropReason.OutsideWindow]++; return; }

        Record(role, service, e.EventName, ticks, DenialClassifier.Classify(e.ErrorCode), 1);
    }

    /// <summary>Adds an event given as strings (LookupEvents pages, tests).</summary>
    public void Add(ActionTrailEvent e)
    {
        static byte[] B(string? s) => s is null ? [] : Encoding.UTF8.GetBytes(s);
        OnEvent(new ActionTrailEventView
        {
            HasEventTime = e.EventTime.HasValue, EventTime = e.EventTime ?? default, EventName = B(e.EventName),
            ServiceName = B(e.ServiceName), EventSource = B(e.EventSource), EventType = B(e.EventType), ErrorCode = B(e.ErrorCode),
            ErrorMessage = B(e.ErrorMessage), AcsRegion = B(e.AcsRegion), IdentityType = B(e.IdentityType), UserName = B(e.UserName),
            PrincipalId = B(e.PrincipalId), AccessKeyId = B(e.AccessKeyId), AcsProduct = B(e.AcsProduct),
        });
    }

    private void Record(int role, ReadOnlySpan<byte> service, ReadOnlySpan<byte> eventName, long ticks, CallOutcome outcome, long n)
    {
        _matched[role] += n;
        var day = (int)(ticks / TimeSpan.TicksPerDay);
        if (day != _lastDay[role]) { _days[role].Add(day); _lastDay[role] = day; }

        var entry = Find(role, service, eventName);
        if (outcome == CallOutcome.Denied) entry.Denied += n;
        else
        {
            entry.Calls += n;
            if (outcome == CallOutcome.Error) entry.Errors += n;
        }
        if (ticks < entry.FirstTicks) entry.FirstTicks = ticks;
        if (ticks > entry.LastTicks) entry.LastTicks = ticks;
    }

    private Entry Find(int role, ReadOnlySpan<byte> service, ReadOnlySpan<byte> eventName)
    {
        var len = 4 + service.Length + 1 + eventName.Length;
        byte[]? rented = null;
        var key = len <= 512 ? stackalloc byte[len] : (rented = ArrayPool<byte>.Shared.Rent(len)).AsSpan(0, len);
        try
        {
            MemoryMarshal.Write(key, in role);
            service.CopyTo(key[4..]);
            key[4 + service.Length] = 0;
            eventName.CopyTo(key[(5 + service.Length)..]);
            var hash = HashOf(key);
            var mask = _buckets.Length - 1;
            var i = hash & mask;
            while (_buckets[i] != 0)
            {
                var candidate = _entries[_buckets[i] - 1];
                if (candidate.Hash == hash && key.SequenceEqual(candidate.Key)) return candidate;
                i = (i + 1) & mask;
            }
            var created = new Entry
            {
                Key = key.ToArray(), Hash = hash, Role = role,
                ServiceName = Encoding.UTF8.GetString(service), EventName = Encoding.UTF8.GetString(eventName),
            };
            _entries.Add(created);
            _buckets[i] = _entries.Count;
            if (_entries.Count * 2 > _buckets.Length) Rehash();
            return created;
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static int HashOf(ReadOnlySpan<byte> key)
    {
        var h = new HashCode();
        h.AddBytes(key);
        return h.ToHashCode() & int.MaxValue;
    }

    private void Rehash()
    {
        _buckets = new int[_buckets.Length * 2];
        var mask = _buckets.Length - 1;
        for (var n = 0; n < _entries.Count; n++)
        {
            var i = _entries[n].Hash & mask;
            while (_buckets[i] != 0) i = (i + 1) & mask;
            _buckets[i] = n + 1;
        }
    }

    /// <summary>Adds another accumulator (same roles, same window) into this one.</summary>
    public void Merge(ActivityAccumulator other)
    {
        if (!other._roles.RoleNames.SequenceEqual(_roles.RoleNames)) throw new ArgumentException("Accumulators watch different roles.", nameof(other));
        EventsRead += other.EventsRead;
        MinTicks = Math.Min(MinTicks, other.MinTicks);
        MaxTicks = Math.Max(MaxTicks, other.MaxTicks);
        for (var i = 0; i < _dropped.Length; i++) _dropped[i] += other._dropped[i];
        for (var r = 0; r < _matched.Length; r++)
        {
            _matched[r] += other._matched[r];
            _days[r].UnionWith(other._days[r]);
        }
        foreach (var o in other._entries)
        {
            var keyService = o.Key.AsSpan(4, o.Key.Length - 4);
            var sep = keyService.IndexOf((byte)0);
            var entry = Find(o.Role, keyService[..sep], keyService[(sep + 1)..]);
            entry.Calls += o.Calls;
            entry.Denied += o.Denied;
            entry.Errors += o.Errors;
            entry.FirstTicks = Math.Min(entry.FirstTicks, o.FirstTicks);
            entry.LastTicks = Math.Max(entry.LastTicks, o.LastTicks);
        }
    }

    /// <summary>Dropped events by reason name, for <see cref="AckActivityCoverage.EventsDroppedByReason"/>.</summary>
    public IReadOnlyDictionary<string, long> DroppedByReason()
    {
        var d = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        foreach (var reason in Enum.GetValues<ActivityDropReason>()) d[reason.ToString()] = _dropped[(int)reason];
        return d;
    }

    /// <summary>
    /// The activities per role and RAM action, sorted by role then action. Service names that map to the same RAM
    /// code (e.g. "Sls" and "Log") fold into one action; the most frequent spelling is reported.
    /// </summary>
    public List<AckRoleActivity> ToActivities(RamCodeMap map, ActivitySource source, string? clusterId = null)
    {
        var groups = new Dictionary<(int Role, string Action), List<Entry>>();
        foreach (var e in _entries)
        {
            var key = (e.Role, map.GetAction(e.ServiceName, e.EventName).ToLowerInvariant());
            if (!groups.TryGetValue(key, out var list)) groups[key] = list = new List<Entry>();
            list.Add(e);
        }
        var result = new List<AckRoleActivity>(groups.Count);
        foreach (var ((role, _), list) in groups)
        {
            var main = list.OrderByDescending(x => x.Calls + x.Denied).ThenBy(x => x.ServiceName, StringComparer.Ordinal)
                .ThenBy(x => x.EventName, StringComparer.Ordinal).First();
            result.Add(new AckRoleActivity
            {
                ClusterId = clusterId,
                RoleName = _roles.RoleNames[role],
                ServiceName = main.ServiceName,
                EventName = main.EventName,
                Action = map.GetAction(main.ServiceName, main.EventName),
                Count = list.Sum(x => x.Calls),
                DeniedCount = list.Sum(x => x.Denied),
                ErrorCount = list.Sum(x => x.Errors),
                FirstSeen = new DateTimeOffset(list.Min(x => x.FirstTicks), TimeSpan.Zero),
                LastSeen = new DateTimeOffset(list.Max(x => x.LastTicks), TimeSpan.Zero),
                Source = source,
            });
        }
        result.Sort(ActivityOrder.Compare);
        return result;
    }
}

internal static class ActivityOrder
{
    public static int Compare(AckRoleActivity a, AckRoleActivity b)
    {
        var c = string.Compare(a.RoleName, b.RoleName, StringComparison.OrdinalIgnoreCase);
        return c != 0 ? c : string.Compare(a.Action, b.Action, StringComparison.OrdinalIgnoreCase);
    }
}
