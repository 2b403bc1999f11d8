using System.Globalization;
using System.Text;
using AckHardening.Core.Errors;

namespace AckHardening.Core.Audit.Sls;

/// <summary>The parameters of one GetLogs call (<c>GET /logstores/{logstore}?type=log…</c>); the project goes in the Host.</summary>
public sealed record SlsGetLogsRequest(string Logstore, long From, long To, string Query)
{
    public string Path => "/logstores/" + Uri.EscapeDataString(Logstore);

    /// <summary>Query-string parameters. line/offset/reverse are ignored by SLS for SQL queries, so they are not sent.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ToQueryParameters() =>
    [
        new("type", "log"),
        new("from", From.ToString(CultureInfo.InvariantCulture)),
        new("to", To.ToString(CultureInfo.InvariantCulture)),
        new("query", Query),
    ];
}

/// <summary>
/// Builds the GetLogs query that counts a role's calls in an ActionTrail logstore. The search part selects the roles
/// with a token prefix match on <c>event.userIdentity.userName</c> (the value is <c>&lt;role&gt;:&lt;session&gt;</c> and
/// ':' is a delimiter); the SQL part keeps exact <c>&lt;role&gt;:</c> prefixes (a prefix search also finds longer role
/// names), groups by role, serviceName and eventName, and pages with <c>limit offset, n</c>: SQL results stop at
/// 100 rows unless a limit is given, n ≤ 10,000 and offset + n ≤ 1,000,000.
/// </summary>
public static class SlsActivityQuery
{
    public const int MaxPageSize = 10_000;
    public const long MaxRows = 1_000_000;
    public const int DefaultPageSize = 10_000;

    /// <summary>The logstore ActionTrail creates for a trail delivering to SLS.</summary>
    public static string LogstoreForTrail(string trailName) => "actiontrail_" + trailName;

    /// <summary>Seconds in a UTC day: <c>__time__ - __time__ % 86400</c> is the start of the event's UTC day.</summary>
    public const int SecondsPerDay = 86_400;

    private const string RoleExpression = "lower(split_part(\"event.userIdentity.userName\", ':', 1))";
    private const string DayExpression = "__time__ - __time__ % 86400";

    public static string Build(IReadOnlyList<string> roleNames, long offset = 0, int pageSize = DefaultPageSize)
    {
        var roles = CheckedRoles(roleNames, offset, pageSize);
        var denial = string.Join('|', DenialClassifier.DenialMarkers);
        var sb = new StringBuilder();
        AppendSearch(sb, roles);
        sb.Append(" | select ").Append(RoleExpression).Append(" as role");
        sb.Append(", \"event.serviceName\" as service, \"event.eventName\" as event, count(*) as total");
        sb.Append($", sum(case when regexp_like(lower(coalesce(\"event.errorCode\", '')), '{denial}') then 1 else 0 end) as denied");
        sb.Append(", sum(case when coalesce(\"event.errorCode\", '') <> '' then 1 else 0 end) as failed");
        sb.Append(", min(__time__) as first_seen, max(__time__) as last_seen");
        AppendWhere(sb, roles);
        sb.Append(" group by ").Append(RoleExpression).Append(", \"event.serviceName\", \"event.eventName\"");
        sb.Append(" order by total desc, role, service, event");
        sb.Append(CultureInfo.InvariantCulture, $" limit {offset}, {pageSize}");
        return sb.ToString();
    }

    /// <summary>
    /// The companion query that tells on which UTC days each role called: the same search and WHERE as
    /// <see cref="Build"/>, grouped by role and day start (Unix seconds), one row per (role, day). Log Service does
    /// the counting, so only roles × days rows travel; it pages like the activity query.
    /// </summary>
    public static string BuildDays(IReadOnlyList<string> roleNames, long offset = 0, int pageSize = DefaultPageSize)
    {
        var roles = CheckedRoles(roleNames, offset, pageSize);
        var sb = new StringBuilder();
        AppendSearch(sb, roles);
        sb.Append(" | select ").Append(RoleExpression).Append(" as role, ").Append(DayExpression).Append(" as day, count(*) as n");
        AppendWhere(sb, roles);
        sb.Append(" group by ").Append(RoleExpression).Append(", ").Append(DayExpression);
        sb.Append(" order by role, day");
        sb.Append(CultureInfo.InvariantCulture, $" limit {offset}, {pageSize}");
        return sb.ToString();
    }

    private static List<string> CheckedRoles(IReadOnlyList<string> roleNames, long offset, int pageSize)
    {
        ArgumentNullException.ThrowIfNull(roleNames);
        if (roleNames.Count == 0) throw new AckException("AckInvalidRoleName", AckErrorKind.InvalidArgument, "At least one role name is required.");
        foreach (var r in roleNames) RolePrincipalMatcher.ValidateRoleName(r); // also keeps quotes and wildcards out of the query
        if (pageSize is < 1 or > MaxPageSize)
            throw new AckException("AckInvalidPageSize", AckErrorKind.InvalidArgument, $"The page size must be between 1 and {MaxPageSize}.");
        if (offset < 0 || offset + pageSize > MaxRows)
            throw new AckException("AckTooManyRows", AckErrorKind.LimitsExceeded, $"SLS returns at most {MaxRows} SQL rows (offset + page size).");
        return roleNames.Select(r => r.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList();
    }

    private static void AppendSearch(StringBuilder sb, List<string> roles)
    {
        sb.Append(roles.Count == 1 ? "" : "(");
        sb.AppendJoin(" or ", roles.Select(r => $"event.userIdentity.userName: {r}*"));
        sb.Append(roles.Count == 1 ? "" : ")");
        sb.Append(" and event.eventType: ApiCall");
    }

    private static void AppendWhere(StringBuilder sb, List<string> roles)
    {
        sb.Append(" from log where ");
        sb.AppendJoin(" or ", roles.Select(r => $"lower(\"event.userIdentity.userName\") like '{r}:%'"));
    }

    /// <summary>The request for one page; the window is [from, to) in Unix seconds.</summary>
    public static SlsGetLogsRequest BuildRequest(string logstore, DateTimeOffset from, DateTimeOffset to, IReadOnlyList<string> roleNames,
        long offset = 0, int pageSize = DefaultPageSize)
    {
        var (f, t) = CheckedWindow(logstore, from, to);
        return new SlsGetLogsRequest(logstore, f, t, Build(roleNames, offset, pageSize));
    }

    /// <summary>The request for one page of the days query (<see cref="BuildDays"/>) over the same window.</summary>
    public static SlsGetLogsRequest BuildDaysRequest(string logstore, DateTimeOffset from, DateTimeOffset to, IReadOnlyList<string> roleNames,
        long offset = 0, int pageSize = DefaultPageSize)
    {
        var (f, t) = CheckedWindow(logstore, from, to);
        return new SlsGetLogsRequest(logstore, f, t, BuildDays(roleNames, offset, pageSize));
    }

    private static (long From, long To) CheckedWindow(string logstore, DateTimeOffset from, DateTimeOffset to)
    {
        if (string.IsNullOrWhiteSpace(logstore)) throw new AckException("AckInvalidLogstore", AckErrorKind.InvalidArgument, "A logstore name is required.");
        var f = from.ToUnixTimeSeconds();
        var t = to.ToUnixTimeSeconds();
        if (t <= f) throw new AckException("AckInvalidWindow", AckErrorKind.InvalidArgument, "The window end must be after its start (SLS rejects from == to).");
        return (f, t);
    }

    /// <summary>
    /// Whether another page must be fetched after a complete page of <paramref name="rowsReturned"/> rows, and its offset.
    /// <paramref name="truncated"/> is set when more rows exist than SLS can page to.
    /// </summary>
    public static bool TryGetNextOffset(long offset, int pageSize, int rowsReturned, out long nextOffset, out bool truncated)
    {
        nextOffset = offset + rowsReturned;
        truncated = false;
        if (rowsReturned < pageSize) return false;
        if (nextOffset + 1 > MaxRows) { truncated = true; return false; }
        return true;
    }

    /// <summary>The largest page size allowed at <paramref name="offset"/>.</summary>
    public static int PageSizeAt(long offset, int pageSize = DefaultPageSize) => (int)Math.Min(pageSize, MaxRows - offset);
}
