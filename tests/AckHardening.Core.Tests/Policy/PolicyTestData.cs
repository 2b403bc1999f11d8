using AckHardening.Audit;
using AckHardening.Policy;

namespace AckHardening.Core.Tests.Policy;

internal static class PolicyTestData
{
    public static readonly DateTimeOffset T0 = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Builds a document from single-quoted JSON (quotes swapped for readability in tables).</summary>
    public static PolicyDocument Doc(string json) => PolicyDocument.Parse(json.Replace('\'', '"'));

    public static AckRoleActivity Used(string action, long count = 3, long denied = 0, int day = 1) => new()
    {
        RoleName = "KubernetesWorkerRole-test",
        Action = action,
        Count = count,
        DeniedCount = denied,
        LastSeen = T0.AddDays(day),
        Source = ActivitySource.Sls,
    };

    public static AckRoleActivity Denied(string action, long denied = 2) => Used(action, 0, denied);

    /// <summary>The broad historical worker policy (older ROS template default), in its real shape.</summary>
    public const string BroadWorkerPolicy = """
    {"Version":"1","Statement":[
      {"Action":["ecs:AttachDisk","ecs:DetachDisk","ecs:DescribeDisks","ecs:CreateDisk","ecs:CreateSnapshot","ecs:DeleteDisk",
                 "ecs:CreateNetworkInterface","ecs:DescribeNetworkInterfaces","ecs:AttachNetworkInterface","ecs:AssignPrivateIpAddresses",
                 "ecs:DetachNetworkInterface","ecs:DeleteNetworkInterface","ecs:DescribeInstanceAttribute"],"Resource":["*"],"Effect":"Allow"},
      {"Action":["cr:Get*","cr:List*","cr:PullRepository"],"Resource":["*"],"Effect":"Allow"},
      {"Action":["eci:CreateContainerGroup","eci:DeleteContainerGroup","eci:DescribeContainerGroups","eci:DescribeContainerLog"],"Resource":["*"],"Effect":"Allow"},
      {"Action":["log:*"],"Resource":["*"],"Effect":"Allow"},
      {"Action":["cms:*"],"Resource":["*"],"Effect":"Allow"},
      {"Action":["vpc:*"],"Resource":["*"],"Effect":"Allow"}
    ]}
    """;
}
