using AckHardening.Sandbox.Hosting;
using AckHardening.Sandbox.State;

SandboxCommandLine commandLine;
try
{
    commandLine = SandboxCommandLine.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(SandboxCommandLine.Usage);
    return 2;
}

SandboxHost host;
try
{
    host = await SandboxHost.StartAsync(new SandboxOptions(commandLine.ScenarioFolder) { HandleConsoleSignals = true });
}
catch (Exception e) when (e is ScenarioException or DirectoryNotFoundException or IOException)
{
    Console.Error.WriteLine("Cannot load the scenario: " + e.Message);
    return 1;
}

await using (host)
{
    Console.Out.WriteLine(host.Endpoints.ReadyLine());
    Console.Out.Flush();

    if (commandLine.ExitOnStdinEof)
    {
        // The parent keeps our stdin open for as long as it wants us; EOF means it went away.
        _ = Task.Run(async () =>
        {
            var buffer = new char[256];
            using var stdin = Console.In;
            while (await stdin.ReadAsync(buffer, 0, buffer.Length) > 0) { }
            host.RequestStop();
        });
    }

    await host.WaitForShutdownAsync();
}
return 0;
