using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace AckHardening.Sandbox.Services.Sls.Query;

/// <summary>The result of the SQL part: column names in select order and one array of values per row.</summary>
public sealed record SqlResult(IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows);

/// <summary>
/// Runs a parsed SELECT over the logs that passed the search part: WHERE, grouping (explicit GROUP BY, or one group
/// when the select list aggregates), HAVING, ORDER BY (output aliases, ordinals or expressions), then LIMIT with SLS's
/// bounds (100 rows when no LIMIT is given). Columns must be indexed keys of the logstore, like in SLS.
/// </summary>
public sealed class SqlEvaluator
{
    public const int DefaultRows = 100;
    public const long MaxRows = 1_000_000;
    public const long MaxPageWithOffset = 10_000;

    private static readonly HashSet<string> Scalars = new(StringComparer.OrdinalIgnoreCase)
    {
        "lower", "upper", "split_part", "regexp_like", "coalesce", "length", "concat",
    };
    private static readonly ConcurrentDictionary<string, Regex> Patterns = new(StringComparer.Ordinal);

    private readonly SelectStatement _stmt;
    private readonly bool _aggregated;
    private readonly HashSet<string> _groupTexts;

    public SqlEvaluator(SelectStatement statement, IReadOnlySet<string> columns)
    {
        _stmt = statement;
        CheckLimit(statement);
        var aliases = new HashSet<string>(statement.Items.Where(i => i.Alias is not null).Select(i => i.Alias!), StringComparer.OrdinalIgnoreCase);
        foreach (var item in statement.Items) Validate(item.Expr, columns, null, false);
        if (statement.Where is { } w) { Validate(w, columns, null, false); if (HasAggregate(w)) throw SlsQueryException.At(w.Position, "WHERE clause cannot contain aggregations"); }
        foreach (var g in statement.GroupBy)
        {
            Validate(g, columns, null, false);
            if (HasAggregate(g)) throw SlsQueryException.At(g.Position, "GROUP BY clause cannot contain aggregations");
        }
        if (statement.Having is { } h) Validate(h, columns, aliases, false);
        foreach (var o in statement.OrderBy) Validate(o.Expr, columns, aliases, false);

        _aggregated = statement.GroupBy.Count > 0 || statement.Items.Any(i => HasAggregate(i.Expr)) || statement.Having is not null;
        _groupTexts = new HashSet<string>(statement.GroupBy.Select(g => g.Text), StringComparer.Ordinal);
        if (_aggregated)
        {
            foreach (var item in statement.Items) CheckGrouped(item.Expr, null);
            if (statement.Having is { } hv) CheckGrouped(hv, aliases);
            foreach (var o in statement.OrderBy) CheckGrouped(o.Expr, aliases);
        }
    }

    public SqlResult Execute(IEnumerable<SlsLogRow> logs)
    {
        var columns = _stmt.Items.Select((item, i) => item.OutputName(i)).ToList();
        var filtered = _stmt.Where is null ? logs : logs.Where(r => Eval(_stmt.Where, new Context(r, null, null)) is true);
        var produced = new List<(object?[] Values, object?[] Keys)>();
        if (_aggregated)
        {
            var groups = new Dictionary<string, List<SlsLogRow>>(StringComparer.Ordinal);
            var order = new List<string>();
            foreach (var row in filtered)
            {
                var key = _stmt.GroupBy.Count == 0 ? "" : GroupKey(row);
                if (!groups.TryGetValue(key, out var list)) { groups[key] = list = new List<SlsLogRow>(); order.Add(key); }
                list.Add(row);
            }
            if (_stmt.GroupBy.Count == 0 && groups.Count == 0) { groups[""] = new List<SlsLogRow>(); order.Add(""); }
            foreach (var key in order)
            {
                var rows = groups[key];
                var values = _stmt.Items.Select(i => Eval(i.Expr, new Context(rows.FirstOrDefault(), rows, null))).ToArray();
                var ctx = new Context(rows.FirstOrDefault(), rows, Outputs(columns, values));
                if (_stmt.Having is { } having && Eval(having, ctx) is not true) continue;
                produced.Add((values, _stmt.OrderBy.Select(o => SortKey(o.Expr, ctx, values)).ToArray()));
            }
        }
        else
        {
            foreach (var row in filtered)
            {
                var values = _stmt.Items.Select(i => Eval(i.Expr, new Context(row, null, null))).ToArray();
                var ctx = new Context(row, null, Outputs(columns, values));
                produced.Add((values, _stmt.OrderBy.Select(o => SortKey(o.Expr, ctx, values)).ToArray()));
            }
        }

        IEnumerable<(object?[] Values, object?[] Keys)> ordered = produced;
        if (_stmt.OrderBy.Count > 0)
        {
            var list = produced.ToList();
            var directions = _stmt.OrderBy.Select(o => o.Descending).ToArray();
            // List.Sort is unstable; a stable order keeps equal rows in first-seen order.
            ordered = list.Select((p, i) => (p, i)).OrderBy(x => x, Comparer<((object?[] Values, object?[] Keys) p, int i)>.Create((a, b) =>
            {
                for (var k = 0; k < directions.Length; k++)
                {
                    var c = SqlValues.SortCompare(a.p.Keys[k], b.p.Keys[k], directions[k]);
                    if (c != 0) return c;
                }
                return a.i.CompareTo(b.i);
            })).Select(x => x.p);
        }
        var skip = _stmt.Offset ?? 0;
        var take = _stmt.Limit ?? DefaultRows;
        return new SqlResult(columns, ordered.Skip((int)Math.Min(skip, int.MaxValue)).Take((int)Math.Min(take, int.MaxValue)).Select(p => p.Values).ToList());
    }

    private static void CheckLimit(SelectStatement s)
    {
        if (s.Limit is not { } limit) return;
        if (s.Offset is { } offset)
        {
            if (limit > MaxPageWithOffset) throw new SlsQueryException($"LIMIT offset, count: count must be between 0 and {MaxPageWithOffset}, got {limit}.");
            if (offset > MaxRows) throw new SlsQueryException($"LIMIT offset, count: offset must be between 0 and {MaxRows}, got {offset}.");
            if (offset + limit > MaxRows) throw new SlsQueryException($"LIMIT offset, count: offset + count must not exceed {MaxRows}.");
        }
        else if (limit > MaxRows) throw new SlsQueryException($"LIMIT count must be between 0 and {MaxRows}, got {limit}.");
    }

    private string GroupKey(SlsLogRow row)
    {
        var sb = new StringBuilder();
        foreach (var g in _stmt.GroupBy)
        {
            var v = Eval(g, new Context(row, null, null));
            sb.Append(v is null ? "\u0001" : SqlValues.TypeName(v) + ":" + SqlValues.Format(v)).Append('\u0000');
        }
        return sb.ToString();
    }

    private static Dictionary<string, object?> Outputs(List<string> columns, object?[] values)
    {
        var map = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < columns.Count; i++) map.TryAdd(columns[i], values[i]);
        return map;
    }

    private object? SortKey(SqlExpr e, Context ctx, object?[] values)
    {
        if (e is LiteralExpr { Value: long n })
            return n >= 1 && n <= values.Length ? values[n - 1] : throw SlsQueryException.At(e.Position, $"ORDER BY position {n} is not in select list");
        return Eval(e, ctx);
    }

    private sealed record Context(SlsLogRow? Row, List<SlsLogRow>? Group, Dictionary<string, object?>? Outputs);

    private object? Eval(SqlExpr e, Context ctx)
    {
        switch (e)
        {
            case LiteralExpr l: return l.Value;
            case ColumnExpr c:
                if (ctx.Outputs is not null && ctx.Outputs.TryGetValue(c.Name, out var output)) return output;
                if (ctx.Row is null) return null;
                return c.Name == SlsLogRow.TimeField ? ctx.Row.Time : ctx.Row.Text(c.Name);
            case FunctionExpr f when f.IsAggregate: return Aggregate(f, ctx);
            case FunctionExpr f: return Scalar(f, ctx);
            case UnaryExpr { Op: "not" } u: return Eval(u.Operand, ctx) is bool truth ? !truth : null;
            case UnaryExpr u:
                return Eval(u.Operand, ctx) switch
                {
                    null => null, long l => -l, double d => -d,
                    var v => throw SlsQueryException.At(u.Position, $"Cannot negate {SqlValues.TypeName(v)}"),
                };
            case BinaryExpr { Op: "and" } b:
            {
                var left = Eval(b.Left, ctx);
                if (left is false) return false;
                var right = Eval(b.Right, ctx);
                return right is false ? false : left is true && right is true ? true : null;
            }
            case BinaryExpr { Op: "or" } b:
            {
                var left = Eval(b.Left, ctx);
                if (left is true) return true;
                var right = Eval(b.Right, ctx);
                return right is true ? true : left is false && right is false ? false : null;
            }
            case BinaryExpr b: return Binary(b, Eval(b.Left, ctx), Eval(b.Right, ctx));
            case LikeExpr like:
            {
                var value = Eval(like.Value, ctx);
                var pattern = Eval(like.Pattern, ctx);
                if (value is null || pattern is null) return null;
                if (value is not string s || pattern is not string p) throw SlsQueryException.At(like.Position, "LIKE needs varchar operands");
                return LikeRegex(p).IsMatch(s) != like.Negated;
            }
            case IsNullExpr isNull: return (Eval(isNull.Value, ctx) is null) != isNull.Negated;
            case InExpr inExpr:
            {
                var value = Eval(inExpr.Value, ctx);
                if (value is null) return null;
                var found = inExpr.Items.Select(i => Eval(i, ctx)).Any(v => v is not null && SqlValues.Compare(value, v, "in", inExpr.Position) == 0);
                return found != inExpr.Negated;
            }
            case CaseExpr cs:
                foreach (var (when, then) in cs.Branches)
                    if (Eval(when, ctx) is true) return Eval(then, ctx);
                return cs.Else is null ? null : Eval(cs.Else, ctx);
            default: throw SlsQueryException.At(e.Position, "unsupported expression");
        }
    }

    private static object? Binary(BinaryExpr b, object? left, object? right)
    {
        if (left is null || right is null) return null;
        switch (b.Op)
        {
            case "=": return SqlValues.Compare(left, right, "=", b.Position) == 0;
            case "<>": return SqlValues.Compare(left, right, "<>", b.Position) != 0;
            case "<": return SqlValues.Compare(left, right, "<", b.Position) < 0;
            case "<=": return SqlValues.Compare(left, right, "<=", b.Position) <= 0;
            case ">": return SqlValues.Compare(left, right, ">", b.Position) > 0;
            case ">=": return SqlValues.Compare(left, right, ">=", b.Position) >= 0;
            case "||": return SqlValues.Format(left) + SqlValues.Format(right);
        }
        if (!SqlValues.IsNumber(left) || !SqlValues.IsNumber(right))
            throw SlsQueryException.At(b.Position, $"Cannot apply operator: {SqlValues.TypeName(left)} {b.Op} {SqlValues.TypeName(right)}");
        if (left is long x && right is long y)
            return b.Op switch
            {
                "+" => x + y, "-" => x - y, "*" => x * y,
                "/" => y == 0 ? throw new SlsQueryException("Division by zero") : x / y,
                "%" => y == 0 ? throw new SlsQueryException("Division by zero") : x % y,
                _ => throw SlsQueryException.At(b.Position, $"unsupported operator {b.Op}"),
            };
        double dx = SqlValues.ToDouble(left), dy = SqlValues.ToDouble(right);
        return b.Op switch
        {
            "+" => dx + dy, "-" => dx - dy, "*" => dx * dy, "/" => dx / dy, "%" => dx % dy,
            _ => throw SlsQueryException.At(b.Position, $"unsupported operator {b.Op}"),
        };
    }

    private object? Aggregate(FunctionExpr f, Context ctx)
    {
        var rows = ctx.Group ?? (ctx.Row is null ? [] : [ctx.Row]);
        IEnumerable<object?> Values() => rows.Select(r => Eval(f.Args[0], new Context(r, null, null)));
        switch (f.Name)
        {
            case "count": return f.Star ? rows.Count : (long)Values().Count(v => v is not null);
            case "count_if": return (long)Values().Count(v => v is true);
            case "sum":
            {
                var values = Values().Where(v => v is not null).ToList();
                if (values.Count == 0) return null;
                if (values.Any(v => !SqlValues.IsNumber(v))) throw SlsQueryException.At(f.Position, "sum() needs numeric values");
                return values.All(v => v is long) ? (object)values.Sum(v => (long)v!) : values.Sum(v => SqlValues.ToDouble(v!)); // bigint stays bigint
            }
            case "avg":
            {
                var values = Values().Where(v => v is not null).ToList();
                if (values.Count == 0) return null;
                if (values.Any(v => !SqlValues.IsNumber(v))) throw SlsQueryException.At(f.Position, "avg() needs numeric values");
                return values.Average(v => SqlValues.ToDouble(v!));
            }
            case "min":
            case "max":
            {
                object? best = null;
                foreach (var v in Values())
                {
                    if (v is null) continue;
                    if (best is null) { best = v; continue; }
                    var c = SqlValues.Compare(v, best, f.Name, f.Position);
                    if (f.Name == "min" ? c < 0 : c > 0) best = v;
                }
                return best;
            }
            default: throw SlsQueryException.At(f.Position, $"Function {f.Name} not registered");
        }
    }

    private object? Scalar(FunctionExpr f, Context ctx)
    {
        var args = f.Args.Select(a => Eval(a, ctx)).ToArray();
        string? Str(int i) => args[i] switch
        {
            null => null, string s => s,
            var v => throw SlsQueryException.At(f.Position, $"Unexpected parameters ({SqlValues.TypeName(v)}) for function {f.Name}. Expected: {f.Name}(varchar)"),
        };
        switch (f.Name)
        {
            case "lower": return Str(0)?.ToLowerInvariant();
            case "upper": return Str(0)?.ToUpperInvariant();
            case "length": return Str(0) is { } s ? (long)s.Length : null;
            case "coalesce": return args.FirstOrDefault(a => a is not null);
            case "concat": return args.Any(a => a is null) ? null : string.Concat(args.Select(SqlValues.Format));
            case "split_part":
            {
                var text = Str(0);
                var delimiter = Str(1);
                if (text is null || delimiter is null || args[2] is null) return null;
                if (args[2] is not long index || index < 1) throw SlsQueryException.At(f.Position, "Index must be greater than zero");
                var parts = delimiter.Length == 0 ? [text] : text.Split(delimiter);
                return index <= parts.Length ? parts[index - 1] : null;
            }
            case "regexp_like":
            {
                var text = Str(0);
                var pattern = Str(1);
                if (text is null || pattern is null) return null;
                Regex regex;
                try { regex = Patterns.GetOrAdd("re:" + pattern, p => new Regex(p[3..], RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1))); }
                catch (ArgumentException e) { throw SlsQueryException.At(f.Position, "Invalid regular expression: " + e.Message); }
                return regex.IsMatch(text);
            }
            default: throw SlsQueryException.At(f.Position, $"Function {f.Name} not registered");
        }
    }

    private static Regex LikeRegex(string pattern) => Patterns.GetOrAdd("like:" + pattern, key =>
    {
        var sb = new StringBuilder("^");
        foreach (var c in key[5..])
            sb.Append(c switch { '%' => ".*", '_' => ".", _ => Regex.Escape(c.ToString()) });
        return new Regex(sb.Append('$').ToString(), RegexOptions.Singleline | RegexOptions.CultureInvariant);
    });

    private static bool HasAggregate(SqlExpr e) => e switch
    {
        FunctionExpr f => f.IsAggregate || f.Args.Any(HasAggregate),
        UnaryExpr u => HasAggregate(u.Operand),
        BinaryExpr b => HasAggregate(b.Left) || HasAggregate(b.Right),
        LikeExpr l => HasAggregate(l.Value) || HasAggregate(l.Pattern),
        IsNullExpr n => HasAggregate(n.Value),
        InExpr i => HasAggregate(i.Value) || i.Items.Any(HasAggregate),
        CaseExpr c => c.Branches.Any(b => HasAggregate(b.When) || HasAggregate(b.Then)) || c.Else is not null && HasAggregate(c.Else),
        _ => false,
    };

    /// <summary>Columns must be indexed keys (or, where allowed, output aliases); functions must exist with the right arity.</summary>
    private static void Validate(SqlExpr e, IReadOnlySet<string> columns, HashSet<string>? aliases, bool insideAggregate)
    {
        switch (e)
        {
            case ColumnExpr c:
                if (!columns.Contains(c.Name) && aliases?.Contains(c.Name) != true)
                    throw SlsQueryException.At(c.Position, $"Column '{c.Name}' cannot be resolved");
                return;
            case FunctionExpr f:
                if (f.IsAggregate && insideAggregate) throw SlsQueryException.At(f.Position, $"Cannot nest aggregations inside aggregation '{f.Name}'");
                if (!f.IsAggregate && !Scalars.Contains(f.Name)) throw SlsQueryException.At(f.Position, $"Function {f.Name} not registered");
                var arity = f.Name switch
                {
                    "count" => f.Star ? (0, 0) : (1, 1), "count_if" or "sum" or "min" or "max" or "avg" or "lower" or "upper" or "length" => (1, 1),
                    "split_part" => (3, 3), "regexp_like" => (2, 2), "coalesce" or "concat" => (1, int.MaxValue), _ => (0, int.MaxValue),
                };
                if (f.Args.Count < arity.Item1 || f.Args.Count > arity.Item2)
                    throw SlsQueryException.At(f.Position, $"Unexpected parameters ({f.Args.Count} arguments) for function {f.Name}");
                foreach (var a in f.Args) Validate(a, columns, aliases, insideAggregate || f.IsAggregate);
                return;
            default:
                foreach (var child in Children(e)) Validate(child, columns, aliases, insideAggregate);
                return;
        }
    }

    /// <summary>In an aggregated query, a column may only be used inside an aggregate or as part of a GROUP BY expression.</summary>
    private void CheckGrouped(SqlExpr e, HashSet<string>? aliases)
    {
        if (_groupTexts.Contains(e.Text) || e is LiteralExpr) return;
        switch (e)
        {
            case FunctionExpr { IsAggregate: true }: return;
            case ColumnExpr c when aliases?.Contains(c.Name) == true: return;
            case ColumnExpr c: throw SlsQueryException.At(c.Position, $"'{c.Name}' must be an aggregate expression or appear in GROUP BY clause");
            default:
                foreach (var child in Children(e)) CheckGrouped(child, aliases);
                return;
        }
    }

    private static IEnumerable<SqlExpr> Children(SqlExpr e) => e switch
    {
        FunctionExpr f => f.Args,
        UnaryExpr u => [u.Operand],
        BinaryExpr b => [b.Left, b.Right],
        LikeExpr l => [l.Value, l.Pattern],
        IsNullExpr n => [n.Value],
        InExpr i => [i.Value, .. i.Items],
        CaseExpr c => c.Branches.SelectMany(b => new[] { b.When, b.Then }).Concat(c.Else is null ? [] : [c.Else]),
        _ => [],
    };
}
