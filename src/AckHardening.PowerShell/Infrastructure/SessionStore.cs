using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using AckHardening.Core;
using AckHardening.Core.Diagnostics;

namespace AckHardening.PowerShell.Infrastructure;

/// <summary>
/// One session per runspace: Connect-AckAccount sets it, Disconnect-AckAccount clears it. A runspace without one
/// gets the default credential chain, built once and kept.
/// </summary>
public static class SessionStore
{
    private static readonly ConditionalWeakTable<Runspace, Holder> Sessions = new();

    private sealed class Holder { public AckSession? Session; }

    private static Holder Current => Sessions.GetValue(Runspace.DefaultRunspace, _ => new Holder());

    public static AckSession? Get() => Current.Session;

    public static void Set(AckSession? session) => Current.Session = session;

    /// <summary>The connected session, else one from the default chain (kept for the runspace).</summary>
    public static AckSession Resolve(IAckLog log, string? regionHint = null)
    {
        var holder = Current;
        return holder.Session ??= DefaultSessionFactory.Create(log, regionHint);
    }
}
