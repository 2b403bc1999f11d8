using AckHardening.Audit;
using AckHardening.Core.Audit.LookupEvents;
using AckHardening.Core.Audit.Sls;
using AckHardening.Core.Diagnostics;
using AckHardening.Core.Errors;
using AckHardening.Core.Http;
using AckHardening.Core.Services.ActionTrail;
using AckHardening.Core.Services.Sls;

namespace AckHardening.Core.Audit;

/// <summary>Where in Log Service a trail's events are: the project (and its region) and the logstore.</summary>
public sealed record SlsActivityTarget(string Project, string? Region, string Logstore);

/// <summary>Tuning of <see cref="ActivityQueryService"/>; the defaults suit real use, tests shrink them.</summary>
public sealed record ActivityQueryOptions
{
    public static ActivityQueryOptions Default { get; } = new();

    /// <summary>SQL rows per GetLogs page (<c>limit offset, n</c>; n ≤ 10,000).</summary>
    public int SlsPageSize { get; init; } = SlsActivityQuery.DefaultPageSize;
    public SlsIncompleteRetry Incomplete { get; init; } = SlsIncompleteRetry.Default;
    /// <summary>Events per LookupEvents page (at most 50).</summary>
    public int LookupEventsPageSize { get; init; } = LookupEventsResponse.MaxResults;
    /// <summary>LookupEvents keeps this much history; an older window start is moved up to it.</summary>
    public TimeSpan LookupEventsHistory { get; init; } = TimeSpan.FromDays(90);
    public ActivityCoverageRules Rules { get; init; } = ActivityCoverageRules.Default;
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}

/// <summary>
/// Collects a set of roles' calls from one evidence source: the trail's Log Service logstore (aggregated by Log
/// Service itself, paged, repeating incomplete answers), ActionTrail LookupEvents (paged by NextToken), or
/// ActionTrail files (<see cref="ActivityFileScanner"/>). Progress and notes go to the log.
/// </summary>
public sealed class ActivityQueryService
{
    public const int ProgressActivityId = 4301;

    private readonly IApiTransport _transport;
    private readonly IAckLog _log;
    private readonly ActivityQueryOptions _options;

    public ActivityQueryService(IApiTransport transport, IAckLog? log = null, ActivityQueryOptions? options = null)
    {
        _transport = transport ?? throw new ArgumentNullException(nameof(transport));
        _log = log ?? NullAckLog.Instance;
        _options = options ?? ActivityQueryOptions.Default;
        if (_options.SlsPageSize is < 1 or > SlsActivityQuery.MaxPageSize)
            throw new ArgumentOutOfRangeException(nameof(options), $"SlsPageSize must be between 1 and {SlsActivityQuery.MaxPageSize}.");
    }

    /// <summary>
    /// Runs the worker-role query in the trail's logstore over [from, to), page by page, then the companion query that
    /// counts on how many UTC days each role called (coverage's DaysWithData).
    /// </summary>
    public async Task<ActivityAnalysis> QuerySlsAsync(SlsActivityTarget target, IReadOnlyList<string> roleNames, DateTimeOffset from, DateTimeOffset to,
        RamCodeMap? ramCodes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ValidateLogstore(target.Logstore);
        var roles = new RolePrincipalMatcher(roleNames);
        var client = new SlsClient(_transport);
        var collector = new SlsActivityCollector(roles, ramCodes);
        var what = $"{target.Project}/{target.Logstore}";
        _log.Verbose($"Querying Log Service {what} for {string.Join(", ", roles.RoleNames)} from {from.UtcDateTime:u} to {to.UtcDateTime:u}.");

        var (pages, rows) = await ReadSqlPagesAsync(client, target, what, "activity",
            (offset, size) => SlsActivityQuery.BuildRequest(target.Logstore, from, to, roles.RoleNames, offset, size),
            response =>
            {
                var page = SlsActivityResponse.Parse(response.Body, response.Headers, roles);
                collector.Add(page);
                return page.RowCount;
            }, cancellationToken).ConfigureAwait(false);
        var (dayPages, dayRows) = await ReadSqlPagesAsync(client, target, what, "days with data",
            (offset, size) => SlsActivityQuery.BuildDaysRequest(target.Logstore, from, to, roles.RoleNames, offset, size),
            response =>
            {
                var page = SlsActivityResponse.ParseDays(response.Body, response.Headers, roles);
                collector.AddDays(page);
                return page.RowCount;
            }, cancellationToken).ConfigureAwait(false);
        _log.Progress(new AckProgress(ProgressActivityId, "Reading role activity from Log Service", "Done", Completed: true));
        _log.Verbose($"Log Service {what}: {rows} grouped rows in {pages} page(s); {dayRows} role-day rows in {dayPages} page(s).");
        return collector.Build(from, to, _options.Rules);
    }

    /// <summary>
    /// Pages one SQL query with <c>limit offset, n</c> until a short page, repeating each page while Log Service
    /// answers Incomplete; <paramref name="consume"/> parses a complete answer and returns its row count.
    /// </summary>
    private async Task<(int Pages, long Rows)> ReadSqlPagesAsync(SlsClient client, SlsActivityTarget target, string what, string queryName,
        Func<long, int, SlsGetLogsRequest> buildRequest, Func<SlsGetLogsResponse, int> consume, CancellationToken cancellationToken)
    {
        long offset = 0;
        var pages = 0;
        long rows = 0;
        while (true)
        {
            var size = SlsActivityQuery.PageSizeAt(offset, _options.SlsPageSize);
            var request = buildRequest(offset, size);
            var response = await _options.Incomplete.UntilCompleteAsync(ct => client.GetLogsAsync(target.Project, target.Region, request, ct),
                what, _log, cancellationToken).ConfigureAwait(false);
            var rowCount = consume(response);
            pages++;
            rows += rowCount;
            _log.Progress(new AckProgress(ProgressActivityId, "Reading role activity from Log Service", $"{what} ({queryName}): page {pages}, {rows} rows"));
            if (!SlsActivityQuery.TryGetNextOffset(offset, size, rowCount, out var next, out var truncated))
            {
                if (truncated) _log.Warning($"Log Service returns at most {SlsActivityQuery.MaxRows} SQL rows; the rest of the {queryName} query on {what} was not read. Query fewer roles or a shorter window.");
                return (pages, rows);
            }
            offset = next;
        }
    }

    /// <summary>Reads every event of [from, to) with LookupEvents (no trail needed) and keeps the roles' calls.</summary>
    public async Task<ActivityAnalysis> QueryLookupEventsAsync(IReadOnlyList<string> roleNames, DateTimeOffset from, DateTimeOffset to,
        RamCodeMap? ramCodes, string? regionId, CancellationToken cancellationToken)
    {
        var roles = new RolePrincipalMatcher(roleNames);
        var oldest = _options.Clock.GetUtcNow() - _options.LookupEventsHistory;
        if (from < oldest)
        {
            _log.Warning($"LookupEvents keeps {_options.LookupEventsHistory.TotalDays:0} days of history; the window starts at {oldest.UtcDateTime:u} instead of {from.UtcDateTime:u}.");
            from = oldest;
        }
        if (to <= from) throw new AckException("AckInvalidWindow", AckErrorKind.InvalidArgument, "The window lies entirely before LookupEvents' history.");

        var client = new ActionTrailClient(_transport, regionId);
        var collector = new LookupEventsActivityCollector(roles, from, to);
        string? token = null;
        var pages = 0;
        long events = 0;
        do
        {
            var page = await client.LookupEventsAsync(from, to, token, _options.LookupEventsPageSize, cancellationToken).ConfigureAwait(false);
            collector.Add(page);
            pages++;
            events += page.Events.Count;
            if (page.NextToken is not null && page.NextToken == token)
                throw new AckException("AckMalformedResponse", AckErrorKind.InvalidData, $"LookupEvents returned the same NextToken twice (page {pages}); stopping to avoid a loop.");
            token = page.NextToken;
            _log.Progress(new AckProgress(ProgressActivityId, "Reading role activity with LookupEvents", $"page {pages}, {events} events"));
        } while (token is not null);
        _log.Progress(new AckProgress(ProgressActivityId, "Reading role activity with LookupEvents", "Done", Completed: true));
        if (collector.MalformedEvents > 0) _log.Warning($"LookupEvents returned {collector.MalformedEvents} event(s) that were not JSON objects; they were skipped.");
        _log.Verbose($"LookupEvents: {events} events in {pages} page(s).");
        return collector.Build(ramCodes, _options.Rules);
    }

    /// <summary>Scans ActionTrail files (OSS delivery layout or any folder); progress is reported through the log.</summary>
    public static async Task<ActivityScanResult> ScanFilesAsync(IReadOnlyList<string> paths, IReadOnlyList<string> roleNames, DateTimeOffset? from,
        DateTimeOffset? to, RamCodeMap? ramCodes, IAckLog? log, CancellationToken cancellationToken, ActivityCoverageRules? rules = null)
    {
        log ??= NullAckLog.Instance;
        var options = new ActivityScanOptions
        {
            RoleNames = roleNames,
            RamCodes = ramCodes ?? RamCodeMap.Default,
            Rules = rules ?? ActivityCoverageRules.Default,
            WindowStart = from,
            WindowEnd = to,
        };
        var lastPercent = -1;
        var progress = new SynchronousProgress(p =>
        {
            var percent = p.FilesTotal == 0 ? 100 : p.FilesDone * 100 / p.FilesTotal;
            // Reported from worker threads: send only changes of the percentage, not one record per file.
            if (Interlocked.Exchange(ref lastPercent, percent) == percent) return;
            log.Progress(new AckProgress(ProgressActivityId, "Reading ActionTrail files",
                $"{p.FilesDone} of {p.FilesTotal} files, {p.EventsRead:N0} events", percent));
        });
        var result = await ActivityFileScanner.ScanAsync(paths, options, progress, cancellationToken).ConfigureAwait(false);
        log.Progress(new AckProgress(ProgressActivityId, "Reading ActionTrail files", "Done", Completed: true));
        foreach (var p in result.Problems)
            log.Warning($"{p.Path}: {(p.Stopped ? "reading stopped" : $"{p.MalformedRecords} malformed record(s) skipped")}: {p.Message}");
        log.Verbose($"Read {result.FilesRead} file(s), {result.EventsRead:N0} events ({result.DecompressedBytes / 1e6:F1} MB).");
        return result;
    }

    /// <summary>Logstore names: 3-63 lower-case letters, digits, '-' and '_' (also keeps the path safe).</summary>
    public static void ValidateLogstore(string? logstore)
    {
        if (logstore is null || logstore.Length is < 3 or > 63 || !logstore.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_'))
            throw new AckException("AckInvalidLogstore", AckErrorKind.InvalidArgument,
                $"'{logstore}' is not a valid logstore name: 3-63 lower-case letters, digits, '-' and '_'.", logstore);
    }

    /// <summary>IProgress that calls back on the reporting thread (Progress&lt;T&gt; would post to a context that may not exist).</summary>
    private sealed class SynchronousProgress(Action<ActivityScanProgress> report) : IProgress<ActivityScanProgress>
    {
        public void Report(ActivityScanProgress value) => report(value);
    }
}
