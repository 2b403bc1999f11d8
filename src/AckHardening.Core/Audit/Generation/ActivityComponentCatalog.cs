namespace AckHardening.Core.Audit.Generation;

/// <summary>
/// Typical calls of the node components that use the worker role (rates are plausible orders of magnitude, for
/// tests and benchmarks, not measurements). Service names use the PascalCase product codes seen in events.
/// </summary>
public static class ActivityComponentCatalog
{
    public static IReadOnlyList<ActivityComponentSpec> BuiltIn { get; } =
    [
        Component("eni",
            ("Ecs", "DescribeNetworkInterfaces", 6), ("Ecs", "AssignPrivateIpAddresses", 0.5), ("Ecs", "UnassignPrivateIpAddresses", 0.3),
            ("Ecs", "CreateNetworkInterface", 0.1), ("Ecs", "AttachNetworkInterface", 0.1), ("Ecs", "DeleteNetworkInterface", 0.05),
            ("Vpc", "DescribeVSwitches", 1)),
        Component("disk",
            ("Ecs", "DescribeDisks", 4), ("Ecs", "AttachDisk", 0.2), ("Ecs", "DetachDisk", 0.2), ("Ecs", "CreateDisk", 0.05)),
        Component("image",
            ("Cr", "GetAuthorizationToken", 2), ("Cr", "ListInstanceEndpoint", 0.5)),
        Component("log",
            ("Sls", "GetProject", 1), ("Sls", "GetLogStore", 1), ("Sls", "ListMachineGroup", 0.2)),
        Component("monitoring",
            ("Cms", "PutCustomMetric", 12), ("Cms", "DescribeMetricList", 1)),
        Component("node",
            ("Ecs", "DescribeInstances", 2), ("Ecs", "DescribeInstanceAttribute", 0.5)),
    ];

    private static ActivityComponentSpec Component(string name, params (string Service, string Event, double Rate)[] calls) => new()
    {
        Name = name,
        Calls = calls.Select(c => new ActivityCallSpec { ServiceName = c.Service, EventName = c.Event, PerInstancePerHour = c.Rate }).ToList(),
    };

    /// <summary>The component of that name: the spec's own definition first, then the catalog.</summary>
    public static ActivityComponentSpec Resolve(ActivitySpec spec, string name) =>
        spec.Components.FirstOrDefault(c => c.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
        ?? BuiltIn.FirstOrDefault(c => c.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown activity component '{name}'.", nameof(name));
}
