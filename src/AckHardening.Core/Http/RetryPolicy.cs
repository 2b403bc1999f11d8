using System.Net;
using System.Net.Sockets;

namespace AckHardening.Core.Http;

/// <summary>
/// When a failed attempt may be repeated, and how long to wait. A request that is not idempotent is repeated only
/// when the failure proves the server did not act on it: an explicit throttling answer (429, a Throttling.* or quota
/// code), or a connection that was refused before anything was sent. A 5xx never proves that: the gateway sends an
/// error body whether or not the backend applied the write, so a write is not repeated after one; the caller
/// re-reads state instead.
/// </summary>
internal static class RetryPolicy
{
    public static bool IsThrottling(ServiceError e) =>
        e.Status == HttpStatusCode.TooManyRequests
        || e.Code.StartsWith("Throttling", StringComparison.OrdinalIgnoreCase)
        || e.Code.Equals("ServerBusy", StringComparison.OrdinalIgnoreCase)
        || e.Code.EndsWith("QuotaExceed", StringComparison.OrdinalIgnoreCase);

    public static bool IsTransientServerError(ServiceError e) =>
        e.Status is { } s && (int)s >= 500
        || e.Code.Equals("ServiceUnavailable", StringComparison.OrdinalIgnoreCase)
        || e.Code.Equals("InternalError", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether a service error answer may be retried, given the request's idempotency.</summary>
    public static bool CanRetry(ServiceError e, bool idempotent)
    {
        if (e.Code == "MalformedResponse") return false;
        if (IsThrottling(e)) return true;
        if (!IsTransientServerError(e)) return false;
        return idempotent;
    }

    /// <summary>True when the exception shows the request never left this machine (refused connection, unknown host).</summary>
    public static bool ProvesNotSent(Exception e)
    {
        if (e is HttpRequestException hre && hre.HttpRequestError is HttpRequestError.NameResolutionError) return true;
        for (var x = e; x is not null; x = x.InnerException)
        {
            if (x is SocketException se && se.SocketErrorCode is SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.NetworkUnreachable)
                return true;
        }
        return false;
    }

    /// <summary>Full jitter: a uniform delay in [0, min(cap, base * 2^(attempt-1))].</summary>
    public static TimeSpan Backoff(int attempt, TransportOptions options)
    {
        var exp = options.BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        var ceiling = Math.Min(options.MaxDelay.TotalMilliseconds, exp);
        var jitter = Math.Clamp(options.Jitter(), 0.0, 1.0);
        return TimeSpan.FromMilliseconds(ceiling * jitter);
    }

    /// <summary>The server's hint when it gave one (capped), else the jittered backoff.</summary>
    public static TimeSpan DelayFor(int attempt, TimeSpan? retryAfter, TransportOptions options) =>
        retryAfter is { } hint ? (hint > options.MaxRetryAfter ? options.MaxRetryAfter : hint) : Backoff(attempt, options);
}
