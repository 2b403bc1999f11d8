namespace AckHardening.Core.Audit;

/// <summary>
/// One event as the streaming reader saw it: UTF-8 slices of the reader's buffers, valid only during the
/// callback that receives it. An empty span means the field was absent or not a string.
/// </summary>
public readonly ref struct ActionTrailEventView
{
    public bool HasEventTime { get; init; }
    public DateTimeOffset EventTime { get; init; }
    public ReadOnlySpan<byte> EventName { get; init; }
    public ReadOnlySpan<byte> ServiceName { get; init; }
    public ReadOnlySpan<byte> EventSource { get; init; }
    public ReadOnlySpan<byte> EventType { get; init; }
    public ReadOnlySpan<byte> ErrorCode { get; init; }
    public ReadOnlySpan<byte> ErrorMessage { get; init; }
    public ReadOnlySpan<byte> AcsRegion { get; init; }
    public ReadOnlySpan<byte> IdentityType { get; init; }
    public ReadOnlySpan<byte> UserName { get; init; }
    public ReadOnlySpan<byte> PrincipalId { get; init; }
    public ReadOnlySpan<byte> AccessKeyId { get; init; }
    public ReadOnlySpan<byte> AcsProduct { get; init; }

    /// <summary>Copies the view into strings (allocates; for tests and small inputs).</summary>
    public ActionTrailEvent ToEvent() => new()
    {
        EventTime = HasEventTime ? EventTime : null,
        EventName = S(EventName), ServiceName = S(ServiceName), EventSource = S(EventSource), EventType = S(EventType),
        ErrorCode = S(ErrorCode), ErrorMessage = S(ErrorMessage), AcsRegion = S(AcsRegion), IdentityType = S(IdentityType),
        UserName = S(UserName), PrincipalId = S(PrincipalId), AccessKeyId = S(AccessKeyId), AcsProduct = S(AcsProduct),
    };

    private static string? S(ReadOnlySpan<byte> b) => b.IsEmpty ? null : System.Text.Encoding.UTF8.GetString(b);
}
