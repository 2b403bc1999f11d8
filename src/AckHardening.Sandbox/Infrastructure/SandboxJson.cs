using System.Text.Json;
using System.Text.Json.Nodes;

namespace AckHardening.Sandbox.Infrastructure;

public static class SandboxJson
{
    /// <summary>Scenario files: case-insensitive names, comments and trailing commas allowed.</summary>
    public static readonly JsonSerializerOptions Scenario = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Wire output: compact, non-ASCII kept readable, as the services send it.</summary>
    public static readonly JsonSerializerOptions Wire = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(JsonNode? node) => node is null ? "" : node.ToJsonString(Wire);

    /// <summary>A JSON value that scenario files may give as an object or as an already-serialized string.</summary>
    public static string AsDocumentString(JsonNode? node) => node switch
    {
        null => "",
        JsonValue v when v.TryGetValue(out string? s) => s,
        _ => node.ToJsonString(Wire),
    };
}
