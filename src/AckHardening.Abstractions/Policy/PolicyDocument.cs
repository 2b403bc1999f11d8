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
    public string? Version { get; set; }
    public List<PolicyStatement> Statements { get; } = new();
    /// <summary>True when the source had Statement as a single object rather than an array.</summary>
    public bool StatementWasObject { get; set; }
    /// <summary>Top-level fields other than Version and Statement, kept as written.</summary>
    public Dictionary<string, JsonNode?> ExtraFields { get; } = new(StringComparer.Ordinal);

    public int StatementCount => Statements.Count;
    public int ActionCount => Statements.Sum(s => (s.Action?.Count ?? 0) + (s.NotAction?.Count ?? 0));
    public int WildcardActionCount => Statements.Sum(s => (s.Action ?? new()).Concat(s.NotAction ?? new()).Count(PolicyStatement.IsWildcard));

    /// <summary>Parses a document; throws <see cref="PolicyFormatException"/> naming what is wrong.</summary>
    public static PolicyDocument Parse(string json)
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
        foreach (var (name, value) in obj)
        {
            switch (name)
            {
                case "Version":
                    doc.Version = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value?.ToJsonString();
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
        var obj = new JsonObject();
        if (Version is not null) obj["Version"] = Version;
        if (StatementWasObject && Statements.Count == 1) obj["Statement"] = Statements[0].ToJsonNode();
        else obj["Statement"] = new JsonArray(Statements.Select(s => (JsonNode)s.ToJsonNode()).ToArray());
        foreach (var (k, v) in ExtraFields) obj[k] = v?.DeepClone();
        return obj;
    }

    private static readonly JsonSerializerOptions Minified = new() { WriteIndented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Minified JSON: what is sent to RAM and what the 6,144 limit is measured on.</summary>
    public string ToJson() => ToJsonNode().ToJsonString(Minified);
    public string ToIndentedJson() => ToJsonNode().ToJsonString(Indented);
    public int MinifiedByteLength => Encoding.UTF8.GetByteCount(ToJson());

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

    public bool HasCondition => Condition is not null;
    public bool IsAllow => string.Equals(Effect, "Allow", StringComparison.OrdinalIgnoreCase);
    public bool IsDeny => string.Equals(Effect, "Deny", StringComparison.OrdinalIgnoreCase);

    public static bool IsWildcard(string action) => action.IndexOfAny(new[] { '*', '?' }) >= 0;

    internal static PolicyStatement FromJson(JsonObject obj, int index)
    {
        var st = new PolicyStatement();
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
        var obj = new JsonObject();
        if (Effect is not null) obj["Effect"] = Effect;
        Write(obj, "Action", Action, ActionWasString);
        Write(obj, "NotAction", NotAction, NotActionWasString);
        Write(obj, "Resource", Resource, ResourceWasString);
        Write(obj, "NotResource", NotResource, NotResourceWasString);
        if (Condition is not null) obj["Condition"] = Condition.DeepClone();
        foreach (var (k, v) in ExtraFields) obj[k] = v?.DeepClone();
        return obj;
    }

    private static void Write(JsonObject obj, string name, List<string>? values, bool asString)
    {
        if (values is null) return;
        obj[name] = asString && values.Count == 1 ? JsonValue.Create(values[0]) : new JsonArray(values.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray());
    }
}

public sealed class PolicyFormatException : FormatException
{
    public PolicyFormatException(string message, Exception? inner = null) : base(message, inner) { }
}
