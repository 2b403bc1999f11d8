using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AckHardening.Policy;

/// <summary>
/// A RAM policy document as written: Version, and Statement as one object or an array. Every field the model does
/// not know is kept, and the shape of each element (string or array) is remembered, so that parse → serialize
/// round-trips and a change touches only what it means to change.
/// </summary>
public sealed class PolicyDocument
{
    public string? Version
    {
        get => _version;
        set { _version = value; _versionRaw = null; }
    }
    private string? _version;
    public List<PolicyStatement> Statements { get; } = new();
    /// <summary>True when the source had Statement as a single object rather than an array.</summary>
    public bool StatementWasObject { get; set; }
    /// <summary>Top-level fields other than Version and Statement, kept as written.</summary>
    public Dictionary<string, JsonNode?> ExtraFields { get; } = new(StringComparer.Ordinal);

    /// <summary>True when the source had Version as something other than a JSON string (e.g. the number 1).</summary>
    public bool VersionWasNonString => _versionRaw is not null;

    // A non-string Version is written back as it was, so a round trip does not silently "fix" it.
    private JsonNode? _versionRaw;
    // Field order of the source, so serialization keeps the author's layout (and diffs stay small).
    private List<string>? _keyOrder;

    public int StatementCount => Statements.Count;
    public int ActionCount => Statements.Sum(s => (s.Action?.Count ?? 0) + (s.NotAction?.Count ?? 0));
    public int WildcardActionCount => Statements.Sum(s => (s.Action ?? new()).Concat(s.NotAction ?? new()).Count(PolicyStatement.IsWildcard));

    /// <summary>Parses a document; throws <see cref="PolicyFormatException"/> naming what is wrong.</summary>
    public static PolicyDocument Parse(string json)
    {
        try { return ParseCore(json); }
        catch (ArgumentException e)
        {
            // JsonObject reports duplicate property names when it is first enumerated.
            throw new PolicyFormatException($"The policy document is not valid: {e.Message}", e);
        }
    }

    private static PolicyDocument ParseCore(string json)
    {
        if (string.IsNullOrWhiteSpace(json)) throw new PolicyFormatException("The policy document is empty.");
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException e)
        {
            throw new PolicyFormatException($"The policy document is not valid JSON: {e.Message}", e);
        }
        if (root is not JsonObject obj) throw new PolicyFormatException("The policy document must be a JSON object.");

        var doc = new PolicyDocument();
        doc._keyOrder = obj.Select(p => p.Key).ToList();
        foreach (var (name, value) in obj)
        {
            switch (name)
            {
                case "Version":
                    if (value is JsonValue v && v.TryGetValue<string>(out var s)) doc.Version = s;
                    else
                    {
                        doc._version = value?.ToJsonString();
                        doc._versionRaw = value?.DeepClone();
                    }
                    break;
                case "Statement":
                    if (value is JsonObject single)
                    {
                        doc.StatementWasObject = true;
                        doc.Statements.Add(PolicyStatement.FromJson(single, 0));
                    }
                    else if (value is JsonArray arr)
                    {
                        for (var i = 0; i < arr.Count; i++)
                        {
                            if (arr[i] is not JsonObject st) throw new PolicyFormatException($"Statement[{i}] must be a JSON object.");
                            doc.Statements.Add(PolicyStatement.FromJson(st, i));
                        }
                    }
                    else throw new PolicyFormatException("Statement must be an object or an array of objects.");
                    break;
                default:
                    doc.ExtraFields[name] = value?.DeepClone();
                    break;
            }
        }
        return doc;
    }

    public static bool TryParse(string json, out PolicyDocument? document, out string? error)
    {
        try { document = Parse(json); error = null; return true; }
        catch (PolicyFormatException e) { document = null; error = e.Message; return false; }
    }

    public JsonObject ToJsonNode()
    {
        var fields = new List<KeyValuePair<string, JsonNode?>>();
        if (Version is not null)
            fields.Add(new("Version", _versionRaw is not null ? _versionRaw.DeepClone() : JsonValue.Create(Version)));
        if (StatementWasObject && Statements.Count == 1) fields.Add(new("Statement", Statements[0].ToJsonNode()));
        else fields.Add(new("Statement", new JsonArray(Statements.Select(s => (JsonNode)s.ToJsonNode()).ToArray())));
        foreach (var (k, v) in ExtraFields) fields.Add(new(k, v?.DeepClone()));
        return JsonFieldOrder.Build(fields, _keyOrder);
    }

    private static readonly JsonSerializerOptions Minified = new() { WriteIndented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Minified JSON: what is sent to RAM and what the 6,144 limit is measured on.</summary>
    public string ToJson() => ToJsonNode().ToJsonString(Minified);
    public string ToIndentedJson() => ToJsonNode().ToJsonString(Indented);
    public int MinifiedByteLength => Encoding.UTF8.GetByteCount(ToJson());

    /// <summary>A deep copy (same shape, same field order).</summary>
    public PolicyDocument Clone() => Parse(ToJson()) is var c ? CopyShape(c) : throw new InvalidOperationException();

    private PolicyDocument CopyShape(PolicyDocument c) { c.StatementWasObject = StatementWasObject; return c; }

    public override string ToString() => ToJson();
}

/// <summary>One statement. Action/NotAction/Resource/NotResource keep whether they were a string or an array.</summary>
public sealed class PolicyStatement
{
    public string? Effect { get; set; }
    public List<string>? Action { get; set; }
    public bool ActionWasString { get; set; }
    public List<string>? NotAction { get; set; }
    public bool NotActionWasString { get; set; }
    public List<string>? Resource { get; set; }
    public bool ResourceWasString { get; set; }
    public List<string>? NotResource { get; set; }
    public bool NotResourceWasString { get; set; }
    /// <summary>The Condition block, kept intact.</summary>
    public JsonNode? Condition { get; set; }
    /// <summary>Other statement fields (Sid, Principal...), kept as written.</summary>
    public Dictionary<string, JsonNode?> ExtraFields { get; } = new(StringComparer.Ordinal);

    /// <summary>The statement's Sid when it has a string one (kept in <see cref="ExtraFields"/>).</summary>
    public string? Sid => ExtraFields.TryGetValue("Sid", out var n) && n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private List<string>? _keyOrder;

    public bool HasCondition => Condition is not null;
    public bool IsAllow => string.Equals(Effect, "Allow", StringComparison.OrdinalIgnoreCase);
    public bool IsDeny => string.Equals(Effect, "Deny", StringComparison.OrdinalIgnoreCase);

    public static bool IsWildcard(string action) => action.IndexOfAny(new[] { '*', '?' }) >= 0;

    internal static PolicyStatement FromJson(JsonObject obj, int index)
    {
        var st = new PolicyStatement { _keyOrder = obj.Select(p => p.Key).ToList() };
        foreach (var (name, value) in obj)
        {
            switch (name)
            {
                case "Effect":
                    st.Effect = value is JsonValue v && v.TryGetValue<string>(out var e) ? e
                        : throw new PolicyFormatException($"Statement[{index}].Effect must be a string.");
                    break;
                case "Action": st.Action = ReadStrings(value, index, name, out var a); st.ActionWasString = a; break;
                case "NotAction": st.NotAction = ReadStrings(value, index, name, out var na); st.NotActionWasString = na; break;
                case "Resource": st.Resource = ReadStrings(value, index, name, out var r); st.ResourceWasString = r; break;
                case "NotResource": st.NotResource = ReadStrings(value, index, name, out var nr); st.NotResourceWasString = nr; break;
                case "Condition": st.Condition = value?.DeepClone(); break;
                default: st.ExtraFields[name] = value?.DeepClone(); break;
            }
        }
        return st;
    }

    private static List<string> ReadStrings(JsonNode? value, int index, string field, out bool wasString)
    {
        wasString = false;
        if (value is JsonValue v && v.TryGetValue<string>(out var s)) { wasString = true; return new List<string> { s }; }
        if (value is JsonArray arr)
        {
            var list = new List<string>(arr.Count);
            foreach (var item in arr)
            {
                if (item is JsonValue iv && iv.TryGetValue<string>(out var str)) list.Add(str);
                else throw new PolicyFormatException($"Statement[{index}].{field} must contain only strings.");
            }
            return list;
        }
        throw new PolicyFormatException($"Statement[{index}].{field} must be a string or an array of strings.");
    }

    public JsonObject ToJsonNode()
    {
        var fields = new List<KeyValuePair<string, JsonNode?>>();
        if (Effect is not null) fields.Add(new("Effect", JsonValue.Create(Effect)));
        Write(fields, "Action", Action, ActionWasString);
        Write(fields, "NotAction", NotAction, NotActionWasString);
        Write(fields, "Resource", Resource, ResourceWasString);
        Write(fields, "NotResource", NotResource, NotResourceWasString);
        if (Condition is not null) fields.Add(new("Condition", Condition.DeepClone()));
        foreach (var (k, v) in ExtraFields) fields.Add(new(k, v?.DeepClone()));
        return JsonFieldOrder.Build(fields, _keyOrder);
    }

    /// <summary>A deep copy that keeps shape and field order.</summary>
    public PolicyStatement Clone()
    {
        var copy = FromJson(ToJsonNode(), 0);
        copy.ActionWasString = ActionWasString;
        copy.NotActionWasString = NotActionWasString;
        copy.ResourceWasString = ResourceWasString;
        copy.NotResourceWasString = NotResourceWasString;
        return copy;
    }

    private static void Write(List<KeyValuePair<string, JsonNode?>> fields, string name, List<string>? values, bool asString)
    {
        if (values is null) return;
        fields.Add(new(name, asString && values.Count == 1 ? JsonValue.Create(values[0]) : new JsonArray(values.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray())));
    }
}

/// <summary>Lays out fields in the source order; fields the source did not have follow in the model's order.</summary>
internal static class JsonFieldOrder
{
    public static JsonObject Build(List<KeyValuePair<string, JsonNode?>> fields, List<string>? sourceOrder)
    {
        var obj = new JsonObject();
        if (sourceOrder is not null)
        {
            foreach (var key in sourceOrder)
            {
                var i = fields.FindIndex(f => f.Key == key);
                if (i < 0) continue;
                obj[key] = fields[i].Value;
                fields.RemoveAt(i);
            }
        }
        foreach (var (k, v) in fields) obj[k] = v;
        return obj;
    }
}

public sealed class PolicyFormatException : FormatException
{
    public PolicyFormatException(string message, Exception? inner = null) : base(message, inner) { }
}
