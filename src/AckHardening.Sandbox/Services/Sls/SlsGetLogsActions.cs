using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using AckHardening.Sandbox.Auth;
using AckHardening.Sandbox.Pipeline;
using AckHardening.Sandbox.Services.Sls.Query;

namespace AckHardening.Sandbox.Services.Sls;

/// <summary>
/// GetLogs (<c>GET /logstores/{logstore}?type=log&amp;from&amp;to&amp;query[&amp;line&amp;offset&amp;reverse&amp;topic]</c>), project
/// in the Host header. Answers a JSON array of objects whose values are all strings, with x-log-progress,
/// x-log-count and x-log-processed-rows. line/offset/reverse only apply to search results; SQL pages with LIMIT.
/// </summary>
public sealed class SlsGetLogsActions : IApiModule
{
    public const int MaxLine = 100;

    public void Register(ApiRegistry r) => r.Roa(SandboxServices.Sls, "GET", "/logstores/{logstore}", "GetLogs", GetLogs);

    private static ValueTask<ApiResult> GetLogs(ApiCall c)
    {
        var watch = Stopwatch.StartNew();
        var store = c.State.Sls();
        var projectName = ProjectFromHost(c.Http.Request.Headers.Host.ToString());
        var project = store.FindProject(projectName) ?? throw SlsErrors.ProjectNotExist(projectName);
        var logstoreName = c.RouteValue("logstore");
        var resource = $"acs:log:{project.Region}:{project.OwnerUid}:project/{project.Name}/logstore/{logstoreName}";
        if (c.Caller is not { } caller || caller.AccountUid != project.OwnerUid || !caller.IsAllowed("log:GetLogStoreLogs"))
            throw SlsErrors.Denied("log:GetLogStoreLogs", resource);
        var logstore = store.FindLogstore(project, logstoreName) ?? throw SlsErrors.LogStoreNotExist(logstoreName);

        var p = GetLogsParameters.Read(c);
        SlsQuery query;
        SqlEvaluator? sql = null;
        try
        {
            query = SlsQuery.Parse(p.Query);
            if (query.Select is { } select) sql = new SqlEvaluator(select, logstore.Columns);
        }
        catch (SlsQueryException e) { throw SlsErrors.InvalidQueryString(e.Message); }

        var matched = logstore.Rows
            .Where(r => r.Time >= p.From && r.Time < p.To && (p.Topic is null || r.Text("__topic__") == p.Topic) && query.Search.Matches(r, logstore.Index))
            .ToList();
        var incomplete = store.NextCallIncomplete(project.Name, logstore.Name, p.Key);
        // An unfinished scan has only seen part of the data: answer from the first half, as a partial result.
        var scanned = incomplete ? matched.Take(matched.Count / 2).ToList() : matched;

        var body = new JsonArray();
        if (sql is not null)
        {
            SqlResult result;
            try { result = sql.Execute(scanned); }
            catch (SlsQueryException e) { throw SlsErrors.InvalidQueryString(e.Message); }
            foreach (var row in result.Rows)
            {
                var item = new JsonObject();
                for (var i = 0; i < result.Columns.Count; i++) item[result.Columns[i]] = SqlValues.Format(row[i]);
                // SQL rows carry the reserved keys too (reference §4: clients must tolerate them).
                item.TryAdd(SlsLogRow.SourceField, "");
                item.TryAdd(SlsLogRow.TimeField, p.From.ToString(CultureInfo.InvariantCulture));
                body.Add(item);
            }
        }
        else
        {
            IEnumerable<SlsLogRow> ordered = p.Reverse ? Enumerable.Reverse(scanned) : scanned;
            foreach (var row in ordered.Skip(p.Offset).Take(p.Line))
            {
                var item = new JsonObject
                {
                    [SlsLogRow.TimeField] = row.Time.ToString(CultureInfo.InvariantCulture),
                    [SlsLogRow.SourceField] = row.Source,
                };
                foreach (var (k, v) in row.Fields) item[k] = v;
                body.Add(item);
            }
        }

        var response = ApiResult.Ok(body);
        response.Headers["x-log-progress"] = incomplete ? "Incomplete" : "Complete";
        response.Headers["x-log-count"] = body.Count.ToString(CultureInfo.InvariantCulture);
        response.Headers["x-log-processed-rows"] = scanned.Count.ToString(CultureInfo.InvariantCulture);
        response.Headers["x-log-has-sql"] = sql is null ? "False" : "True";
        response.Headers["x-log-elapsed-millisecond"] = watch.ElapsedMilliseconds.ToString(CultureInfo.InvariantCulture);
        return ValueTask.FromResult(response);
    }

    /// <summary>The project is the first label of <c>&lt;project&gt;.&lt;endpoint&gt;[:port]</c>; a bare address names none.</summary>
    internal static string ProjectFromHost(string host)
    {
        var name = host;
        if (name.StartsWith('[')) throw SlsErrors.InvalidHost(host);
        var colon = name.LastIndexOf(':');
        if (colon >= 0) name = name[..colon];
        var dot = name.IndexOf('.');
        if (dot <= 0 || IPAddress.TryParse(name, out _)) throw SlsErrors.InvalidHost(host);
        return name[..dot];
    }
}

/// <summary>GetLogs query parameters, checked as SLS documents them.</summary>
internal sealed record GetLogsParameters(long From, long To, string Query, string? Topic, int Line, int Offset, bool Reverse, string Key)
{
    public static GetLogsParameters Read(ApiCall c)
    {
        var type = c.Param("type");
        if (type is null) throw SlsErrors.ParameterInvalid("parameter type is required (type=log).");
        if (type != "log") throw SlsErrors.ParameterInvalid($"parameter type '{type}' is invalid; only 'log' is supported.");
        var from = Seconds(c, "from");
        var to = Seconds(c, "to");
        if (from >= to) throw SlsErrors.InvalidTimeRange($"from ({from}) must be earlier than to ({to}).");
        var line = Integer(c, "line", SlsGetLogsActions.MaxLine, "InvalidLine", 0, SlsGetLogsActions.MaxLine);
        var offset = Integer(c, "offset", 0, "InvalidOffset", 0, int.MaxValue);
        var reverse = c.Param("reverse") switch
        {
            null or "false" => false,
            "true" => true,
            var v => throw new ApiException(400, "InvalidReverse", $"reverse '{v}' must be true or false."),
        };
        var query = c.Param("query") ?? "";
        var topic = c.Param("topic") is { Length: > 0 } t ? t : null;
        var key = string.Join('\n', from, to, query, topic, line, offset, reverse);
        return new GetLogsParameters(from, to, query, topic, line, offset, reverse, key);
    }

    private static long Seconds(ApiCall c, string name)
    {
        var text = c.Param(name) ?? throw SlsErrors.InvalidTimeRange($"parameter {name} is required (Unix seconds).");
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v))
            throw SlsErrors.InvalidTimeRange($"parameter {name} '{text}' is not a Unix time in seconds.");
        return v;
    }

    private static int Integer(ApiCall c, string name, int fallback, string code, int min, int max)
    {
        var text = c.Param(name);
        if (text is null) return fallback;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) || v < min || v > max)
            throw new ApiException(400, code, $"{name} '{text}' must be an integer from {min} to {max}.");
        return v;
    }
}
