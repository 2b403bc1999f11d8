using AckHardening.Components;
using AckHardening.Core.Errors;

namespace AckHardening.Core.Components;

/// <summary>One workload to restart, and the component it belongs to (for the result and messages).</summary>
public sealed record RedeployTarget(string? ClusterId, string Component, AckWorkloadReference Workload)
{
    public override string ToString() => $"{Component}: {Workload}";
}

/// <summary>Turns components (and optional explicit workload lists) into the ordered, de-duplicated targets of a redeploy.</summary>
public static class RedeployTargets
{
    /// <summary>
    /// The workloads of <paramref name="component"/>: <paramref name="workloads"/> when given (e.g. piped from
    /// Test-AckComponentVersion), else the catalog's list. An unknown component without workloads is an error.
    /// </summary>
    public static IReadOnlyList<RedeployTarget> For(string? clusterId, string component, IEnumerable<AckWorkloadReference>? workloads, ComponentCatalog catalog)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(component);
        ArgumentNullException.ThrowIfNull(catalog);
        var given = workloads?.Where(w => w is not null && !string.IsNullOrWhiteSpace(w.Name)).ToList();
        IReadOnlyList<AckWorkloadReference> list;
        if (given is { Count: > 0 })
        {
            list = given;
        }
        else
        {
            var entry = catalog.Find(component) ?? throw new AckException(RedeployErrorIds.ComponentUnknown, AckErrorKind.ObjectNotFound,
                $"Component '{component}' is not in the component catalog ({catalog.Source}), so its workloads are unknown; pass -WorkloadList or use a catalog that lists it.",
                component);
            list = entry.WorkloadList;
            component = entry.Name;
        }

        var seen = new HashSet<AckWorkloadReference>();
        var targets = new List<RedeployTarget>();
        foreach (var w in list)
        {
            var normalized = new AckWorkloadReference(string.IsNullOrWhiteSpace(w.Namespace) ? "kube-system" : w.Namespace, w.Kind, w.Name);
            if (seen.Add(normalized)) targets.Add(new RedeployTarget(clusterId, component, normalized));
        }
        return targets;
    }
}
