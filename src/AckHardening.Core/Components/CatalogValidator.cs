using System.Text.RegularExpressions;
using AckHardening.Components;

namespace AckHardening.Core.Components;

/// <summary>Turns a deserialized catalog into entries, collecting every problem with its entry and field.</summary>
internal static partial class CatalogValidator
{
    private const string DefaultNamespace = "kube-system";

    [GeneratedRegex("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")]
    private static partial Regex KubernetesName();

    // RAM role names: letters, digits, '.', '-', at most 64 characters.
    [GeneratedRegex("^[A-Za-z0-9.-]{1,64}$")]
    private static partial Regex RoleName();

    public static ComponentCatalog Validate(CatalogDocument document, string source)
    {
        var errors = new List<string>();

        if (document.SchemaVersion is { } schema && schema.Trim() != "1")
            errors.Add($"schemaVersion: '{schema}' is not supported (expected 1)");

        var entries = new List<AckComponentCatalogEntry>();
        if (document.Components is null || document.Components.Count == 0)
        {
            errors.Add("components: the catalog has no components");
        }
        else
        {
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < document.Components.Count; i++)
            {
                var entry = ValidateEntry(document.Components[i], i, errors);
                if (entry is null)
                    continue;
                if (!seen.Add(entry.Name))
                    errors.Add($"{Label(i, entry.Name)}: name: '{entry.Name}' appears more than once");
                entries.Add(entry);
            }
        }

        var variants = ValidateTerwayVariants(document.TerwayVariants, entries, errors);

        if (errors.Count > 0)
            throw new CatalogValidationException(source, errors);
        return new ComponentCatalog(source, entries, variants);
    }

    private static AckComponentCatalogEntry? ValidateEntry(CatalogEntryDocument? doc, int index, List<string> errors)
    {
        if (doc is null)
        {
            errors.Add($"components[{index}]: the entry is empty");
            return null;
        }

        var name = doc.Name?.Trim() ?? "";
        var label = Label(index, name);
        var before = errors.Count;

        if (name.Length == 0)
            errors.Add($"{label}: name: required");
        else if (!KubernetesName().IsMatch(name))
            errors.Add($"{label}: name: '{name}' is not a valid component name (lowercase letters, digits, '-', '.')");

        var category = ParseEnum<ComponentCategory>(doc.Category, label, "category", errors, required: true);

        var minimum = doc.MinimumVersion?.Trim() ?? "";
        if (minimum.Length == 0)
            errors.Add($"{label}: minimumVersion: required");
        else if (!ComponentVersion.TryParse(minimum, out _, out var reason))
            errors.Add($"{label}: minimumVersion: {reason}");

        var versionSource = ParseEnum<VersionSource>(doc.VersionSource, label, "versionSource", errors, required: false) ?? VersionSource.AddonApi;
        var imageName = string.IsNullOrWhiteSpace(doc.ImageName) ? null : doc.ImageName.Trim();
        if (versionSource == VersionSource.ImageTag && imageName is null)
            errors.Add($"{label}: imageName: required when versionSource is ImageTag");
        if (versionSource == VersionSource.AddonApi && imageName is not null)
            errors.Add($"{label}: imageName: only used when versionSource is ImageTag");
        if (imageName is not null && (imageName.Contains(':') || imageName.Contains('@')))
            errors.Add($"{label}: imageName: '{imageName}' must be a repository path without tag or digest (e.g. acs/autoscaler)");

        var role = string.IsNullOrWhiteSpace(doc.ServiceRole) ? null : doc.ServiceRole.Trim();
        if (role is not null && !RoleName().IsMatch(role))
            errors.Add($"{label}: serviceRole: '{role}' is not a valid RAM role name");
        var evidence = ParseEnum<ServiceRoleEvidence>(doc.ServiceRoleEvidence, label, "serviceRoleEvidence", errors, required: false)
            ?? ServiceRoleEvidence.Unverified;

        var workloads = ValidateWorkloads(doc.Workloads, label, errors);

        var remarkKinds = new List<RemarkKind>();
        foreach (var raw in doc.RemarkKinds ?? [])
        {
            var kind = ParseEnum<RemarkKind>(raw, label, "remarkKinds", errors, required: true);
            if (kind is { } k && !remarkKinds.Contains(k))
                remarkKinds.Add(k);
        }
        if (remarkKinds.Contains(RemarkKind.GrantServiceRoleFirst) && role is null)
            errors.Add($"{label}: remarkKinds: GrantServiceRoleFirst needs a serviceRole");

        if (errors.Count > before)
            return null;

        return new AckComponentCatalogEntry
        {
            Name = name,
            Category = category!.Value,
            MinimumVersion = minimum,
            VersionSource = versionSource,
            ImageName = imageName,
            ServiceRole = role,
            ServiceRoleEvidence = evidence,
            WorkloadList = workloads,
            RemarkKindList = remarkKinds,
            Remarks = doc.Remarks?.Trim() ?? "",
        };
    }

    private static List<AckWorkloadReference> ValidateWorkloads(List<CatalogWorkloadDocument?>? docs, string label, List<string> errors)
    {
        var result = new List<AckWorkloadReference>();
        if (docs is null || docs.Count == 0)
        {
            errors.Add($"{label}: workloads: at least one workload is required");
            return result;
        }

        for (var w = 0; w < docs.Count; w++)
        {
            var field = $"workloads[{w}]";
            var doc = docs[w];
            if (doc is null)
            {
                errors.Add($"{label}: {field}: the workload is empty");
                continue;
            }

            var ns = string.IsNullOrWhiteSpace(doc.Namespace) ? DefaultNamespace : doc.Namespace.Trim();
            if (!KubernetesName().IsMatch(ns) || ns.Contains('.') || ns.Length > 63)
                errors.Add($"{label}: {field}.namespace: '{ns}' is not a valid namespace");

            var kind = ParseEnum<WorkloadKind>(doc.Kind, label, $"{field}.kind", errors, required: true);

            var name = doc.Name?.Trim() ?? "";
            if (name.Length == 0)
                errors.Add($"{label}: {field}.name: required");
            else if (!KubernetesName().IsMatch(name) || name.Length > 253)
                errors.Add($"{label}: {field}.name: '{name}' is not a valid workload name");

            if (kind is { } k && name.Length > 0)
                result.Add(new AckWorkloadReference(ns, k, name));
        }
        return result;
    }

    private static List<string> ValidateTerwayVariants(List<string>? variants, List<AckComponentCatalogEntry> entries, List<string> errors)
    {
        // Without an explicit list, the entries that ask for the eni-config check are the variants.
        if (variants is null)
            return entries.Where(e => e.HasRemark(RemarkKind.CheckTerwayConfig)).Select(e => e.Name).ToList();

        var result = new List<string>();
        for (var i = 0; i < variants.Count; i++)
        {
            var name = variants[i]?.Trim() ?? "";
            if (name.Length == 0)
                errors.Add($"terwayVariants[{i}]: empty name");
            else if (!entries.Any(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase)))
                errors.Add($"terwayVariants[{i}]: '{name}' is not a component of the catalog");
            else
                result.Add(name);
        }
        return result;
    }

    private static TEnum? ParseEnum<TEnum>(string? raw, string label, string field, List<string> errors, bool required)
        where TEnum : struct, Enum
    {
        var value = raw?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            if (required)
                errors.Add($"{label}: {field}: required (one of {string.Join(", ", Enum.GetNames<TEnum>())})");
            return null;
        }
        // Names only: Enum.TryParse would also accept numbers such as "3".
        foreach (var name in Enum.GetNames<TEnum>())
        {
            if (string.Equals(name, value, StringComparison.OrdinalIgnoreCase))
                return Enum.Parse<TEnum>(name);
        }
        errors.Add($"{label}: {field}: '{value}' is not one of {string.Join(", ", Enum.GetNames<TEnum>())}");
        return null;
    }

    private static string Label(int index, string name) =>
        name.Length == 0 ? $"components[{index}]" : $"components[{index}] '{name}'";
}
