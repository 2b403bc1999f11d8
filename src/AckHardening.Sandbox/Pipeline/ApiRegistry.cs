using System.Reflection;
using AckHardening.Sandbox.Auth;

namespace AckHardening.Sandbox.Pipeline;

public delegate ValueTask<ApiResult> ApiHandler(ApiCall call);

/// <summary>One registered operation: an RPC action, or an ROA method + path template.</summary>
public sealed record ApiOperation(SandboxService Service, string Action, ApiHandler Handler, bool IsWrite, bool Anonymous,
    string? Method = null, RoaRouteTemplate? Template = null);

/// <summary>
/// A file that adds operations to the sandbox. Every non-abstract implementation in this assembly is found by
/// reflection at start-up, so a new service area is added by adding files, never by editing a central switch.
/// </summary>
public interface IApiModule
{
    void Register(ApiRegistry registry);
}

/// <summary>RPC: (service, action) → handler. ROA: (service, method, path template) → handler. Plus per-service authenticators.</summary>
public sealed class ApiRegistry
{
    private readonly Dictionary<(string Service, string Action), ApiOperation> _rpc = new();
    private readonly List<ApiOperation> _roa = new();
    private readonly Dictionary<string, List<IRequestAuthenticator>> _authenticators = new(StringComparer.Ordinal);

    public static ApiRegistry Discover(Assembly? assembly = null)
    {
        var registry = new ApiRegistry();
        var modules = (assembly ?? typeof(ApiRegistry).Assembly).GetTypes()
            .Where(t => typeof(IApiModule).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .OrderBy(t => t.FullName, StringComparer.Ordinal);
        foreach (var type in modules) ((IApiModule)Activator.CreateInstance(type)!).Register(registry);
        return registry;
    }

    /// <summary>Registers an RPC action (case-sensitive, as POP treats action names).</summary>
    public void Rpc(SandboxService service, string action, ApiHandler handler, bool isWrite = false, bool anonymous = false)
    {
        var op = new ApiOperation(service, action, handler, isWrite, anonymous);
        if (!_rpc.TryAdd((service.Name, action), op))
            throw new InvalidOperationException($"RPC action {service.Name}/{action} is registered twice.");
    }

    /// <summary>Registers a REST operation. Writes default to every method except GET and HEAD.</summary>
    public void Roa(SandboxService service, string method, string template, string action, ApiHandler handler,
        bool? isWrite = null, bool anonymous = false)
    {
        method = method.ToUpperInvariant();
        if (_roa.Any(o => o.Service == service && o.Method == method && o.Template!.Text == template))
            throw new InvalidOperationException($"Route {service.Name} {method} {template} is registered twice.");
        _roa.Add(new ApiOperation(service, action, handler, isWrite ?? method is not ("GET" or "HEAD"), anonymous, method,
            new RoaRouteTemplate(template)));
    }

    /// <summary>Adds a signature verifier for a service; the first one whose scheme matches the request is used.</summary>
    public void Authenticator(SandboxService service, IRequestAuthenticator authenticator)
    {
        if (!_authenticators.TryGetValue(service.Name, out var list)) _authenticators[service.Name] = list = new();
        list.Add(authenticator);
    }

    public ApiOperation? FindRpc(SandboxService service, string action) =>
        _rpc.TryGetValue((service.Name, action), out var op) ? op : null;

    public (ApiOperation Operation, Dictionary<string, string> Values)? MatchRoa(SandboxService service, string method, string decodedPath)
    {
        (ApiOperation, Dictionary<string, string>)? best = null;
        foreach (var op in _roa)
        {
            if (op.Service != service || op.Method != method.ToUpperInvariant()) continue;
            if (!op.Template!.TryMatch(decodedPath, out var values)) continue;
            if (best is null || op.Template.LiteralCount > best.Value.Item1.Template!.LiteralCount) best = (op, values);
        }
        return best;
    }

    /// <summary>True when some route matches the path with another method (for 405 instead of 404).</summary>
    public bool PathExists(SandboxService service, string decodedPath) =>
        _roa.Any(o => o.Service == service && o.Template!.TryMatch(decodedPath, out _));

    public IReadOnlyList<IRequestAuthenticator> AuthenticatorsFor(SandboxService service) =>
        _authenticators.TryGetValue(service.Name, out var list) ? list : [];

    public IEnumerable<ApiOperation> Operations => _rpc.Values.Concat(_roa);
}
