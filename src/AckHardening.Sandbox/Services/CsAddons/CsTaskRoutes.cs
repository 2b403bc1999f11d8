using System.Text.Json.Nodes;
using AckHardening.Sandbox.Infrastructure;
using AckHardening.Sandbox.Pipeline;

namespace AckHardening.Sandbox.Services.CsAddons;

/// <summary>
/// DescribeTaskInfo for the tasks UpgradeClusterAddons creates. The task runs for the scenario's upgradeSeconds of
/// simulated time, then ends in "success" or, when addons.json marks the addon's upgrade as failing, "fail" with an
/// error object. The task_type value and the unknown-task code are unverified.
/// </summary>
public sealed class CsTaskRoutes : IApiModule
{
    public void Register(ApiRegistry r) =>
        r.Roa(SandboxServices.Cs, "GET", "/tasks/{TaskId}", "DescribeTaskInfo", Describe);

    private static ValueTask<ApiResult> Describe(ApiCall c)
    {
        var id = c.RouteValue("TaskId");
        var store = CsAddonRoutes.Store(c);
        lock (store.Gate)
        {
            var task = store.FindTask(id, c.Clock.UtcNow) ?? throw new ApiException(404, "ErrorTaskNotFound", $"task {id} not found");
            var running = task.State == "running";
            var stageState = running ? "running" : task.State == "success" ? "success" : "failed";
            var body = new JsonObject
            {
                ["task_id"] = task.TaskId,
                ["cluster_id"] = task.ClusterId,
                ["task_type"] = "cluster_addon_upgrade",
                ["state"] = task.State,
                ["created"] = Iso8601.Seconds(task.Created),
                ["updated"] = Iso8601.Seconds(running ? c.Clock.UtcNow : task.Updated),
                ["current_stage"] = running ? "UpgradeAddons" : "",
                ["target"] = new JsonObject { ["id"] = task.ClusterId, ["type"] = "cluster" },
                ["parameters"] = new JsonObject
                {
                    ["addons"] = new JsonArray(task.Upgrades.Select(u => (JsonNode)new JsonObject
                    {
                        ["component_name"] = u.Name, ["version"] = u.From, ["next_version"] = u.To,
                    }).ToArray()),
                },
                ["stages"] = new JsonArray(new JsonObject
                {
                    ["state"] = stageState,
                    ["start_time"] = Iso8601.Seconds(task.Created),
                    ["end_time"] = running ? "" : Iso8601.Seconds(task.Updated),
                    ["message"] = task.Error?.Message ?? "",
                    ["outputs"] = new JsonObject(),
                }),
                ["events"] = new JsonArray(),
                ["task_result"] = new JsonArray(task.Upgrades.Select(u => (JsonNode)new JsonObject
                {
                    ["data"] = u.Name,
                    ["status"] = task.State switch
                    {
                        "success" => "success",
                        "fail" when task.FailedAddon == u.Name => "failed",
                        _ => "initial", // still running, or not attempted because another addon of the task failed
                    },
                }).ToArray()),
                ["outputs"] = new JsonObject(),
            };
            if (task.Error is { } e) body["error"] = new JsonObject { ["code"] = e.Code, ["message"] = e.Message };
            return ValueTask.FromResult(ApiResult.Ok(body));
        }
    }
}
