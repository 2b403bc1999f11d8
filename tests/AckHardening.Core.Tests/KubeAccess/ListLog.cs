using System.Collections.Concurrent;
using AckHardening.Core.Diagnostics;

namespace AckHardening.Core.Tests.KubeAccess;

internal sealed class ListLog : IAckLog
{
    public ConcurrentQueue<string> Lines { get; } = new();
    public void Verbose(string message) => Lines.Enqueue("VERBOSE " + message);
    public void Debug(string message) => Lines.Enqueue("DEBUG " + message);
    public void Warning(string message) => Lines.Enqueue("WARNING " + message);
    public void Information(string message) => Lines.Enqueue("INFO " + message);
    public void Progress(AckProgress progress) => Lines.Enqueue("PROGRESS " + progress.Status);
}
