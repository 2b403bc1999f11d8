using System.Net;
using System.Net.Http.Headers;
using AckHardening.Core.Credentials;
using AckHardening.Core.Signing;

namespace AckHardening.Core.Http;

/// <summary>
/// Turns an <see cref="ApiRequest"/> into a signed HttpRequestMessage for one attempt (a new date and nonce each time).
/// </summary>
internal static class SignedRequestBuilder
{
    public const string JsonContentType = "application/json; charset=utf-8";

    public static HttpRequestMessage Build(ApiRequest request, Uri endpoint, AckCredential? credential, DateTimeOffset now, string nonce)
    {
        return request.Service.Style switch
        {
            ApiStyle.Sls => BuildSls(request, endpoint, credential, now),
            _ => BuildAcs3(request, endpoint, credential, now, nonce),
        };
    }

    /// <summary>The HTTP method of a request: RPC defaults to POST (parameters in the query, empty body).</summary>
    public static string MethodOf(ApiRequest request) => string.IsNullOrEmpty(request.Method) ? "POST" : request.Method.ToUpperInvariant();

    private static HttpRequestMessage BuildAcs3(ApiRequest request, Uri endpoint, AckCredential? credential, DateTimeOffset now, string nonce)
    {
        var method = MethodOf(request);
        var canonicalUri = request.Service.Style == ApiStyle.Rpc ? "/" : PercentEncoding.EncodePath(request.Path);
        var query = new SortedDictionary<string, string>(request.Query, StringComparer.Ordinal);
        var body = request.Body ?? Array.Empty<byte>();
        var payloadHash = Hashing.Sha256Hex(body);
        var date = Acs3Signature.FormatDate(now);

        if (request.Anonymous)
        {
            // Unsigned RPC calls carry the common parameters in the query, as the anonymous STS call expects.
            query["Action"] = request.Action;
            query["Version"] = request.Service.Version;
            query["Format"] = "JSON";
            query["Timestamp"] = date;
            query["SignatureNonce"] = nonce;
        }

        var uri = Combine(endpoint, canonicalUri, PercentEncoding.CanonicalQuery(query));
        var headers = new List<KeyValuePair<string, string>>
        {
            new("host", uri.Authority),
            new("x-acs-action", request.Action),
            new("x-acs-version", request.Service.Version),
            new("x-acs-date", date),
            new("x-acs-signature-nonce", nonce),
            new("x-acs-content-sha256", payloadHash),
        };
        if (credential?.SecurityToken is { } token)
        {
            headers.Add(new("x-acs-security-token", token));
            headers.Add(new("x-acs-accesskey-id", credential.AccessKeyId));
        }
        string? contentType = null;
        if (body.Length > 0)
        {
            contentType = request.ContentType ?? JsonContentType;
            headers.Add(new("content-type", contentType));
        }
        foreach (var (name, value) in request.Headers)
        {
            if (name.Equals("host", StringComparison.OrdinalIgnoreCase) || name.Equals("content-type", StringComparison.OrdinalIgnoreCase)
                || name.Equals("authorization", StringComparison.OrdinalIgnoreCase)) continue;
            headers.Add(new(name, value));
        }

        var message = new HttpRequestMessage(new HttpMethod(method), uri);
        foreach (var (name, value) in headers)
        {
            if (name is "host" or "content-type") continue;
            message.Headers.TryAddWithoutValidation(name, value);
        }
        if (credential is not null && !request.Anonymous)
        {
            var signature = Acs3Signature.Sign(method, canonicalUri, query, headers, payloadHash, credential.AccessKeyId, credential.AccessKeySecret);
            message.Headers.TryAddWithoutValidation("Authorization", signature.Authorization);
        }
        if (body.Length > 0)
        {
            message.Content = new ByteArrayContent(body);
            message.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }
        AddCommon(message);
        return message;
    }

    private static HttpRequestMessage BuildSls(ApiRequest request, Uri endpoint, AckCredential? credential, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(request.SlsProject)) throw new ArgumentException($"SLS request {request.Action} has no project.");
        var method = string.IsNullOrEmpty(request.Method) ? "GET" : request.Method.ToUpperInvariant();
        var path = string.IsNullOrEmpty(request.Path) ? "/" : request.Path;
        var body = request.Body ?? Array.Empty<byte>();
        var date = SlsV1Signature.FormatDate(now);

        // A host name gets the project as its first label (what the service and its certificate expect); an address
        // (the loopback sandbox) cannot, so we connect to it and name the project in the Host header instead.
        var projectHost = request.SlsProject + "." + endpoint.Host;
        var connectTo = IsAddress(endpoint) ? endpoint : new UriBuilder(endpoint) { Host = projectHost }.Uri;
        var uri = Combine(connectTo, PercentEncoding.EncodePath(path), PercentEncoding.CanonicalQuery(request.Query));

        var headers = new List<KeyValuePair<string, string>>
        {
            new("x-log-apiversion", SlsV1Signature.ApiVersion),
            new("x-log-signaturemethod", "hmac-sha1"),
            new("x-log-bodyrawsize", body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        if (credential?.SecurityToken is { } token) headers.Add(new("x-acs-security-token", token));
        foreach (var (name, value) in request.Headers)
        {
            if (name.Equals("authorization", StringComparison.OrdinalIgnoreCase) || name.Equals("host", StringComparison.OrdinalIgnoreCase)
                || name.Equals("date", StringComparison.OrdinalIgnoreCase) || name.Equals("content-type", StringComparison.OrdinalIgnoreCase)
                || name.Equals("x-log-bodyrawsize", StringComparison.OrdinalIgnoreCase)) continue;
            headers.Add(new(name, value));
        }
        string? contentMd5 = null, contentType = null;
        if (body.Length > 0)
        {
            contentMd5 = Hashing.Md5HexUpper(body);
            contentType = request.ContentType ?? "application/json";
        }

        var message = new HttpRequestMessage(new HttpMethod(method), uri);
        foreach (var (name, value) in headers) message.Headers.TryAddWithoutValidation(name, value);
        message.Headers.TryAddWithoutValidation("Date", date);
        if (IsAddress(endpoint)) message.Headers.Host = endpoint.IsDefaultPort ? projectHost : projectHost + ":" + endpoint.Port;
        if (credential is not null && !request.Anonymous)
        {
            var signature = SlsV1Signature.Sign(method, contentMd5, contentType, date, headers, path, request.Query,
                credential.AccessKeyId, credential.AccessKeySecret);
            message.Headers.TryAddWithoutValidation("Authorization", signature.Authorization);
        }
        if (body.Length > 0)
        {
            message.Content = new ByteArrayContent(body);
            message.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            message.Content.Headers.TryAddWithoutValidation("Content-MD5", contentMd5);
        }
        AddCommon(message);
        return message;
    }

    private static void AddCommon(HttpRequestMessage message)
    {
        message.Headers.TryAddWithoutValidation("User-Agent", SharedHttp.UserAgent);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    private static bool IsAddress(Uri endpoint) =>
        endpoint.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
        || endpoint.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase);

    /// <summary>The endpoint's scheme, host, port and base path, then the encoded path and query.</summary>
    internal static Uri Combine(Uri endpoint, string encodedPath, string encodedQuery)
    {
        var basePath = endpoint.AbsolutePath.TrimEnd('/');
        var text = endpoint.GetLeftPart(UriPartial.Authority) + basePath + encodedPath;
        if (encodedQuery.Length > 0) text += "?" + encodedQuery;
        return new Uri(text, UriKind.Absolute);
    }
}
