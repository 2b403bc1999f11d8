using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using AckHardening.Core.Credentials;
using AckHardening.Core.Diagnostics;

namespace AckHardening.Core.Http;

/// <summary>
/// The module's one way to call Alibaba Cloud: resolves the endpoint from the session, signs each attempt
/// (ACS3-HMAC-SHA256 for RPC and ROA, the LOG scheme for SLS), applies a per-attempt timeout, retries where it is
/// safe, and turns failures into <see cref="AlibabaServiceException"/>. All instances share one pooled HttpClient.
/// </summary>
public sealed class AlibabaTransport : IApiTransport
{
    private static readonly HashSet<string> AlwaysHidden = new(StringComparer.OrdinalIgnoreCase)
    {
        "SecurityToken", "OIDCToken", "AccessKeySecret", "Signature", "Password", "Token",
    };

    private readonly AckSession _session;
    private readonly IAckLog _log;
    private readonly TransportOptions _options;
    private readonly HttpClient _client;

    public AlibabaTransport(AckSession session, IAckLog log, TransportOptions? options = null)
        : this(session, log, options, SharedHttp.Client)
    {
    }

    /// <summary>For tests: sends through <paramref name="handler"/> (a stub) instead of the shared client.</summary>
    public AlibabaTransport(AckSession session, IAckLog log, TransportOptions? options, HttpMessageHandler handler)
        : this(session, log, options, new HttpClient(handler ?? throw new ArgumentNullException(nameof(handler)), disposeHandler: false)
        {
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        })
    {
    }

    private AlibabaTransport(AckSession session, IAckLog log, TransportOptions? options, HttpClient client)
    {
        _session = session ?? throw new ArgumentNullException(nameof(session));
        _log = log ?? NullAckLog.Instance;
        _options = options ?? TransportOptions.Default;
        _options.Validate();
        _client = client;
    }

    /// <summary>The User-Agent every request carries: AckHardening/&lt;informational version&gt;.</summary>
    public static string UserAgent => SharedHttp.UserAgent;

    public AckSession Session => _session;

    public async Task<ApiResponse> SendAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var endpoint = _session.ResolveEndpoint(request.Service, request.RegionId);
        var total = Stopwatch.StartNew();
        var timeout = request.Timeout ?? _options.Timeout;
        _log.Debug($"{request.Service.Name} {request.Action} request: {SignedRequestBuilder.MethodOf(request)} {endpoint.Authority}{Describe(request)}");

        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var credential = request.Anonymous ? null : await _session.Credentials.GetCredentialAsync(cancellationToken).ConfigureAwait(false);
            using var message = SignedRequestBuilder.Build(request, endpoint, credential, _options.Clock(), _options.NonceFactory());
            var host = message.Headers.Host ?? message.RequestUri!.Authority;

            var outcome = await SendOnceAsync(message, timeout, cancellationToken).ConfigureAwait(false);
            var last = attempt >= _options.MaxAttempts;

            if (outcome.Response is { } ok)
            {
                var parsed = ParseSuccess(ok.Status, ok.Headers, ok.Body);
                if (parsed.Error is null)
                {
                    var requestId = ServiceErrorParser.RequestIdFromHeaders(ok.Headers) ?? ServiceErrorParser.RequestIdFromBody(parsed.Body);
                    LogAttempt(message.Method, host, request, ((int)ok.Status).ToString(), requestId, outcome.Elapsed, attempt);
                    return new ApiResponse(ok.Status, requestId, parsed.Body, ok.Headers, total.Elapsed, attempt);
                }
                var error = parsed.Error;
                LogAttempt(message.Method, host, request, $"{(int)ok.Status} {error.Code}", error.RequestId, outcome.Elapsed, attempt);
                if (last || !RetryPolicy.CanRetry(error, request.Idempotent)) throw error.ToException(request, attempt);
                var delay = RetryPolicy.DelayFor(attempt, error.RetryAfter, _options);
                var why = RetryPolicy.IsThrottling(error) ? "throttled" : "service unavailable";
                _log.Verbose($"{request.Service.Name} {request.Action} {why}, retrying in {(long)delay.TotalMilliseconds} ms ({error.Code}; attempt {attempt + 1} of {_options.MaxAttempts}).");
                await _options.Delay(delay, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var failure = outcome.Failure!;
            LogAttempt(message.Method, host, request, failure.Code, null, outcome.Elapsed, attempt);
            var retryable = request.Idempotent || failure.ProvesNotSent;
            if (last || !retryable) throw failure.ToException(request, attempt);
            var wait = RetryPolicy.Backoff(attempt, _options);
            _log.Verbose($"{request.Service.Name} {request.Action} {(failure.Code == "Timeout" ? "timed out" : "network error")}, retrying in {(long)wait.TotalMilliseconds} ms (attempt {attempt + 1} of {_options.MaxAttempts}).");
            await _options.Delay(wait, cancellationToken).ConfigureAwait(false);
        }
    }

    private sealed record RawResponse(HttpStatusCode Status, IReadOnlyDictionary<string, string> Headers, byte[] Body);

    private sealed record Failure(string Code, string Message, bool ProvesNotSent, Exception Inner)
    {
        public AlibabaServiceException ToException(ApiRequest request, int attempts) =>
            new(request.Service.Name, request.Action, Code, Message, null, null, null, null, Inner) { Attempts = attempts };
    }

    private sealed record Outcome(RawResponse? Response, Failure? Failure, TimeSpan Elapsed);

    /// <summary>One exchange under its own timeout. The caller's cancellation is rethrown as is; the timeout is not.</summary>
    private async Task<Outcome> SendOnceAsync(HttpRequestMessage message, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutCts.CancelAfter(timeout);
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await _client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeoutCts.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(timeoutCts.Token).ConfigureAwait(false);
            return new Outcome(new RawResponse(response.StatusCode, HeadersOf(response), body), null, watch.Elapsed);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException e) when (timeoutCts.IsCancellationRequested)
        {
            return new Outcome(null, new Failure("Timeout", $"No complete response within {timeout.TotalSeconds:0.###} s.", false, e), watch.Elapsed);
        }
        catch (OperationCanceledException e) when (e.InnerException is TimeoutException)
        {
            // The handler's own connect timeout: the caller did not cancel, so this is a timeout, and since no
            // connection was made the request cannot have reached the service.
            return new Outcome(null, new Failure("Timeout", $"Could not connect within the connect timeout ({e.InnerException.Message}).", true, e), watch.Elapsed);
        }
        catch (OperationCanceledException e)
        {
            // Any other cancellation the caller did not ask for (a handler timeout): a timeout whose outcome is unknown.
            return new Outcome(null, new Failure("Timeout", $"The request was abandoned before a response arrived ({e.Message}).", false, e), watch.Elapsed);
        }
        catch (HttpRequestException e)
        {
            return new Outcome(null, new Failure("NetworkError", NetworkMessage(e), RetryPolicy.ProvesNotSent(e), e), watch.Elapsed);
        }
        catch (IOException e)
        {
            return new Outcome(null, new Failure("NetworkError", NetworkMessage(e), false, e), watch.Elapsed);
        }
    }

    private static string NetworkMessage(Exception e)
    {
        var inner = e;
        while (inner.InnerException is not null) inner = inner.InnerException;
        return ReferenceEquals(inner, e) ? e.Message : $"{e.Message} ({inner.Message})";
    }

    private static (JsonElement Body, ServiceError? Error) ParseSuccess(HttpStatusCode status, IReadOnlyDictionary<string, string> headers, byte[] body)
    {
        if ((int)status >= 400) return (default, ServiceErrorParser.Parse(status, headers, body));
        if ((int)status >= 300)
        {
            return (default, new ServiceError(ServiceErrorParser.StatusCode(status), $"Unexpected redirect (HTTP {(int)status}); redirects are not followed.",
                status, ServiceErrorParser.RequestIdFromHeaders(headers), null, null, false, null));
        }
        if (body.Length == 0 || body.All(b => b is (byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t')) return (default, null);
        try
        {
            using var doc = JsonDocument.Parse(body);
            return (doc.RootElement.Clone(), null);
        }
        catch (JsonException e)
        {
            return (default, new ServiceError("MalformedResponse",
                $"HTTP {(int)status} response body is not valid JSON ({e.Message}): {ServiceErrorParser.Snippet(body)}",
                status, ServiceErrorParser.RequestIdFromHeaders(headers), null, null, false, null, e));
        }
    }

    private static IReadOnlyDictionary<string, string> HeadersOf(HttpResponseMessage response)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers) map[name] = string.Join(",", values);
        foreach (var (name, values) in response.Content.Headers) map[name] = string.Join(",", values);
        return map;
    }

    private void LogAttempt(HttpMethod method, string host, ApiRequest request, string status, string? requestId, TimeSpan elapsed, int attempt) =>
        _log.Debug($"{method} {host} {request.Service.Name} {request.Action} -> {status}" +
                   $"{(string.IsNullOrEmpty(requestId) ? "" : " RequestId=" + requestId)} {(long)elapsed.TotalMilliseconds} ms attempt {attempt}/{_options.MaxAttempts}");

    /// <summary>Path and parameters for -Debug: elided parameters show only their length; secret-bearing names never show.</summary>
    private static string Describe(ApiRequest request)
    {
        var sb = new StringBuilder(request.Service.Style == ApiStyle.Rpc ? "/" : request.Path);
        if (request.SlsProject is not null) sb.Insert(0, $" project={request.SlsProject} ");
        var first = true;
        foreach (var (name, value) in request.Query)
        {
            sb.Append(first ? '?' : '&').Append(name).Append('=');
            first = false;
            if (AlwaysHidden.Contains(name)) sb.Append("<hidden>");
            else if (request.ElidedParameters.Contains(name)) sb.Append($"<elided, {value.Length} chars>");
            else sb.Append(value);
        }
        if (request.Body is { Length: > 0 } body) sb.Append($" body={body.Length} bytes");
        return sb.ToString();
    }
}
