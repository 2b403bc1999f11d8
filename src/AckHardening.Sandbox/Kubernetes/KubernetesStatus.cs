using System.Text.Json.Nodes;

namespace AckHardening.Sandbox.Kubernetes;

/// <summary>
/// meta/v1 Status bodies exactly as the API server writes them for failures, so client libraries
/// (which read <c>reason</c>, <c>code</c> and <c>details</c>) behave as they would against a real cluster.
/// </summary>
internal static class KubernetesStatus
{
    public static JsonObject Failure(int code, string reason, string message, JsonObject? details = null)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
        };
        if (details is not null) status["details"] = details;
        status["code"] = code;
        return status;
    }

    /// <summary>"deployments.apps" for grouped resources, "configmaps" for core ones: the API server's qualified name.</summary>
    public static string Qualified(ResourceType type) => type.Group.Length == 0 ? type.Plural : type.Plural + "." + type.Group;

    private static JsonObject Details(ResourceType type, string name)
    {
        var d = new JsonObject { ["name"] = name };
        if (type.Group.Length > 0) d["group"] = type.Group;
        d["kind"] = type.Plural;
        return d;
    }

    public static JsonObject NotFound(ResourceType type, string name) =>
        Failure(404, "NotFound", $"{Qualified(type)} \"{name}\" not found", Details(type, name));

    public static JsonObject Conflict(ResourceType type, string name) =>
        Failure(409, "Conflict",
            $"Operation cannot be fulfilled on {Qualified(type)} \"{name}\": the object has been modified; please apply your changes to the latest version and try again",
            Details(type, name));

    public static JsonObject Unauthorized() => Failure(401, "Unauthorized", "Unauthorized");

    public static JsonObject PathNotFound() => Failure(404, "NotFound", "the server could not find the requested resource", new JsonObject());

    public static JsonObject BadRequest(string message) => Failure(400, "BadRequest", message);

    public static JsonObject Invalid(ResourceType type, string name, string message) =>
        Failure(422, "Invalid", $"{type.Kind} \"{name}\" is invalid: {message}", Details(type, name));

    public static JsonObject UnsupportedMediaType(string accepted) =>
        Failure(415, "UnsupportedMediaType", "the body of the request was in an unknown format - accepted media types include: " + accepted);

    public static JsonObject MethodNotAllowed(string message) => Failure(405, "MethodNotAllowed", message);
}
