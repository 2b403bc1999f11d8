using System.Text;
using System.Text.Json;
using AckHardening.Components;
using AckHardening.Core.Errors;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace AckHardening.Core.Components;

/// <summary>File formats a catalog may be written in.</summary>
public enum CatalogFormat
{
    /// <summary>Decide from the file extension, then from the first character (a '{' means JSON).</summary>
    Auto,
    Yaml,
    Json,
}

/// <summary>
/// The components the hardening procedure covers. The built-in catalog ships as an embedded YAML resource;
/// a user catalog (-CatalogPath) uses the same schema in YAML or JSON.
/// </summary>
public sealed class ComponentCatalog
{
    public const string BuiltInSource = "built-in";
    private const string ResourceName = "AckHardening.Core.Components.ComponentCatalog.yaml";

    internal ComponentCatalog(string source, IReadOnlyList<AckComponentCatalogEntry> entries, IReadOnlyList<string> terwayVariants)
    {
        Source = source;
        Entries = entries;
        TerwayVariants = terwayVariants;
    }

    /// <summary>"built-in" or the path the catalog was read from.</summary>
    public string Source { get; }

    /// <summary>The entries in catalog order (the order the procedure upgrades them in).</summary>
    public IReadOnlyList<AckComponentCatalogEntry> Entries { get; }

    /// <summary>Names of the Terway DaemonSet variants (terway, terway-eni, terway-eniip).</summary>
    public IReadOnlyList<string> TerwayVariants { get; }

    /// <summary>The entry with this addon name (case-insensitive), or null.</summary>
    public AckComponentCatalogEntry? Find(string name) =>
        Entries.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));

    public bool IsTerwayVariant(string name) =>
        TerwayVariants.Any(v => string.Equals(v, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The built-in catalog text, for users who want a starting point for their own file.</summary>
    public static string ReadBuiltInText()
    {
        using var stream = typeof(ComponentCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>Parses the built-in catalog. Each call returns fresh entries that the caller may change.</summary>
    public static ComponentCatalog LoadBuiltIn() => Parse(ReadBuiltInText(), CatalogFormat.Yaml, BuiltInSource);

    /// <summary>Reads and validates a user catalog file.</summary>
    public static ComponentCatalog LoadFile(string path, CatalogFormat format = CatalogFormat.Auto)
    {
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new AckException("AckComponentCatalogNotFound", AckErrorKind.ObjectNotFound,
                $"The component catalog file '{path}' does not exist.", path, ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new AckException("AckComponentCatalogUnreadable", AckErrorKind.ReadError,
                $"The component catalog file '{path}' cannot be read: {ex.Message}", path, ex);
        }

        if (format == CatalogFormat.Auto)
        {
            var extension = Path.GetExtension(path);
            if (extension.Equals(".json", StringComparison.OrdinalIgnoreCase))
                format = CatalogFormat.Json;
            else if (extension.Equals(".yaml", StringComparison.OrdinalIgnoreCase) || extension.Equals(".yml", StringComparison.OrdinalIgnoreCase))
                format = CatalogFormat.Yaml;
        }
        return Parse(text, format, path);
    }

    /// <summary>Parses and validates catalog text; throws <see cref="CatalogValidationException"/> listing every problem.</summary>
    public static ComponentCatalog Parse(string text, CatalogFormat format, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (format == CatalogFormat.Auto)
            format = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n').StartsWith('{') ? CatalogFormat.Json : CatalogFormat.Yaml;

        var document = format == CatalogFormat.Json ? DeserializeJson(text, source) : DeserializeYaml(text, source);
        return CatalogValidator.Validate(document, source);
    }

    private static CatalogDocument DeserializeYaml(string text, string source)
    {
        var deserializer = new DeserializerBuilder()
            .WithNamingConvention(CamelCaseNamingConvention.Instance)
            .Build();
        try
        {
            return deserializer.Deserialize<CatalogDocument?>(text)
                ?? throw new CatalogValidationException(source, ["the catalog is empty"]);
        }
        catch (YamlException ex)
        {
            // YamlDotNet wraps the useful part (e.g. an unknown property) in the innermost exception.
            var detail = ex.InnerException is YamlException inner ? inner.Message : ex.Message;
            throw new CatalogValidationException(source,
                [$"line {ex.Start.Line}, column {ex.Start.Column}: {Describe(detail)}"], ex);
        }
    }

    private static CatalogDocument DeserializeJson(string text, string source)
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            PropertyNameCaseInsensitive = true,
            UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        };
        try
        {
            return JsonSerializer.Deserialize<CatalogDocument>(text, options)
                ?? throw new CatalogValidationException(source, ["the catalog is empty"]);
        }
        catch (JsonException ex)
        {
            var where = ex.Path is null ? "" : $"{ex.Path.TrimStart('$', '.')}: ";
            var line = ex.LineNumber is { } l ? $"line {l + 1}: " : "";
            throw new CatalogValidationException(source, [$"{line}{where}{FirstSentence(ex.Message)}"], ex);
        }
    }

    // YamlDotNet says "Property 'x' not found on type 'AckHardening.Core.Components.CatalogEntryDocument'.";
    // users know the schema, not our types.
    private static string Describe(string message)
    {
        const string marker = "not found on type";
        var at = message.IndexOf(marker, StringComparison.Ordinal);
        return at > 0 ? message[..at].Trim().Replace("Property", "unknown field", StringComparison.Ordinal) : message;
    }

    private static string FirstSentence(string message)
    {
        var path = message.IndexOf(" Path:", StringComparison.Ordinal);
        return path > 0 ? message[..path] : message;
    }
}
