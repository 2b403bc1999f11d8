namespace AckHardening.Core.Errors;

/// <summary>Kinds of failure; the PowerShell layer maps each to an ErrorCategory of the same meaning.</summary>
public enum AckErrorKind
{
    NotSpecified,
    InvalidArgument,
    InvalidData,
    ObjectNotFound,
    ResourceExists,
    PermissionDenied,
    AuthenticationError,
    ConnectionError,
    OperationTimeout,
    QuotaExceeded,
    LimitsExceeded,
    InvalidOperation,
    ResourceUnavailable,
    NotImplemented,
    WriteError,
    ReadError,
    OperationStopped,
}

/// <summary>
/// A domain failure with a stable identifier (used as the FullyQualifiedErrorId prefix, e.g. "AckClusterNotFound").
/// Service failures carry the underlying <see cref="Http.AlibabaServiceException"/> as InnerException.
/// </summary>
public class AckException : Exception
{
    public AckException(string errorId, AckErrorKind kind, string message, object? target = null, Exception? inner = null)
        : base(message, inner)
    {
        ErrorId = errorId;
        Kind = kind;
        Target = target;
    }

    public string ErrorId { get; }
    public AckErrorKind Kind { get; }
    public object? Target { get; }
    /// <summary>What the user can do about it; shown as the error's recommended action.</summary>
    public string? RecommendedAction { get; init; }
}
