namespace AckHardening.Sandbox.Faults;

/// <summary>Active fault rules, in the order they were added; the first matching rule with uses left applies.</summary>
public sealed class FaultStore
{
    private readonly object _gate = new();
    private readonly List<(int Id, FaultRule Rule)> _rules = new();
    private int _nextId;

    public FaultStore(IEnumerable<FaultRule>? initial = null)
    {
        foreach (var rule in initial ?? []) Add(rule);
    }

    public int Add(FaultRule rule)
    {
        _ = rule.ParsedKind; // validates
        if (rule.Count == 0 || rule.Count < -1) throw new ArgumentException("count must be a positive number, or -1 for every request.");
        if (rule.DelayMs < 0 || rule.ParsedKind == FaultKind.Delay && rule.DelayMs == 0) throw new ArgumentException("delay needs a positive delayMs.");
        if (rule.Status is { } s && (s < 400 || s > 599)) throw new ArgumentException("status must be 400..599.");
        lock (_gate)
        {
            _rules.Add((++_nextId, rule));
            return _nextId;
        }
    }

    /// <summary>Consumes one use of the first rule matching the request, if any.</summary>
    public FaultRule? Take(string service, string action)
    {
        lock (_gate)
        {
            for (var i = 0; i < _rules.Count; i++)
            {
                var (_, rule) = _rules[i];
                if (!rule.Matches(service, action)) continue;
                if (rule.Count > 0 && --rule.Count == 0) _rules.RemoveAt(i);
                return rule;
            }
            return null;
        }
    }

    public void Clear()
    {
        lock (_gate) _rules.Clear();
    }

    public IReadOnlyList<(int Id, FaultRule Rule)> Snapshot()
    {
        lock (_gate) return _rules.ToList();
    }
}
