using System.Text.Json.Nodes;
using AckHardening.Sandbox.Infrastructure;
using AckHardening.Sandbox.Pipeline;

namespace AckHardening.Sandbox.Hosting;

/// <summary>The base URI of every listener, as printed on the SANDBOX-READY line.</summary>
public sealed record SandboxEndpoints(IReadOnlyDictionary<string, Uri> Services, IReadOnlyDictionary<string, Uri> Kubernetes)
{
    public const string ReadyPrefix = "SANDBOX-READY ";

    public Uri this[SandboxService service] => Services[service.Name];

    /// <summary>{"Ram":"http://127.0.0.1:p/",…,"Control":"…","Kubernetes":{"&lt;clusterId&gt;":"…"}}</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject();
        foreach (var s in SandboxServices.Fixed) json[s.Name] = Services[s.Name].ToString();
        var kube = new JsonObject();
        foreach (var (id, uri) in Kubernetes) kube[id] = uri.ToString();
        json["Kubernetes"] = kube;
        return json;
    }

    public string ReadyLine() => ReadyPrefix + SandboxJson.Serialize(ToJson());
}
