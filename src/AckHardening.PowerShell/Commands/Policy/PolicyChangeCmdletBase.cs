using System.Management.Automation;
using AckHardening.Core.Policies;
using AckHardening.Core.Services.Ram;
using AckHardening.PowerShell.Infrastructure;

namespace AckHardening.PowerShell.Commands;

/// <summary>Shared wiring of the cmdlets that back up, change and restore policies: one transport per call.</summary>
public abstract class PolicyChangeCmdletBase : AckServiceCmdlet
{
    private PolicyServices? _services;

    /// <summary>The services of this invocation, built on first use (the session may be missing: that is an error then).</summary>
    protected PolicyServices Services => _services ??= new PolicyServices(CreateTransport(), Log);

    /// <summary>A provider path (relative, ~, PSDrive) as a file-system path; the item need not exist yet.</summary>
    protected string FileSystemPath(string path) => GetUnresolvedProviderPathFromPSPath(path);

    /// <summary>Unwraps what PowerShell may hand over wrapped (a PSObject around a string or a document).</summary>
    protected static object? Unwrap(object? value) => value is PSObject pso ? pso.BaseObject : value;

    protected sealed class PolicyServices
    {
        public PolicyServices(Core.Http.IApiTransport transport, Core.Diagnostics.IAckLog log)
        {
            Reader = new PolicyStateReader(new RamClient(transport), log);
            Writer = new RamWriteClient(transport);
            Backups = new PolicyBackupService(Reader, log: log);
            Apply = new PolicyApplyService(Reader, Writer, Backups, log);
            Restore = new PolicyRestoreService(Reader, Writer, log);
        }

        public PolicyStateReader Reader { get; }
        public RamWriteClient Writer { get; }
        public PolicyBackupService Backups { get; }
        public PolicyApplyService Apply { get; }
        public PolicyRestoreService Restore { get; }
    }
}
