namespace AckHardening.Sandbox.Faults;

public enum FaultKind { Throttle, Error, Delay, Reset, Malformed, ResetAfter }

/// <summary>
/// One injected fault: applies to the next <see cref="Count"/> requests of <see cref="Service"/> +
/// <see cref="Action"/> ("*" matches any; Count -1 means every request).
/// </summary>
public sealed class FaultRule
{
    public string Service { get; set; } = "*";
    public string Action { get; set; } = "*";
    public string Kind { get; set; } = "";
    public int Count { get; set; } = 1;
    /// <summary>HTTP status for error (default 503) and throttle (default 400).</summary>
    public int? Status { get; set; }
    /// <summary>Error code; defaults: throttle Throttling.User, error InternalError (500) / ServiceUnavailable (503).</summary>
    public string? Code { get; set; }
    public string? Message { get; set; }
    public int DelayMs { get; set; }
    /// <summary>Throttle only: value of the x-acs-retry-after header in milliseconds (omitted when null).</summary>
    public int? RetryAfterMs { get; set; }

    /// <summary>"reset-after" runs the handler (the write is applied) and then drops the connection without an answer.</summary>
    public FaultKind ParsedKind => Enum.TryParse<FaultKind>(Kind.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var k) && Enum.IsDefined(k)
        ? k : throw new ArgumentException($"Unknown fault kind '{Kind}' (throttle|error|delay|reset|reset-after|malformed).");

    public bool Matches(string service, string action) =>
        (Service == "*" || string.Equals(Service, service, StringComparison.OrdinalIgnoreCase))
        && (Action == "*" || string.Equals(Action, action, StringComparison.Ordinal));
}
