using AckHardening.Sandbox.Pipeline;

namespace AckHardening.Sandbox.Auth;

/// <summary>OpenAPI V3 signatures for the POP services (RPC and ROA). SLS registers its own verifier.</summary>
public sealed class AcsV3AuthModule : IApiModule
{
    public void Register(ApiRegistry registry)
    {
        var v3 = new AcsV3Authenticator();
        foreach (var service in new[] { SandboxServices.Ram, SandboxServices.Sts, SandboxServices.Cs, SandboxServices.ActionTrail })
            registry.Authenticator(service, v3);
    }
}
