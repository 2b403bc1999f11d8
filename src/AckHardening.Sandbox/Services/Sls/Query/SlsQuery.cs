namespace AckHardening.Sandbox.Services.Sls.Query;

/// <summary>
/// A GetLogs query: the search statement, then optionally '|' and one SELECT (the analytic statement). The split is
/// at the first '|' outside quotes; an empty search statement means '*'.
/// </summary>
public sealed class SlsQuery
{
    private SlsQuery(SearchNode search, SelectStatement? select)
    {
        Search = search;
        Select = select;
    }

    public SearchNode Search { get; }
    public SelectStatement? Select { get; }
    public bool HasSql => Select is not null;

    public static SlsQuery Parse(string? text)
    {
        text ??= "";
        var bar = FindBar(text);
        var search = SearchParser.Parse(bar < 0 ? text : text[..bar]);
        if (bar < 0) return new SlsQuery(search, null);
        var sql = text[(bar + 1)..];
        if (sql.Trim().Length == 0) throw SlsQueryException.At(bar, "the analytic statement after '|' is empty.");
        if (FindBar(sql) >= 0) throw SlsQueryException.At(bar + 1 + FindBar(sql), "only one analytic statement is supported after '|'.");
        return new SlsQuery(search, SqlParser.Parse(sql, bar + 1));
    }

    private static int FindBar(string text)
    {
        char? quote = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is { } q) { if (c == q) quote = null; }
            else if (c is '"' or '\'') quote = c;
            else if (c == '|')
            {
                if (i + 1 < text.Length && text[i + 1] == '|') { i++; continue; } // '||' is string concatenation
                return i;
            }
        }
        return -1;
    }
}
