using System.Management.Automation;
using AckHardening.Core.Errors;
using AckHardening.Core.Http;

namespace AckHardening.PowerShell.Infrastructure;

/// <summary>Builds ErrorRecords with stable ids, categories, targets and the Alibaba code and request id kept.</summary>
public static class AckErrors
{
    /// <summary>Error ids that mean the session itself is unusable: every further input would fail the same way.</summary>
    private static readonly HashSet<string> SessionFatalIds = new(StringComparer.Ordinal) { "AckNoCredentials", "AckNoRegion", "AckInvalidRegion" };

    public static bool IsSessionFatal(ErrorRecord record) =>
        SessionFatalIds.Contains(record.FullyQualifiedErrorId.Split(',')[0]);

    public static ErrorRecord ToErrorRecord(Exception exception, object? target, string? fallbackId = null)
    {
        if (exception is AggregateException { InnerExceptions.Count: 1 } agg) exception = agg.InnerExceptions[0];

        string id;
        AckErrorKind kind;
        string? recommended = null;
        switch (exception)
        {
            case AckException ack:
                id = ack.ErrorId;
                kind = ack.Kind;
                target = ack.Target ?? target;
                recommended = ack.RecommendedAction;
                break;
            case AlibabaServiceException svc:
                (id, kind) = ServiceErrorClassifier.Classify(svc);
                recommended = svc.Recommend;
                break;
            case OperationCanceledException:
                id = "AckOperationCanceled";
                kind = AckErrorKind.OperationStopped;
                break;
            case ArgumentException:
                id = fallbackId ?? "AckInvalidArgument";
                kind = AckErrorKind.InvalidArgument;
                break;
            default:
                id = fallbackId ?? "AckUnexpectedError";
                kind = AckErrorKind.NotSpecified;
                break;
        }

        var record = new ErrorRecord(exception, id, ToCategory(kind), target);
        var svcError = exception as AlibabaServiceException ?? exception.InnerException as AlibabaServiceException;
        if (svcError is not null || recommended is not null)
        {
            record.ErrorDetails = new ErrorDetails(exception.Message);
            if (recommended is not null) record.ErrorDetails.RecommendedAction = recommended;
        }
        return record;
    }

    public static ErrorCategory ToCategory(AckErrorKind kind) => kind switch
    {
        AckErrorKind.InvalidArgument => ErrorCategory.InvalidArgument,
        AckErrorKind.InvalidData => ErrorCategory.InvalidData,
        AckErrorKind.ObjectNotFound => ErrorCategory.ObjectNotFound,
        AckErrorKind.ResourceExists => ErrorCategory.ResourceExists,
        AckErrorKind.PermissionDenied => ErrorCategory.PermissionDenied,
        AckErrorKind.AuthenticationError => ErrorCategory.AuthenticationError,
        AckErrorKind.ConnectionError => ErrorCategory.ConnectionError,
        AckErrorKind.OperationTimeout => ErrorCategory.OperationTimeout,
        AckErrorKind.QuotaExceeded => ErrorCategory.QuotaExceeded,
        AckErrorKind.LimitsExceeded => ErrorCategory.LimitsExceeded,
        AckErrorKind.InvalidOperation => ErrorCategory.InvalidOperation,
        AckErrorKind.ResourceUnavailable => ErrorCategory.ResourceUnavailable,
        AckErrorKind.NotImplemented => ErrorCategory.NotImplemented,
        AckErrorKind.WriteError => ErrorCategory.WriteError,
        AckErrorKind.ReadError => ErrorCategory.ReadError,
        AckErrorKind.OperationStopped => ErrorCategory.OperationStopped,
        _ => ErrorCategory.NotSpecified,
    };
}
