using System.Management.Automation;
using AckHardening.Components;
using AckHardening.Core.Errors;
using AckHardening.PowerShell.Infrastructure;

namespace AckHardening.PowerShell.Commands;

/// <summary>Get-AckComponentCatalog: the components the procedure covers, from the built-in catalog or -CatalogPath.</summary>
[Cmdlet(VerbsCommon.Get, "AckComponentCatalog")]
[OutputType(typeof(AckComponentCatalogEntry))]
public sealed class GetAckComponentCatalogCommand : AckCmdlet
{
    [Parameter(Position = 0)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    [Parameter]
    public ComponentCategory[]? Category { get; set; }

    /// <summary>A catalog file (YAML or JSON) in the built-in catalog's schema.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CatalogPath { get; set; }

    protected override void EndProcessing()
    {
        var catalog = ComponentCmdletSupport.LoadCatalogOrStop(this, CatalogPath);
        WriteVerbose($"Component catalog: {catalog.Source} ({catalog.Entries.Count} components).");

        var patterns = Name?.Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant)).ToList();
        var matched = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in catalog.Entries)
        {
            if (Category is { Length: > 0 } && !Category.Contains(entry.Category)) continue;
            if (patterns is not null)
            {
                var hits = Name!.Where((n, i) => patterns[i].IsMatch(entry.Name)).ToList();
                if (hits.Count == 0) continue;
                foreach (var h in hits) matched.Add(h);
            }
            WriteObject(entry);
        }

        foreach (var name in Name ?? [])
        {
            if (!matched.Contains(name) && !WildcardPattern.ContainsWildcardCharacters(name))
                WriteAckError(new AckException("AckComponentNotInCatalog", AckErrorKind.ObjectNotFound,
                    $"The component catalog ({catalog.Source}) has no component named '{name}'.", name), name);
        }
    }
}
