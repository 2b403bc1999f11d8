using AckHardening.Sandbox.Infrastructure;
using AckHardening.Sandbox.Pipeline;
using AckHardening.Sandbox.State;

namespace AckHardening.Sandbox.Hosting;

/// <summary>The live sandbox: current scenario state, the simulated clock and the operation registry.</summary>
public sealed class SandboxRuntime
{
    private SandboxState _state;

    public SandboxRuntime(string scenarioFolder, ApiRegistry registry, SimulatedClock clock)
    {
        ScenarioFolder = scenarioFolder;
        Registry = registry;
        Clock = clock;
        _state = new SandboxState(new Scenario(scenarioFolder), clock.UtcNow);
    }

    public string ScenarioFolder { get; }
    public ApiRegistry Registry { get; }
    public SimulatedClock Clock { get; }
    public SandboxState State => Volatile.Read(ref _state);
    /// <summary>The listening addresses, known once the host has started.</summary>
    public SandboxEndpoints? Endpoints { get; set; }

    /// <summary>Reloads the scenario from disk and rewinds the clock; faults, STS sessions, nonces and the log start empty.</summary>
    public void Reset()
    {
        Clock.Reset();
        var fresh = new SandboxState(new Scenario(ScenarioFolder), Clock.UtcNow);
        Volatile.Write(ref _state, fresh);
    }
}
