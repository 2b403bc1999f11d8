using System.Collections.Concurrent;
using AckHardening.Audit;
using AckHardening.Core.Errors;

namespace AckHardening.Core.Audit;

/// <summary>Options of <see cref="ActivityFileScanner.ScanAsync"/>.</summary>
public sealed record ActivityScanOptions
{
    /// <summary>Roles whose calls are counted (matched by the <c>&lt;RoleName&gt;:</c> userName prefix).</summary>
    public required IReadOnlyList<string> RoleNames { get; init; }
    public RamCodeMap RamCodes { get; init; } = RamCodeMap.Default;
    public ActivityCoverageRules Rules { get; init; } = ActivityCoverageRules.Default;
    /// <summary>Files read at once; default the processor count.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;
    /// <summary>Only events in [WindowStart, WindowEnd) count; without them the window is the span of the events read.</summary>
    public DateTimeOffset? WindowStart { get; init; }
    public DateTimeOffset? WindowEnd { get; init; }
    public string? ClusterId { get; init; }
}

/// <summary>Progress after each file. Reported from worker threads.</summary>
public readonly record struct ActivityScanProgress(int FilesDone, int FilesTotal, long EventsRead, long DecompressedBytes);

/// <summary>A file that could not be read completely.</summary>
/// <param name="Path">The file.</param>
/// <param name="Message">What went wrong (the first malformed record, or why reading stopped).</param>
/// <param name="MalformedRecords">Records skipped.</param>
/// <param name="Stopped">True when the rest of the file was unreadable; events before that point were kept.</param>
public sealed record ActivityFileProblem(string Path, string Message, long MalformedRecords, bool Stopped);

/// <summary>Everything a scan found.</summary>
public sealed class ActivityScanResult
{
    public required IReadOnlyList<AckRoleActivity> Activities { get; init; }
    public required IReadOnlyList<AckActivityCoverage> Coverage { get; init; }
    public required IReadOnlyList<ActivityFileProblem> Problems { get; init; }
    public int FilesRead { get; init; }
    public long EventsRead { get; init; }
    public long MalformedRecords { get; init; }
    public long DecompressedBytes { get; init; }
    public required IReadOnlyDictionary<string, long> DroppedByReason { get; init; }
}

/// <summary>
/// Reads ActionTrail files (as delivered to OSS, or any folder of event files) in parallel and aggregates the calls
/// of the given roles. Each worker owns one reader and one accumulator, so memory depends on the number of workers
/// and distinct actions, not on the input size. Broken files are reported in <see cref="ActivityScanResult.Problems"/>
/// and never stop the run.
/// </summary>
public static class ActivityFileScanner
{
    /// <summary>Files under the given paths (files as is, folders recursively, hidden files skipped), sorted.</summary>
    public static List<string> EnumerateFiles(IEnumerable<string> paths)
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System };
        foreach (var p in paths)
        {
            var full = Path.GetFullPath(p);
            if (File.Exists(full)) files.Add(full);
            else if (Directory.Exists(full)) files.UnionWith(Directory.EnumerateFiles(full, "*", options));
            else throw new AckException("AckActivityPathNotFound", AckErrorKind.ObjectNotFound, $"Path '{p}' does not exist.", p);
        }
        return files.ToList();
    }

    public static async Task<ActivityScanResult> ScanAsync(IEnumerable<string> paths, ActivityScanOptions options,
        IProgress<ActivityScanProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var roles = new RolePrincipalMatcher(options.RoleNames);
        if (options.WindowStart is { } ws && options.WindowEnd is { } we && we <= ws)
            throw new AckException("AckInvalidWindow", AckErrorKind.InvalidArgument, "The window end must be after its start.");
        var files = EnumerateFiles(paths);
        // Largest first, so one big file does not finish alone at the end.
        var ordered = files.Select(f => (Path: f, Size: new FileInfo(f).Length)).OrderByDescending(x => x.Size).ThenBy(x => x.Path, StringComparer.Ordinal).ToArray();
        var workers = Math.Max(1, Math.Min(options.MaxDegreeOfParallelism, ordered.Length));
        var accumulators = new ActivityAccumulator[workers];
        var problems = new ConcurrentBag<ActivityFileProblem>();
        var next = -1;
        var done = 0;
        long events = 0, bytes = 0, malformed = 0;

        var tasks = new Task[workers];
        for (var w = 0; w < workers; w++)
        {
            var acc = accumulators[w] = new ActivityAccumulator(roles, options.WindowStart, options.WindowEnd);
            tasks[w] = Task.Run(() =>
            {
                using var reader = new ActionTrailStreamReader();
                int i;
                while ((i = Interlocked.Increment(ref next)) < ordered.Length)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var path = ordered[i].Path;
                    ActionTrailReadResult r;
                    try { r = reader.ReadFile(path, acc, cancellationToken); }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // One unreadable file must not end the run; events it yielded before failing stay counted.
                        r = new ActionTrailReadResult(0, 0, $"{e.GetType().Name}: {e.Message}", null, 0);
                    }
                    if (r.FatalError is not null || r.MalformedRecords > 0)
                        problems.Add(new ActivityFileProblem(path, r.FatalError ?? r.FirstProblem ?? "malformed records", r.MalformedRecords, r.FatalError is not null));
                    var ev = Interlocked.Add(ref events, r.Events);
                    var by = Interlocked.Add(ref bytes, r.DecompressedBytes);
                    Interlocked.Add(ref malformed, r.MalformedRecords);
                    var d = Interlocked.Increment(ref done);
                    progress?.Report(new ActivityScanProgress(d, ordered.Length, ev, by));
                }
            }, cancellationToken);
        }
        await Task.WhenAll(tasks).ConfigureAwait(false);

        var total = new ActivityAccumulator(roles, options.WindowStart, options.WindowEnd);
        foreach (var a in accumulators) total.Merge(a);

        var activities = total.ToActivities(options.RamCodes, ActivitySource.File, options.ClusterId);
        var start = options.WindowStart ?? (total.MinTicks == long.MaxValue ? null : new DateTimeOffset(total.MinTicks, TimeSpan.Zero));
        var end = options.WindowEnd ?? (total.MaxTicks == long.MinValue ? null : new DateTimeOffset(total.MaxTicks, TimeSpan.Zero));
        var dropped = total.DroppedByReason();
        var coverage = new List<AckActivityCoverage>();
        for (var r = 0; r < roles.RoleNames.Count; r++)
        {
            var name = roles.RoleNames[r];
            var mine = activities.Where(a => a.RoleName == name).ToList();
            coverage.Add(options.Rules.Evaluate(name, ActivitySource.File, start, end, mine, total.Matched(r), total.DaysWithData(r), dropped, options.ClusterId));
        }
        return new ActivityScanResult
        {
            Activities = activities,
            Coverage = coverage,
            Problems = problems.OrderBy(p => p.Path, StringComparer.Ordinal).ToList(),
            FilesRead = ordered.Length,
            EventsRead = events,
            MalformedRecords = malformed,
            DecompressedBytes = bytes,
            DroppedByReason = dropped,
        };
    }
}
