namespace AckHardening.Core.Diagnostics;

/// <summary>
/// What the domain library tells its host. The PowerShell layer maps these to the Verbose, Debug,
/// Warning, Information and Progress streams; tests collect them. Implementations must be thread-safe:
/// messages may come from any thread while async work runs.
/// Callers never pass secrets or tokens here.
/// </summary>
public interface IAckLog
{
    void Verbose(string message);
    void Debug(string message);
    void Warning(string message);
    void Information(string message);
    void Progress(AckProgress progress);
}

/// <summary>One progress update. <see cref="PercentComplete"/> is -1 when unknown.</summary>
public sealed record AckProgress(int ActivityId, string Activity, string Status, int PercentComplete = -1, bool Completed = false, int ParentActivityId = -1);

/// <summary>A log that drops everything, for callers that do not care.</summary>
public sealed class NullAckLog : IAckLog
{
    public static readonly NullAckLog Instance = new();
    public void Verbose(string message) { }
    public void Debug(string message) { }
    public void Warning(string message) { }
    public void Information(string message) { }
    public void Progress(AckProgress progress) { }
}
