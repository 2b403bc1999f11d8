using System.Text.Json.Nodes;

namespace AckHardening.Sandbox.Pipeline;

/// <summary>Renders an error in each service family's own body shape.</summary>
public static class ErrorEnvelope
{
    public static ApiResult Render(SandboxService service, ApiException error, string requestId)
    {
        JsonObject body = service.Style switch
        {
            // POP RPC (RAM, STS, ActionTrail): PascalCase with HostId and a troubleshooting link.
            ApiStyle.Rpc => new JsonObject
            {
                ["RequestId"] = requestId,
                ["HostId"] = service.HostId,
                ["Code"] = error.Code,
                ["Message"] = error.Message,
                ["Recommend"] = $"https://api.aliyun.com/troubleshoot?q={Uri.EscapeDataString(error.Code)}&product={service.Name}&requestId={requestId}",
            },
            // ROA (CS): lower-case keys; whether the real body carries more members (status, data) is unverified.
            ApiStyle.Roa => new JsonObject { ["code"] = error.Code, ["message"] = error.Message, ["requestId"] = requestId },
            ApiStyle.Sls => new JsonObject { ["errorCode"] = error.Code, ["errorMessage"] = error.Message },
            ApiStyle.Kubernetes => new JsonObject
            {
                ["kind"] = "Status", ["apiVersion"] = "v1", ["metadata"] = new JsonObject(),
                ["status"] = "Failure", ["message"] = error.Message, ["reason"] = error.Code, ["code"] = error.Status,
            },
            _ => new JsonObject { ["error"] = error.Code, ["message"] = error.Message },
        };
        if (error.Extra is not null)
            foreach (var (k, v) in error.Extra) body[k] = v?.DeepClone();
        var result = ApiResult.WithStatus(error.Status, body);
        foreach (var (k, v) in error.Headers) result.Headers[k] = v;
        return result;
    }
}
