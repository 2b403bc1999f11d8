using System.Diagnostics;
using System.Text.Json.Nodes;

namespace AckHardening.Core.Tests.Sandbox;

/// <summary>The sandbox as a process: the READY line contract and stopping on stdin EOF.</summary>
public class SandboxProcessTests
{
    private static string SandboxDll()
    {
        // The test output sits in tests/AckHardening.Core.Tests/bin/<Configuration>/net10.0/.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var dll = Path.Combine(SandboxFixture.RepoRoot, "src", "AckHardening.Sandbox", "bin", configuration, "net10.0", "AckHardening.Sandbox.dll");
        Assert.True(File.Exists(dll), "sandbox not built: " + dll);
        return dll;
    }

    [Fact]
    public async Task Prints_one_ready_line_with_loopback_ports_and_exits_on_stdin_eof()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in new[] { SandboxDll(), "--scenario", SandboxFixture.DefaultScenario, "--exit-on-stdin-eof" }) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        try
        {
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            Assert.NotNull(line);
            Assert.StartsWith("SANDBOX-READY {", line);
            var json = JsonNode.Parse(line["SANDBOX-READY ".Length..])!.AsObject();
            var uris = new List<Uri>();
            foreach (var name in new[] { "Ram", "Sts", "Cs", "ActionTrail", "Sls", "Control" }) uris.Add(new Uri((string)json[name]!));
            var kube = json["Kubernetes"]!.AsObject();
            Assert.Equal([SandboxFixture.ProdCluster, SandboxFixture.StagingCluster, SandboxFixture.DedicatedCluster], kube.Select(k => k.Key).ToArray());
            uris.AddRange(kube.Select(k => new Uri((string)k.Value!)));
            Assert.All(uris, u => Assert.Equal("127.0.0.1", u.Host));
            Assert.All(uris, u => Assert.Equal("/", u.AbsolutePath));
            Assert.Equal(uris.Count, uris.Select(u => u.Port).Distinct().Count());

            using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
            Assert.Equal("[]", await http.GetStringAsync(new Uri(uris[5], "/_sandbox/requests")));

            process.StandardInput.Close();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
            Assert.Equal(0, process.ExitCode);
            Assert.Equal("", (await process.StandardOutput.ReadToEndAsync()).Trim());
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public async Task Missing_scenario_folder_fails_with_exit_code_1()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { SandboxDll(), "--scenario", Path.Combine(Path.GetTempPath(), "no-such-scenario-" + Guid.NewGuid().ToString("N")) })
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(1, process.ExitCode);
        Assert.Contains("Scenario folder not found", await process.StandardError.ReadToEndAsync());
    }
}
