// Measures the ActionTrail file analysis against bare gzip decompression of the same files, and shows that memory
// does not grow with the input. Prints one line per figure; see the README next to this file.
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using AckHardening.Core.Audit;
using AckHardening.Core.Audit.Generation;

var events = 1_000_000L;
var degree = Environment.ProcessorCount;
string? dir = null;
var keep = false;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--events": events = long.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--degree": degree = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--dir": dir = args[++i]; break;
        case "--keep": keep = true; break;
        default: Console.Error.WriteLine($"unknown argument {args[i]}"); return 2;
    }
}

const string Role = "KubernetesWorkerRole-4a9e2f1c-7b3d-4e8a-9c6f-1d2e3f4a5b6c";
dir ??= Path.Combine(Path.GetTempPath(), "ack-activity-bench-" + Environment.ProcessId);
Directory.CreateDirectory(dir);
try
{
    // 14 days; the node count is chosen so the role's calls make about 98% of the events, the rest is noise.
    var components = new[] { "eni", "disk", "image", "log", "monitoring", "node" };
    var perNodeHour = components.Sum(c => ActivityComponentCatalog.BuiltIn.First(x => x.Name == c).Calls.Sum(k => k.PerInstancePerHour));
    var spec = new ActivitySpec
    {
        Seed = 20260101,
        Days = 14,
        Roles = [new ActivityRoleSpec { RoleName = Role, Instances = (int)Math.Ceiling(events * 0.98 / (perNodeHour * 14 * 24)), Components = components.Select(c => new RoleComponentSpec { Name = c }).ToList() }],
        FailedCalls = [new FailedCallSpec { RoleName = Role, ServiceName = "Ecs", EventName = "CreateNetworkInterface", ErrorCode = "Forbidden.RAM", Count = 1000 }],
        OtherPrincipalEvents = events / 50,
        NonApiEvents = events / 500,
    };
    var sw = Stopwatch.StartNew();
    var gen = ActivityOssWriter.Write(spec, dir);
    var files = gen.Files.ToArray();
    Console.WriteLine($"generated      : {gen.Expected.TotalEvents:N0} events, {files.Length} gzip files, {gen.CompressedBytes / 1e6:F1} MB compressed in {sw.Elapsed.TotalSeconds:F1} s -> {dir}");

    // Warm up the JIT and the page cache on a few files.
    await ActivityFileScanner.ScanAsync(files.Take(4), new ActivityScanOptions { RoleNames = [Role], MaxDegreeOfParallelism = 1 });
    foreach (var f in files) _ = Decompress(f);

    var bare1 = Measure(() => { long n = 0; foreach (var f in files) n += Decompress(f); return n; });
    var bareN = Measure(() =>
    {
        long n = 0;
        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = degree }, f => Interlocked.Add(ref n, Decompress(f)));
        return n;
    });
    Console.WriteLine($"json size      : {bare1.Result / 1e6:F1} MB uncompressed ({bare1.Result / gen.Expected.TotalEvents} bytes/event)");
    Report("bare gunzip x1", bare1, gen.Expected.TotalEvents);
    Report($"bare gunzip x{degree}", bareN, gen.Expected.TotalEvents);

    var half = files.Where((_, i) => i % 2 == 0).ToArray();
    ActivityScanResult? last = null;
    var scanHalf = Measure(() => { last = Scan(half, degree); return last.EventsRead; });
    Report($"analysis x{degree} 1/2", scanHalf, scanHalf.Result);
    var scan1 = Measure(() => { last = Scan(files, 1); return last.EventsRead; });
    Report("analysis x1    ", scan1, gen.Expected.TotalEvents);
    var scanN = Measure(() => { last = Scan(files, degree); return last.EventsRead; });
    Report($"analysis x{degree}    ", scanN, gen.Expected.TotalEvents);

    var expected = gen.Expected.Activities();
    var ok = last!.EventsRead == gen.Expected.TotalEvents && last.Problems.Count == 0 && expected.Count == last.Activities.Count
             && expected.Zip(last.Activities).All(p => p.First.Action == p.Second.Action && p.First.Count == p.Second.Count && p.First.DeniedCount == p.Second.DeniedCount);
    Console.WriteLine($"check          : {(ok ? "counts equal the generator's" : "MISMATCH")} ({last.Activities.Count} actions, {last.DroppedByReason.Values.Sum():N0} dropped)");
    Console.WriteLine($"ratio wall     : analysis takes {scanN.Elapsed.TotalSeconds / bareN.Elapsed.TotalSeconds:F2}x the time of bare decompression at x{degree}, {scan1.Elapsed.TotalSeconds / bare1.Elapsed.TotalSeconds:F2}x at x1");
    Console.WriteLine($"ratio CPU      : analysis takes {scanN.Cpu.TotalSeconds / bareN.Cpu.TotalSeconds:F2}x the CPU of bare decompression at x{degree}, {scan1.Cpu.TotalSeconds / bare1.Cpu.TotalSeconds:F2}x at x1 (CPU time is the fairer figure on a loaded machine)");
    return ok ? 0 : 1;
}
finally
{
    if (!keep) Directory.Delete(dir, true);
}

static ActivityScanResult Scan(string[] files, int degree) =>
    ActivityFileScanner.ScanAsync(files, new ActivityScanOptions { RoleNames = [Role], MaxDegreeOfParallelism = degree }).GetAwaiter().GetResult();

static long Decompress(string path)
{
    using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
    using var gz = new GZipStream(fs, CompressionMode.Decompress);
    var buffer = new byte[128 * 1024];
    long total = 0;
    int n;
    while ((n = gz.Read(buffer)) > 0) total += n;
    return total;
}

// Runs one phase, sampling the working set every 5 ms for its peak, and counting managed allocations.
static Measurement Measure(Func<long> phase)
{
    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
    var proc = Process.GetCurrentProcess();
    proc.Refresh();
    var baseline = proc.WorkingSet64;
    long peak = baseline;
    using var stop = new CancellationTokenSource();
    var sampler = Task.Run(async () =>
    {
        while (!stop.IsCancellationRequested)
        {
            proc.Refresh();
            peak = Math.Max(peak, proc.WorkingSet64);
            try { await Task.Delay(5, stop.Token); } catch (OperationCanceledException) { }
        }
    });
    var allocated = GC.GetTotalAllocatedBytes(true);
    proc.Refresh();
    var cpu = proc.TotalProcessorTime;
    var sw = Stopwatch.StartNew();
    var result = phase();
    sw.Stop();
    proc.Refresh();
    cpu = proc.TotalProcessorTime - cpu;
    allocated = GC.GetTotalAllocatedBytes(true) - allocated;
    stop.Cancel();
    sampler.Wait();
    return new Measurement(result, sw.Elapsed, cpu, peak, peak - baseline, allocated);
}

static void Report(string name, Measurement m, long events) =>
    Console.WriteLine($"{name} : {m.Elapsed.TotalSeconds,7:F2} s wall {m.Cpu.TotalSeconds,7:F2} s CPU  {events / m.Elapsed.TotalSeconds,10:N0} events/s  {events / m.Cpu.TotalSeconds,10:N0} events/CPU-s  peak WS {m.PeakWorkingSet / 1e6,6:F0} MB (+{m.WorkingSetGrowth / 1e6:F0} MB)  GC allocated {m.Allocated / 1e6,7:F1} MB");

internal readonly record struct Measurement(long Result, TimeSpan Elapsed, TimeSpan Cpu, long PeakWorkingSet, long WorkingSetGrowth, long Allocated);
