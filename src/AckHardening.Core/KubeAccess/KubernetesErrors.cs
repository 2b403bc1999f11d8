using System.Net;
using System.Text.Json;
using AckHardening.Core.Errors;
using k8s.Autorest;

namespace AckHardening.Core.KubeAccess;

/// <summary>A replace was refused because the object changed since it was read (HTTP 409, reason Conflict).</summary>
public sealed class KubernetesConflictException : AckException
{
    public KubernetesConflictException(string message, object? target, Exception? inner)
        : base(KubernetesErrors.Conflict, AckErrorKind.InvalidOperation, message, target, inner)
    {
        RecommendedAction = "Read the object again, reapply the change and retry.";
    }
}

/// <summary>Turns API server failures into <see cref="AckException"/>s with stable ids.</summary>
public static class KubernetesErrors
{
    public const string NotFound = "AckKubernetesNotFound";
    public const string Conflict = "AckKubernetesConflict";
    public const string Unauthorized = "AckKubernetesUnauthorized";
    public const string Forbidden = "AckKubernetesForbidden";
    public const string Unavailable = "AckKubernetesUnavailable";
    public const string InvalidRequest = "AckKubernetesInvalidRequest";
    public const string KubeconfigInvalid = "AckKubeconfigInvalid";
    public const string EndpointRefused = "AckKubernetesEndpointRefused";

    /// <summary>
    /// Maps a failed call. <paramref name="what"/> names the target in the message ("deployment kube-system/metrics-server").
    /// The message comes from the Status body (never from request headers), so no credential can leak into it.
    /// </summary>
    public static AckException Map(Exception error, string what)
    {
        if (error is HttpOperationException http)
        {
            var status = http.Response?.StatusCode ?? 0;
            var serverMessage = StatusMessage(http.Response?.Content);
            var detail = serverMessage is null ? $"HTTP {(int)status}" : $"HTTP {(int)status}: {serverMessage}";
            return status switch
            {
                HttpStatusCode.NotFound => new AckException(NotFound, AckErrorKind.ObjectNotFound, $"Kubernetes {what} was not found ({detail}).", what, http),
                HttpStatusCode.Conflict => new KubernetesConflictException($"Kubernetes {what} was changed by someone else ({detail}).", what, http),
                HttpStatusCode.Unauthorized => new AckException(Unauthorized, AckErrorKind.AuthenticationError,
                    $"The Kubernetes API server rejected the credentials while reading or writing {what} ({detail}).", what, http)
                { RecommendedAction = "Get a fresh kubeconfig (it may have expired) and try again." },
                HttpStatusCode.Forbidden => new AckException(Forbidden, AckErrorKind.PermissionDenied, $"Access to Kubernetes {what} is forbidden ({detail}).", what, http)
                { RecommendedAction = "Use a kubeconfig whose identity is bound to a role that allows this verb." },
                HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError =>
                    new AckException(Unavailable, AckErrorKind.ResourceUnavailable, $"The Kubernetes API server could not serve {what} ({detail}).", what, http),
                _ => new AckException(InvalidRequest, AckErrorKind.InvalidArgument, $"The Kubernetes API server refused the request for {what} ({detail}).", what, http),
            };
        }
        if (error is HttpRequestException or TaskCanceledException or TimeoutException or IOException)
            return new AckException(Unavailable, AckErrorKind.ConnectionError,
                $"The Kubernetes API server could not be reached for {what}: {error.GetType().Name}.", what, error);
        return error as AckException ?? new AckException(Unavailable, AckErrorKind.NotSpecified, $"Kubernetes call for {what} failed: {error.GetType().Name}.", what, error);
    }

    private static string? StatusMessage(string? body)
    {
        if (string.IsNullOrWhiteSpace(body)) return null;
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String
                ? m.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
