namespace AckHardening.Sandbox.Hosting;

/// <summary>--scenario &lt;folder&gt; (default: Scenarios/default next to the dll) and --exit-on-stdin-eof.</summary>
public sealed record SandboxCommandLine(string ScenarioFolder, bool ExitOnStdinEof)
{
    public const string Usage = "usage: AckHardening.Sandbox [--scenario <folder>] [--exit-on-stdin-eof]";

    public static SandboxCommandLine Parse(IReadOnlyList<string> args)
    {
        string? scenario = null;
        var exitOnEof = false;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--scenario":
                    if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                        throw new ArgumentException("--scenario needs a folder.");
                    scenario = args[++i];
                    break;
                case "--exit-on-stdin-eof":
                    exitOnEof = true;
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'.");
            }
        }
        return new SandboxCommandLine(Path.GetFullPath(scenario ?? SandboxOptions.DefaultScenarioFolder), exitOnEof);
    }
}
