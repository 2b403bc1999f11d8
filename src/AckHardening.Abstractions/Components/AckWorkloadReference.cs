namespace AckHardening.Components;

/// <summary>One workload the procedure restarts, e.g. kube-system/Deployment/metrics-server.</summary>
public sealed class AckWorkloadReference : IEquatable<AckWorkloadReference>
{
    public AckWorkloadReference() { }

    public AckWorkloadReference(string @namespace, WorkloadKind kind, string name)
    {
        Namespace = @namespace;
        Kind = kind;
        Name = name;
    }

    public string Namespace { get; set; } = "kube-system";
    public WorkloadKind Kind { get; set; }
    public string Name { get; set; } = "";

    /// <summary>The kubectl resource form, e.g. "deployment/metrics-server".</summary>
    public string KubectlTarget => $"{Kind.ToString().ToLowerInvariant()}/{Name}";

    /// <summary>Joins references into the flat form used by the Workloads column.</summary>
    public static string Join(IEnumerable<AckWorkloadReference> workloads) => string.Join("; ", workloads);

    public override string ToString() => $"{Namespace}/{KubectlTarget}";

    public bool Equals(AckWorkloadReference? other) =>
        other is not null && Kind == other.Kind &&
        string.Equals(Namespace, other.Namespace, StringComparison.Ordinal) &&
        string.Equals(Name, other.Name, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as AckWorkloadReference);

    public override int GetHashCode() => HashCode.Combine(Namespace, Kind, Name);
}
