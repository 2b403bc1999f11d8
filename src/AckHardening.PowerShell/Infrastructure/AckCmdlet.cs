using System.Collections.Concurrent;
using System.Management.Automation;
using AckHardening.Core.Diagnostics;

namespace AckHardening.PowerShell.Infrastructure;

/// <summary>
/// Base of every AckHardening cmdlet. Runs async domain work on the thread pool while this thread drains
/// what the work logs into the PowerShell streams (only the pipeline thread may write to them), and cancels
/// the work when the user presses Ctrl+C (StopProcessing).
/// </summary>
public abstract class AckCmdlet : PSCmdlet
{
    private readonly CancellationTokenSource _stop = new();
    private readonly BlockingCollection<Action> _mainThreadQueue = new();
    private CmdletLog? _log;

    protected CancellationToken CancellationToken => _stop.Token;

    /// <summary>Thread-safe log for domain code; messages appear on this cmdlet's streams.</summary>
    protected IAckLog Log => _log ??= new CmdletLog(this);

    protected override void StopProcessing()
    {
        _stop.Cancel();
        base.StopProcessing();
    }

    /// <summary>Runs <paramref name="work"/> and returns its result, writing its log messages while it runs.</summary>
    protected T Run<T>(Func<CancellationToken, Task<T>> work)
    {
        var task = Task.Run(() => work(_stop.Token), _stop.Token);
        try
        {
            Pump(task);
        }
        catch
        {
            // The pipeline ended under us (a downstream Select-Object -First, a terminating error, a refused prompt):
            // stop the background work too, so no call is made after the user got control back.
            _stop.Cancel();
            try { task.Wait(TimeSpan.FromSeconds(5)); } catch { /* its outcome no longer matters */ }
            throw;
        }
        try
        {
            return task.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Ctrl+C: let PowerShell end the pipeline the usual way.
            throw new PipelineStoppedException();
        }
    }

    protected void Run(Func<CancellationToken, Task> work) =>
        Run<bool>(async ct => { await work(ct).ConfigureAwait(false); return true; });

    /// <summary>Queues an action to run on the pipeline thread (WriteObject from inside async work).</summary>
    protected void OnPipelineThread(Action action) => _mainThreadQueue.Add(action);

    private void Pump(Task task)
    {
        while (!task.IsCompleted)
        {
            if (_mainThreadQueue.TryTake(out var action, 50)) action();
        }
        while (_mainThreadQueue.TryTake(out var rest)) rest();
    }

    /// <summary>Writes an error record whose id and category come from <see cref="AckErrors"/>.</summary>
    /// <remarks>Errors that no later input can escape (no credentials, no region) end the command once instead of
    /// repeating for every piped object.</remarks>
    protected void WriteAckError(Exception exception, object? target, string? fallbackId = null)
    {
        var record = AckErrors.ToErrorRecord(exception, target, fallbackId);
        if (AckErrors.IsSessionFatal(record)) ThrowTerminatingError(record);
        WriteError(record);
    }

    protected void ThrowAckError(Exception exception, object? target, string? fallbackId = null) =>
        ThrowTerminatingError(AckErrors.ToErrorRecord(exception, target, fallbackId));

    private sealed class CmdletLog : IAckLog
    {
        private readonly AckCmdlet _cmdlet;
        private readonly bool _verboseAsDebug;
        private readonly bool _warningAsDebug;

        public CmdletLog(AckCmdlet cmdlet)
        {
            _cmdlet = cmdlet;
            // Under -Debug the engine makes a compiled cmdlet's WriteVerbose and WriteWarning ask "Continue with this
            // operation?" unless -Verbose / -WarningAction say otherwise, and a non-interactive host (a runbook, CI)
            // then fails the command. The user asked for detail, not for prompts: those lines go to Debug instead,
            // marked so they stay recognisable.
            var bound = cmdlet.MyInvocation.BoundParameters;
            var debug = bound.TryGetValue("Debug", out var d) && d is SwitchParameter { IsPresent: true };
            _verboseAsDebug = debug && !bound.ContainsKey("Verbose");
            _warningAsDebug = debug && !bound.ContainsKey("WarningAction");
        }

        public void Verbose(string message) => _cmdlet._mainThreadQueue.Add(() =>
        {
            if (_verboseAsDebug) _cmdlet.WriteDebug("VERBOSE: " + message);
            else _cmdlet.WriteVerbose(message);
        });
        public void Debug(string message) => _cmdlet._mainThreadQueue.Add(() => _cmdlet.WriteDebug(message));
        public void Warning(string message) => _cmdlet._mainThreadQueue.Add(() =>
        {
            if (_warningAsDebug) _cmdlet.WriteDebug("WARNING: " + message);
            else _cmdlet.WriteWarning(message);
        });
        public void Information(string message) =>
            _cmdlet._mainThreadQueue.Add(() => _cmdlet.WriteInformation(new InformationRecord(message, _cmdlet.MyInvocation.MyCommand?.Name)));
        public void Progress(AckProgress p) => _cmdlet._mainThreadQueue.Add(() =>
        {
            var record = new ProgressRecord(p.ActivityId, p.Activity, string.IsNullOrEmpty(p.Status) ? p.Activity : p.Status)
            {
                PercentComplete = p.PercentComplete,
                ParentActivityId = p.ParentActivityId,
                RecordType = p.Completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
            };
            _cmdlet.WriteProgress(record);
        });
    }
}
