namespace AckHardening.Core.Components;

// The on-disk shape of a component catalog (YAML or JSON). Every scalar is a string so that the validator,
// not the deserializer, reports a bad value with the entry and field it belongs to.

public sealed class CatalogDocument
{
    public string? SchemaVersion { get; set; }
    public List<string>? TerwayVariants { get; set; }
    public List<CatalogEntryDocument?>? Components { get; set; }
}

public sealed class CatalogEntryDocument
{
    public string? Name { get; set; }
    public string? Category { get; set; }
    public string? MinimumVersion { get; set; }
    public string? VersionSource { get; set; }
    public string? ImageName { get; set; }
    public string? ServiceRole { get; set; }
    public string? ServiceRoleEvidence { get; set; }
    public List<CatalogWorkloadDocument?>? Workloads { get; set; }
    public List<string>? RemarkKinds { get; set; }
    public string? Remarks { get; set; }
}

public sealed class CatalogWorkloadDocument
{
    public string? Namespace { get; set; }
    public string? Kind { get; set; }
    public string? Name { get; set; }
}
