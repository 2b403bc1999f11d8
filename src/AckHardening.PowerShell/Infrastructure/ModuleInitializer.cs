using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;

namespace AckHardening.PowerShell.Infrastructure;

/// <summary>
/// Keeps the module's dependencies out of PowerShell's default load context. The cmdlet assembly and
/// AckHardening.Abstractions load from the module root as usual; the first time the cmdlets touch
/// AckHardening.Core the default context cannot find it (it lives in Dependencies/), raises Resolving, and
/// this handler hands it over from <see cref="ModuleLoadContext"/>. Everything Core needs (KubernetesClient,
/// YamlDotNet, Fractions...) then resolves inside that context, so another module's copy of YamlDotNet in the
/// default context neither breaks us nor is broken by us.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    // The only assembly the default context is ever given from Dependencies/: the engine. Answering for more
    // names would leak third-party assemblies back into the shared context.
    internal const string EngineAssemblyName = "AckHardening.Core";

    private static readonly object Gate = new();
    private static bool _hooked;

    public void OnImport()
    {
        lock (Gate)
        {
            if (_hooked) return;
            AssemblyLoadContext.Default.Resolving += ResolveEngine;
            _hooked = true;
        }
    }

    public void OnRemove(PSModuleInfo psModuleInfo)
    {
        lock (Gate)
        {
            if (!_hooked) return;
            AssemblyLoadContext.Default.Resolving -= ResolveEngine;
            _hooked = false;
        }
    }

    private static Assembly? ResolveEngine(AssemblyLoadContext context, AssemblyName name)
    {
        if (!string.Equals(name.Name, EngineAssemblyName, StringComparison.OrdinalIgnoreCase)) return null;
        return ModuleLoadContext.Instance.LoadFromAssemblyName(name);
    }
}
