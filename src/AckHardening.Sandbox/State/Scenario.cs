using System.Text.Json;
using AckHardening.Sandbox.Infrastructure;

namespace AckHardening.Sandbox.State;

/// <summary>
/// A scenario folder: one JSON file per area (accounts.json, clusters.json, ram.json, faults.json, and the files
/// later areas add). Each store reads its own file through <see cref="Read{T}"/>.
/// </summary>
public sealed class Scenario
{
    public Scenario(string folder)
    {
        Folder = Path.GetFullPath(folder);
        if (!Directory.Exists(Folder)) throw new DirectoryNotFoundException($"Scenario folder not found: {Folder}");
    }

    public string Folder { get; }

    public bool Has(string fileName) => File.Exists(Path.Combine(Folder, fileName));

    /// <summary>Reads a file of the scenario, or returns null when the file is absent.</summary>
    public T? Read<T>(string fileName) where T : class
    {
        var path = Path.Combine(Folder, fileName);
        if (!File.Exists(path)) return null;
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<T>(stream, SandboxJson.Scenario);
        }
        catch (JsonException e)
        {
            throw new ScenarioException($"{fileName}: {e.Message}", e);
        }
    }
}

/// <summary>A scenario file that cannot be loaded or breaks a service limit.</summary>
public sealed class ScenarioException(string message, Exception? inner = null) : Exception(message, inner);
