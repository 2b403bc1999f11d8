using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AckHardening.Sandbox.Auth;
using AckHardening.Sandbox.Hosting;
using AckHardening.Sandbox.Infrastructure;
using AckHardening.Sandbox.State;
using Microsoft.AspNetCore.Http;

namespace AckHardening.Sandbox.Pipeline;

/// <summary>Everything a handler needs about one authenticated request.</summary>
public sealed class ApiCall
{
    public required HttpContext Http { get; init; }
    public required SandboxService Service { get; init; }
    public required string Action { get; init; }
    public required string RequestId { get; init; }
    public required SandboxState State { get; init; }
    /// <summary>The live sandbox (the control API resets it; most handlers only need <see cref="State"/>).</summary>
    public required SandboxRuntime Runtime { get; init; }
    public required IClock Clock { get; init; }
    /// <summary>Null only for operations registered as anonymous.</summary>
    public CallerIdentity? Caller { get; init; }
    /// <summary>RPC: query plus form-body parameters. ROA/SLS/Kubernetes: query parameters.</summary>
    public required IReadOnlyDictionary<string, string> Parameters { get; init; }
    /// <summary>Values captured by the ROA path template.</summary>
    public required IReadOnlyDictionary<string, string> Route { get; init; }
    public required byte[] Body { get; init; }
    /// <summary>For Kubernetes listeners: the cluster this API server belongs to.</summary>
    public string? ClusterId { get; init; }
    public CancellationToken Aborted => Http.RequestAborted;

    public string? Param(string name) => Parameters.TryGetValue(name, out var v) ? v : null;

    /// <summary>
    /// A mandatory RPC parameter. POP answers a missing one with Missing{Name} / "{Name} is mandatory for this
    /// action." (the common gateway pattern; not listed in the reference, so unverified).
    /// </summary>
    public string RequiredParam(string name)
    {
        var v = Param(name);
        if (string.IsNullOrEmpty(v)) throw new ApiException(400, "Missing" + name, $"{name} is mandatory for this action.");
        return v;
    }

    public string RouteValue(string name) => Route[name];

    public JsonNode? BodyJson()
    {
        if (Body.Length == 0) return null;
        try { return JsonNode.Parse(Encoding.UTF8.GetString(Body)); }
        catch (JsonException e) { throw new ApiException(400, "InvalidParameter", "The request body is not valid JSON: " + e.Message); }
    }
}
