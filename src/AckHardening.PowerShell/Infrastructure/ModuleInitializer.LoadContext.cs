using System.Reflection;
using System.Runtime.Loader;

namespace AckHardening.PowerShell.Infrastructure;

/// <summary>
/// The module's private load context: serves every assembly found in &lt;module&gt;/Dependencies/ and nothing
/// else. Framework assemblies fall through to the default context; the assemblies that sit in the module root
/// (Abstractions, the cmdlets) are handed back from the default context so that Core and the cmdlets share one
/// copy of the output types.
/// </summary>
internal sealed class ModuleLoadContext : AssemblyLoadContext
{
    public const string ContextName = "AckHardening";
    public const string DependencyFolderName = "Dependencies";

    private static readonly Lazy<ModuleLoadContext> Singleton = new(() => new ModuleLoadContext(ModuleRoot()));

    private readonly string _moduleRoot;
    private readonly string _dependencyDirectory;

    private ModuleLoadContext(string moduleRoot) : base(ContextName, isCollectible: false)
    {
        _moduleRoot = moduleRoot;
        _dependencyDirectory = Path.Combine(moduleRoot, DependencyFolderName);
    }

    /// <summary>One context per process: loading Core twice would give two incompatible sets of types.</summary>
    public static ModuleLoadContext Instance => Singleton.Value;

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (assemblyName.Name is null) return null;

        var dependency = Path.Combine(_dependencyDirectory, assemblyName.Name + ".dll");
        if (File.Exists(dependency)) return LoadFromAssemblyPath(dependency);

        var rootAssembly = Path.Combine(_moduleRoot, assemblyName.Name + ".dll");
        if (File.Exists(rootAssembly)) return FromDefaultContext(assemblyName.Name, rootAssembly);

        return null;
    }

    // The module-root assemblies belong to the default context; reuse the instance PowerShell already loaded
    // (loading the same path again into Default would fail if it came from elsewhere).
    private static Assembly FromDefaultContext(string simpleName, string path)
    {
        foreach (var loaded in Default.Assemblies)
        {
            if (string.Equals(loaded.GetName().Name, simpleName, StringComparison.OrdinalIgnoreCase)) return loaded;
        }
        return Default.LoadFromAssemblyPath(path);
    }

    private static string ModuleRoot()
    {
        var location = typeof(ModuleLoadContext).Assembly.Location;
        if (string.IsNullOrEmpty(location))
            throw new InvalidOperationException("The AckHardening cmdlet assembly has no file location; load the module from its folder.");
        return Path.GetDirectoryName(location)!;
    }
}
