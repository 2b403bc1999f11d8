using AckHardening.Core.Errors;

namespace AckHardening.Core.Components;

/// <summary>A component catalog that cannot be used; <see cref="Errors"/> names each bad entry and field.</summary>
public sealed class CatalogValidationException : AckException
{
    public const string Id = "AckComponentCatalogInvalid";

    public CatalogValidationException(string source, IReadOnlyList<string> errors, Exception? inner = null)
        : base(Id, AckErrorKind.InvalidData, BuildMessage(source, errors), source, inner)
    {
        Source = source;
        Errors = errors;
        RecommendedAction = "Fix the listed fields in the catalog file; the built-in catalog shows the expected schema.";
    }

    /// <summary>Where the catalog came from (a path, or "built-in").</summary>
    public new string Source { get; }

    public IReadOnlyList<string> Errors { get; }

    private static string BuildMessage(string source, IReadOnlyList<string> errors) =>
        $"The component catalog '{source}' is invalid ({errors.Count} problem(s)): " + string.Join(" | ", errors);
}
