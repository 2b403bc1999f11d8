using AckHardening.Core.Audit.Sls;
using AckHardening.Sandbox.Services.Sls;
using AckHardening.Sandbox.Services.Sls.Query;

namespace AckHardening.Core.Tests.AuditSandbox;

/// <summary>The sandbox's query engine on hand-made logs: search semantics, SQL functions, grouping and errors.</summary>
public class SlsQueryEngineTests
{
    private static SlsLogRow Log(long time, string user, string service, string eventName, string errorCode = "", string type = "ApiCall") =>
        new(time, "actiontrail", new Dictionary<string, string>
        {
            ["event.userIdentity.userName"] = user, ["event.serviceName"] = service, ["event.eventName"] = eventName,
            ["event.errorCode"] = errorCode, ["event.eventType"] = type,
        });

    private static readonly SlsLogRow[] Logs =
    [
        Log(100, "KubernetesWorkerRole-abc:vm-ram-i-1", "Ecs", "DescribeDisks"),
        Log(200, "KubernetesWorkerRole-abc:vm-ram-i-2", "Ecs", "DescribeDisks", "Forbidden.RAM"),
        Log(300, "KubernetesWorkerRole-abc:vm-ram-i-1", "Cr", "GetAuthorizationToken", "Throttling.User"),
        Log(400, "KubernetesWorkerRole-abcx:vm-ram-i-9", "Ecs", "DescribeDisks"),
        Log(500, "KubernetesWorkerRole-abc", "Ecs", "DescribeDisks"),
        Log(600, "KubernetesWorkerRole-abc:vm-ram-i-1", "Ecs", "Preemptible", "", "AliyunServiceEvent"),
    ];

    private static readonly HashSet<string> Columns =
        ["__time__", "__source__", "event.userIdentity.userName", "event.serviceName", "event.eventName", "event.errorCode", "event.eventType"];

    private static List<SlsLogRow> Search(string q)
    {
        var index = new SearchIndex();
        var query = SlsQuery.Parse(q);
        return Logs.Where(l => query.Search.Matches(l, index)).ToList();
    }

    private static SqlResult Sql(string q)
    {
        var query = SlsQuery.Parse(q);
        var index = new SearchIndex();
        return new SqlEvaluator(query.Select!, Columns).Execute(Logs.Where(l => query.Search.Matches(l, index)));
    }

    [Fact]
    public void Time_arithmetic_with_modulo_groups_logs_by_day()
    {
        // Buckets of 250 s stand in for 86400 s days: 100 and 200 share bucket 0, 300 and 400 fall in 250.
        var e = Sql("* | select __time__ - __time__ % 250 as day, count(*) as n group by __time__ - __time__ % 250 order by day");
        Assert.Equal(["0:2", "250:2", "500:2"], e.Rows.Select(r => SqlValues.Format(r[0]) + ":" + SqlValues.Format(r[1])));
    }

    [Fact]
    public void Search_is_token_based_case_insensitive_with_prefix_and_not()
    {
        Assert.Equal(6, Search("*").Count);
        Assert.Equal(6, Search("").Count);
        // ':' splits role and session; '-' does not, so the prefix also finds the look-alike "abcx" and the exact token does not.
        Assert.Equal(6, Search("event.userIdentity.userName: kubernetesworkerrole-abc*").Count);
        Assert.Equal(5, Search("event.userIdentity.userName: KubernetesWorkerRole-abc").Count);
        Assert.Equal(3, Search("event.userIdentity.userName: kubernetesworkerrole-abc and event.eventType: ApiCall and event.serviceName: ecs").Count);
        Assert.Equal(2, Search("event.errorCode: *").Count);
        Assert.Equal(4, Search("* not event.errorCode: *").Count);
        Assert.Equal(2, Search("(event.serviceName: cr or event.errorCode: forbidden.ram)").Count);
        Assert.Single(Search("vm-ram-i-9"));
        Assert.Throws<SlsQueryException>(() => Search("event.serviceName: (Ecs"));
    }

    [Fact]
    public void Module_query_groups_roles_with_like_split_part_and_counts_denials()
    {
        var result = Sql(SlsActivityQuery.Build(["KubernetesWorkerRole-abc"], 0, 100));
        Assert.Equal(["role", "service", "event", "total", "denied", "failed", "first_seen", "last_seen"], result.Columns);
        // Rows: the look-alike (abcx), the bare ram-user name and the service event are excluded by the query.
        Assert.Equal(2, result.Rows.Count);
        var ecs = result.Rows[0];
        Assert.Equal(["kubernetesworkerrole-abc", "Ecs", "DescribeDisks", "2", "1", "1", "100", "200"], ecs.Select(SqlValues.Format));
        Assert.Equal(["kubernetesworkerrole-abc", "Cr", "GetAuthorizationToken", "1", "0", "1", "300", "300"], result.Rows[1].Select(SqlValues.Format));
    }

    [Fact]
    public void Aggregates_case_count_if_coalesce_having_and_ordinals()
    {
        var r = Sql("* | select \"event.serviceName\" as s, count_if(\"event.errorCode\" <> '') as bad, count(*) as n, " +
            "max(__time__) - min(__time__) as span from log group by \"event.serviceName\" having count(*) > 1 order by 3 desc");
        Assert.Single(r.Rows);
        Assert.Equal(["Ecs", "1", "5", "500"], r.Rows[0].Select(SqlValues.Format));
        var e = Sql("* | select sum(case when \"event.eventName\" like 'Describe%' then 1 else 0 end) as d, coalesce(null, 'x') as c, count(*) as n where __time__ >= 300");
        Assert.Equal(["2", "x", "4"], e.Rows[0].Select(SqlValues.Format));
        var none = Sql("* | select count(*) as n, sum(__time__) as s where __time__ > 10000");
        Assert.Equal(["0", "null"], none.Rows[0].Select(SqlValues.Format));
    }

    [Theory]
    [InlineData("* | select", "Expecting")]
    [InlineData("* | select count(*) from other", "does not exist")]
    [InlineData("* | select \"event.serviceName\" from log group by \"event.eventName\"", "GROUP BY")]
    [InlineData("* | select count(*) as n where count(*) > 1", "WHERE clause cannot contain aggregations")]
    [InlineData("* | select \"event.serviceName\" = 1 as x from log", "Cannot apply operator")]
    [InlineData("* | select count(*) as n limit 5, 10001", "10000")]
    [InlineData("* | select count(*) | select 1", "only one")]
    public void Errors_outside_the_subset_are_reported(string query, string fragment)
    {
        var e = Assert.Throws<SlsQueryException>(() => Sql(query));
        Assert.Contains(fragment, e.Message);
    }
}
