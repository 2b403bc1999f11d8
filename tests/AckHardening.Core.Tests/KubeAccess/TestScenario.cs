namespace AckHardening.Core.Tests.KubeAccess;

/// <summary>A small cluster with one workload per rollout behaviour the tests exercise.</summary>
internal static class TestScenario
{
    public const string ClusterId = "c-kubeaccess-test";
    public const string Token = "kubeaccess-test-token-5f1d2c3b4a";

    public const string Json = """
    {
      "clusters": {
        "c-kubeaccess-test": {
          "token": "kubeaccess-test-token-5f1d2c3b4a",
          "gitVersion": "v1.30.7-aliyun.1",
          "namespaces": ["default", "kube-system"],
          "objects": [
            { "kind": "Node", "metadata": { "name": "node-a", "labels": { "alibabacloud.com/nodepool-id": "np-one" } } },
            { "kind": "Node", "metadata": { "name": "node-b", "labels": { "alibabacloud.com/nodepool-id": "np-one" } } },
            { "kind": "Node", "metadata": { "name": "node-c", "labels": { "alibabacloud.com/nodepool-id": "np-two" } } },
            { "kind": "Deployment", "metadata": { "name": "web", "namespace": "kube-system" },
              "spec": { "replicas": 3, "template": { "spec": { "containers": [ { "name": "web", "image": "registry/acs/web:v1.0.0" } ] } } },
              "sandbox": { "secondsPerReplica": 10 } },
            { "kind": "Deployment", "metadata": { "name": "stuck", "namespace": "kube-system" },
              "spec": { "replicas": 2, "template": { "spec": { "containers": [ { "name": "stuck", "image": "registry/acs/stuck:v1" } ] } } },
              "sandbox": { "neverAvailable": true } },
            { "kind": "Deployment", "metadata": { "name": "deadline", "namespace": "kube-system" },
              "spec": { "replicas": 2, "progressDeadlineSeconds": 120, "template": { "spec": { "containers": [ { "name": "d", "image": "registry/acs/d:v1" } ] } } },
              "sandbox": { "exceedsProgressDeadline": true } },
            { "kind": "Deployment", "metadata": { "name": "held", "namespace": "kube-system" },
              "spec": { "paused": true, "template": { "spec": { "containers": [ { "name": "held", "image": "registry/acs/held:v1" } ] } } } },
            { "kind": "DaemonSet", "metadata": { "name": "agent", "namespace": "kube-system" },
              "spec": { "template": { "spec": { "containers": [ { "name": "agent", "image": "registry/acs/agent:v2" } ] } } },
              "sandbox": { "secondsPerReplica": 4 } },
            { "kind": "DaemonSet", "metadata": { "name": "legacy", "namespace": "kube-system" },
              "spec": { "updateStrategy": { "type": "OnDelete" }, "template": { "spec": { "containers": [ { "name": "legacy", "image": "registry/acs/legacy:v1" } ] } } } },
            { "kind": "StatefulSet", "metadata": { "name": "db", "namespace": "default" },
              "spec": { "replicas": 2, "template": { "spec": { "containers": [ { "name": "db", "image": "registry/db:v5" } ] } } } },
            { "kind": "ConfigMap", "metadata": { "name": "eni-config", "namespace": "kube-system" },
              "data": { "eni_conf": "{\n  \"version\": \"1\",\n  \"min_pool_size\": 0\n}\n" } },
            { "kind": "Secret", "metadata": { "name": "addon.network.token", "namespace": "kube-system" },
              "stringData": { "addon.token.config": "{\"error\":{\"roleName\":\"AliyunCSManagedNetworkRole\",\"code\":\"EntityNotExist.Role\",\"message\":\"gone\"}}" } },
            { "kind": "Pod", "metadata": { "name": "agent-x1", "namespace": "kube-system", "labels": { "app": "agent" } }, "spec": { "containers": [ { "name": "agent", "image": "registry/acs/agent:v2" } ] } },
            { "kind": "Pod", "metadata": { "name": "web-y2", "namespace": "kube-system", "labels": { "app": "web" } }, "spec": { "containers": [ { "name": "web", "image": "registry/acs/web:v1.0.0" } ] } }
          ]
        }
      }
    }
    """;
}
