namespace AckHardening.Sandbox.Services.Sls;

/// <summary>sls.json: Log Service projects and, per logstore, how many identical GetLogs calls answer Incomplete first.</summary>
public sealed class SlsScenarioFile
{
    public List<SlsProjectDefinition> Projects { get; set; } = new();
    public List<SlsIncompleteRule> Incomplete { get; set; } = new();
}

public sealed class SlsProjectDefinition
{
    public string Name { get; set; } = "";
    public string Region { get; set; } = "cn-hangzhou";
    /// <summary>The owning account; defaults to the scenario's first account.</summary>
    public string? OwnerUid { get; set; }
    public string Description { get; set; } = "";
    /// <summary>Plain logstores (no data). ActionTrail logstores come from the trails delivering to the project.</summary>
    public List<string> Logstores { get; set; } = new();
}

public sealed class SlsIncompleteRule
{
    public string Project { get; set; } = "";
    public string Logstore { get; set; } = "";
    /// <summary>The first N calls with identical parameters answer x-log-progress: Incomplete with partial rows.</summary>
    public int Calls { get; set; }
}
