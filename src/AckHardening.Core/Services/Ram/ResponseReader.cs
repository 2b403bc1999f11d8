using System.Globalization;
using System.Text.Json;
using AckHardening.Core.Http;

namespace AckHardening.Core.Services;

/// <summary>
/// Reads fields out of a service response tolerantly: a missing optional field is null, a number where a string is
/// expected (or the reverse, for the string-typed booleans CS likes) is accepted, and property names are matched
/// exactly first and case-insensitively second. A field with the wrong JSON shape (an object where a string belongs,
/// a string where a list belongs) raises <see cref="AlibabaServiceException"/> with code "MalformedResponse", naming
/// the field, the action and the request id, so a broken response never turns into a silently wrong result.
/// </summary>
internal readonly struct ResponseReader
{
    public const string MalformedCode = "MalformedResponse";

    private readonly string _service;
    private readonly string _action;
    private readonly string? _requestId;

    public ResponseReader(ApiRequest request, ApiResponse response)
    {
        _service = request.Service.Name;
        _action = request.Action;
        _requestId = response.RequestId;
        Root = response.Body;
    }

    public JsonElement Root { get; }

    public AlibabaServiceException Malformed(string what) =>
        new(_service, _action, MalformedCode, $"Unexpected response shape: {what}.", statusCode: null, requestId: _requestId);

    /// <summary>The body as an object; anything else (array, string, empty body) is malformed.</summary>
    public JsonElement RootObject()
    {
        if (Root.ValueKind != JsonValueKind.Object) throw Malformed($"the body is {Describe(Root.ValueKind)}, not a JSON object");
        return Root;
    }

    public static bool TryGet(JsonElement obj, string name, out JsonElement value)
    {
        value = default;
        if (obj.ValueKind != JsonValueKind.Object) return false;
        if (obj.TryGetProperty(name, out value)) return value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined);
        foreach (var p in obj.EnumerateObject())
        {
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = p.Value;
                return value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined);
            }
        }
        return false;
    }

    /// <summary>A nested object, or null when absent. Present but not an object is malformed.</summary>
    public JsonElement? Object(JsonElement obj, string name, string path)
    {
        if (!TryGet(obj, name, out var v)) return null;
        if (v.ValueKind != JsonValueKind.Object) throw Malformed($"{path}.{name} is {Describe(v.ValueKind)}, not an object");
        return v;
    }

    public JsonElement RequiredObject(JsonElement obj, string name, string path) =>
        Object(obj, name, path) ?? throw Malformed($"{path}.{name} is missing");

    /// <summary>The items of an array field; an absent field is an empty list. Present but not an array is malformed.</summary>
    public IReadOnlyList<JsonElement> Array(JsonElement obj, string name, string path)
    {
        if (!TryGet(obj, name, out var v)) return System.Array.Empty<JsonElement>();
        if (v.ValueKind != JsonValueKind.Array) throw Malformed($"{path}.{name} is {Describe(v.ValueKind)}, not an array");
        return v.EnumerateArray().ToList();
    }

    /// <summary>Each item of an array field, which must be an object.</summary>
    public IReadOnlyList<JsonElement> ObjectArray(JsonElement obj, string name, string path)
    {
        var items = Array(obj, name, path);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].ValueKind != JsonValueKind.Object) throw Malformed($"{path}.{name}[{i}] is {Describe(items[i].ValueKind)}, not an object");
        }
        return items;
    }

    public string? String(JsonElement obj, string name, string path)
    {
        if (!TryGet(obj, name, out var v)) return null;
        return v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => throw Malformed($"{path}.{name} is {Describe(v.ValueKind)}, not a string"),
        };
    }

    public string RequiredString(JsonElement obj, string name, string path)
    {
        var s = String(obj, name, path);
        return string.IsNullOrEmpty(s) ? throw Malformed($"{path}.{name} is missing or empty") : s;
    }

    public IReadOnlyList<string> StringArray(JsonElement obj, string name, string path)
    {
        var items = Array(obj, name, path);
        var list = new List<string>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].ValueKind != JsonValueKind.String) throw Malformed($"{path}.{name}[{i}] is {Describe(items[i].ValueKind)}, not a string");
            list.Add(items[i].GetString()!);
        }
        return list;
    }

    /// <summary>A boolean given as true/false or as the strings "true"/"false" (CS returns both).</summary>
    public bool? Bool(JsonElement obj, string name, string path)
    {
        if (!TryGet(obj, name, out var v)) return null;
        switch (v.ValueKind)
        {
            case JsonValueKind.True: return true;
            case JsonValueKind.False: return false;
            case JsonValueKind.String when bool.TryParse(v.GetString(), out var b): return b;
            case JsonValueKind.String when string.IsNullOrEmpty(v.GetString()): return null;
            default: throw Malformed($"{path}.{name} is not a boolean");
        }
    }

    public long? Long(JsonElement obj, string name, string path)
    {
        if (!TryGet(obj, name, out var v)) return null;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n)) return n;
        if (v.ValueKind == JsonValueKind.String)
        {
            var s = v.GetString();
            if (string.IsNullOrEmpty(s)) return null;
            if (long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var p)) return p;
        }
        throw Malformed($"{path}.{name} is not an integer");
    }

    /// <summary>A timestamp (ISO 8601, RFC 3339 with offset). An unparseable value is reported as null, not as an error:
    /// dates are informational and services have used several layouts over the years.</summary>
    public DateTimeOffset? Date(JsonElement obj, string name, string path)
    {
        var s = String(obj, name, path);
        if (string.IsNullOrWhiteSpace(s)) return null;
        return DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var d)
            ? d : null;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Undefined => "empty",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString(),
    };
}
