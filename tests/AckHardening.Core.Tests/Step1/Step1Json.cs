using System.Text.Json;

namespace AckHardening.Core.Tests.Step1;

/// <summary>Response bodies shaped as the CS and RAM references show them (snake_case ROA, PascalCase RPC).</summary>
internal static class Step1Json
{
    public const string ProId = "c5b1e8f2a3d4c6e7f8091a2b3c4d5e6f7";
    public const string BasicId = "c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a";
    public const string DedicatedId = "c1a2b3c4d5e6f708192a3b4c5d6e7f809";
    public const string ProRole = "KubernetesWorkerRole-4a9e2f1c-7b3d-4e8a-9c6f-1d2e3f4a5b6c";
    public const string BasicRole = "KubernetesWorkerRole-0b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e";
    public const string ProPolicy = "k8sWorkerRolePolicy-4a9e2f1c-7b3d-4e8a-9c6f-1d2e3f4a5b6c";

    public static string Cluster(string id, string name, string type, string? spec, string? profile, string? role, bool withRole = true) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["cluster_id"] = id,
            ["name"] = name,
            ["cluster_type"] = type,
            ["cluster_spec"] = spec,
            ["profile"] = profile,
            ["region_id"] = "cn-hangzhou",
            ["state"] = "running",
            ["current_version"] = "1.30.7-aliyun.1",
            ["created"] = "2023-05-10T08:00:00+08:00",
            ["vpc_id"] = "vpc-bp1",
            ["deletion_protection"] = true,
            ["meta_data"] = "{\"Capabilities\":{}}",
            ["tags"] = new[] { new { key = "env", value = "prod" } },
            ["worker_ram_role_name"] = withRole ? role : null,
        });

    public static string Page(IEnumerable<string> clusters, int page, int size, int total) =>
        $"{{\"clusters\":[{string.Join(",", clusters)}],\"page_info\":{{\"page_number\":{page},\"page_size\":{size},\"total_count\":{total}}}}}";

    public static string NodePool(string id, string name, bool isDefault, string? role) =>
        JsonSerializer.Serialize(new
        {
            nodepool_info = new { nodepool_id = id, name, is_default = isDefault, type = "ess", region_id = "cn-hangzhou" },
            status = new { state = "active", total_nodes = 3, healthy_nodes = 3 },
            scaling_group = new { desired_size = 3, instance_types = new[] { "ecs.g7.xlarge" }, ram_role_name = role },
            auto_scaling = new { enable = false, min_instances = 0, max_instances = 0 },
        });

    public static string NodePools(params string[] pools) => $"{{\"nodepools\":[{string.Join(",", pools)}]}}";

    public const string BroadDocument =
        "{\"Version\":\"1\",\"Statement\":[{\"Action\":[\"ecs:AttachDisk\",\"ecs:DescribeInstances\",\"log:*\"],\"Resource\":[\"*\"],\"Effect\":\"Allow\"},"
        + "{\"Action\":\"cr:Get*\",\"Resource\":\"acs:cr:*:*:*\",\"Effect\":\"Allow\",\"Condition\":{\"StringEquals\":{\"acs:SourceVpc\":\"vpc-bp1\"}}},"
        + "{\"NotAction\":[\"ram:*\"],\"Resource\":\"*\",\"Effect\":\"Deny\"}]}";

    public static string Role(string name) => JsonSerializer.Serialize(new
    {
        RequestId = "req-role",
        Role = new
        {
            RoleId = "3000000000000001",
            RoleName = name,
            Arn = $"acs:ram::1234567890123456:role/{name}",
            Description = "worker role",
            AssumeRolePolicyDocument = "{\"Statement\":[{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":[\"ecs.aliyuncs.com\"]}}],\"Version\":\"1\"}",
            CreateDate = "2023-05-10T00:00:00Z",
            UpdateDate = "2023-05-10T00:00:00Z",
            MaxSessionDuration = 3600,
        },
    });

    public static string Attached(params (string Name, string Type, string Version)[] policies) => JsonSerializer.Serialize(new
    {
        RequestId = "req-list",
        Policies = new
        {
            Policy = policies.Select(p => new { PolicyName = p.Name, PolicyType = p.Type, Description = "d", DefaultVersion = p.Version, AttachDate = "2023-05-10T00:00:01Z" }).ToArray(),
        },
    });

    public static string PolicyJson(string name, string type, string version, string? document) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["RequestId"] = "req-policy",
        ["Policy"] = new { PolicyName = name, PolicyType = type, Description = "historical worker policy", DefaultVersion = version, CreateDate = "2023-05-10T00:00:00Z", UpdateDate = "2024-01-01T00:00:00Z", AttachmentCount = 1 },
        ["DefaultPolicyVersion"] = document is null ? null : new { VersionId = version, IsDefaultVersion = true, CreateDate = "2024-01-01T00:00:00Z", PolicyDocument = document },
    });
}
