using AckHardening.Core.Components;

namespace AckHardening.PowerShell.Commands;

/// <summary>Catalog loading shared by the component cmdlets (-CatalogPath or the built-in catalog).</summary>
internal static class ComponentSupport
{
    public static ComponentCatalog LoadCatalog(string? path, Func<string, string> resolvePath) =>
        string.IsNullOrWhiteSpace(path) ? ComponentCatalog.LoadBuiltIn() : ComponentCatalog.LoadFile(resolvePath(path));
}
