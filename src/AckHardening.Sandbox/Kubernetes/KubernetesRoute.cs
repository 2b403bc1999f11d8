namespace AckHardening.Sandbox.Kubernetes;

/// <summary>What a request path addresses: a discovery document, a collection, or one object.</summary>
internal sealed record KubernetesRoute(ResourceType? Type, string? Namespace, string? Name, string? Discovery)
{
    public bool IsList => Type is not null && Name is null;

    /// <summary>Parses /api/v1/..., /apis/{group}/{version}/... and the discovery paths; null when nothing matches.</summary>
    public static KubernetesRoute? Parse(string path)
    {
        var s = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (s.Length == 0) return null;
        if (s is ["version"] or ["api"] or ["apis"] or ["api", "v1"] or ["apis", "apps"] or ["apis", "apps", "v1"] or ["healthz"] or ["livez"] or ["readyz"])
            return new(null, null, null, string.Join('/', s));

        string group, version; string[] rest;
        if (s[0] == "api" && s.Length >= 3 && s[1] == "v1") { group = ""; version = "v1"; rest = s[2..]; }
        else if (s[0] == "apis" && s.Length >= 4) { group = s[1]; version = s[2]; rest = s[3..]; }
        else return null;

        ResourceType? T(string plural) => ResourceType.ByPath(group, version, plural);
        switch (rest)
        {
            case [var plural] when T(plural) is { } t:
                return new(t, null, null, null);
            case [var plural, var name] when T(plural) is { Namespaced: false } t:
                return new(t, null, name, null);
            case ["namespaces", var ns, var plural] when T(plural) is { Namespaced: true } t:
                return new(t, ns, null, null);
            case ["namespaces", var ns, var plural, var name] when T(plural) is { Namespaced: true } t:
                return new(t, ns, name, null);
            default:
                return null;
        }
    }

    /// <summary>The Kubernetes OpenAPI operation name for a method on this route (for logs and fault matching).</summary>
    public string Action(string method)
    {
        if (Type is null) return Discovery switch { "version" => "GetCode", "api" => "GetAPIVersions", "apis" => "GetAPIVersions", _ => "GetAPIResources" };
        var verb = method switch { "GET" => IsList ? "List" : "Read", "PATCH" => "Patch", "PUT" => "Replace", "DELETE" => "Delete", "POST" => "Create", _ => method };
        var scope = Type.Namespaced && Namespace is not null ? "Namespaced" : "";
        var suffix = IsList && Type.Namespaced && Namespace is null ? "ForAllNamespaces" : "";
        return verb + scope + Type.Kind + suffix;
    }

    /// <summary>The action name for any method and path, for a host that matches faults before the API runs.</summary>
    public static string ActionFor(string method, string path) => Parse(path)?.Action(method) ?? "Unknown";
}
