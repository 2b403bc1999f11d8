using System.Globalization;

namespace AckHardening.Sandbox.Services.Sls.Query;

/// <summary>
/// Recursive-descent parser for the SQL subset (the analytic part after '|'):
/// <code>
/// select  := SELECT item (',' item)* [FROM log] [WHERE expr] [GROUP BY expr (',' expr)*] [HAVING expr]
///            [ORDER BY expr [ASC|DESC] (',' …)*] [LIMIT n | LIMIT offset ',' n]
/// item    := expr [[AS] alias]
/// expr    := or;  or := and (OR and)*;  and := not (AND not)*;  not := NOT not | predicate
/// predicate := additive [cmp additive | [NOT] LIKE additive | IS [NOT] NULL | [NOT] IN '(' expr, … ')']
/// additive := term (('+'|'-'|'||') term)*;  term := unary (('*'|'/'|'%') unary)*;  unary := '-' unary | primary
/// primary := number | 'string' | "column" | column | NULL | TRUE | FALSE | func '(' [*|args] ')'
///          | CASE WHEN expr THEN expr … [ELSE expr] END | '(' expr ')'
/// </code>
/// Dotted column names must be double-quoted, as in SLS. Anything else is an SLS-style error.
/// </summary>
public sealed class SqlParser
{
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "select", "from", "where", "group", "by", "having", "order", "limit", "as", "and", "or", "not", "like", "is", "null",
        "in", "case", "when", "then", "else", "end", "asc", "desc", "true", "false",
    };

    private readonly List<SqlToken> _tokens;
    private int _i;

    private SqlParser(List<SqlToken> tokens) => _tokens = tokens;

    public static SelectStatement Parse(string sql, int offset) => new SqlParser(SqlLexer.Tokenize(sql, offset)).ParseSelect();

    private SqlToken Peek => _tokens[_i];
    private SqlToken Next() => _tokens[_i++];

    private SelectStatement ParseSelect()
    {
        Expect("select");
        var items = new List<SelectItem> { ParseItem() };
        while (TrySymbol(",")) items.Add(ParseItem());
        if (TryKeyword("from"))
        {
            var table = Next();
            if (table.Kind is not (SqlTokenKind.Identifier or SqlTokenKind.QuotedIdentifier) || !table.Text.Equals("log", StringComparison.OrdinalIgnoreCase))
                throw SlsQueryException.At(table.Position, $"Table '{table}' does not exist; query the logstore as 'log'.");
        }
        SqlExpr? where = TryKeyword("where") ? ParseExpr() : null;
        var groupBy = new List<SqlExpr>();
        if (TryKeyword("group"))
        {
            Expect("by");
            groupBy.Add(ParseExpr());
            while (TrySymbol(",")) groupBy.Add(ParseExpr());
        }
        SqlExpr? having = TryKeyword("having") ? ParseExpr() : null;
        var orderBy = new List<OrderItem>();
        if (TryKeyword("order"))
        {
            Expect("by");
            do
            {
                var e = ParseExpr();
                var desc = TryKeyword("desc");
                if (!desc) TryKeyword("asc");
                orderBy.Add(new OrderItem(e, desc));
            } while (TrySymbol(","));
        }
        long? offset = null, limit = null;
        if (TryKeyword("limit"))
        {
            var first = ParseCount();
            if (TrySymbol(",")) { offset = first; limit = ParseCount(); }
            else limit = first;
        }
        if (Peek.Kind != SqlTokenKind.End) throw SlsQueryException.At(Peek.Position, $"mismatched input '{Peek}'. Expecting: <EOF>");
        return new SelectStatement(items, where, groupBy, having, orderBy, offset, limit);
    }

    private long ParseCount()
    {
        var t = Next();
        if (t.Kind != SqlTokenKind.Number || !long.TryParse(t.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            throw SlsQueryException.At(t.Position, $"mismatched input '{t}'. Expecting: <integer value>");
        return n;
    }

    private SelectItem ParseItem()
    {
        if (Peek.IsSymbol("*")) throw SlsQueryException.At(Peek.Position, "'select *' is not supported by the sandbox; name the columns.");
        var expr = ParseExpr();
        if (TryKeyword("as")) return new SelectItem(expr, ParseAlias());
        if (Peek.Kind == SqlTokenKind.QuotedIdentifier || Peek.Kind == SqlTokenKind.Identifier && !Reserved.Contains(Peek.Text))
            return new SelectItem(expr, ParseAlias());
        return new SelectItem(expr, null);
    }

    private string ParseAlias()
    {
        var t = Next();
        if (t.Kind == SqlTokenKind.QuotedIdentifier || t.Kind == SqlTokenKind.Identifier && !Reserved.Contains(t.Text)) return t.Text;
        throw SlsQueryException.At(t.Position, $"mismatched input '{t}'. Expecting: <identifier>");
    }

    private SqlExpr ParseExpr() => ParseOr();

    private SqlExpr ParseOr()
    {
        var left = ParseAnd();
        while (Peek.IsKeyword("or")) { var p = Next().Position; left = new BinaryExpr("or", left, ParseAnd(), p); }
        return left;
    }

    private SqlExpr ParseAnd()
    {
        var left = ParseNot();
        while (Peek.IsKeyword("and")) { var p = Next().Position; left = new BinaryExpr("and", left, ParseNot(), p); }
        return left;
    }

    private SqlExpr ParseNot()
    {
        if (Peek.IsKeyword("not")) { var p = Next().Position; return new UnaryExpr("not", ParseNot(), p); }
        return ParsePredicate();
    }

    private SqlExpr ParsePredicate()
    {
        var left = ParseAdditive();
        var t = Peek;
        if (t.Kind == SqlTokenKind.Symbol && t.Text is "=" or "<>" or "!=" or "<" or "<=" or ">" or ">=")
        {
            Next();
            return new BinaryExpr(t.Text == "!=" ? "<>" : t.Text, left, ParseAdditive(), t.Position);
        }
        var negated = false;
        if (t.IsKeyword("not") && (_tokens[_i + 1].IsKeyword("like") || _tokens[_i + 1].IsKeyword("in"))) { Next(); negated = true; }
        if (TryKeyword("like")) return new LikeExpr(left, ParseAdditive(), negated, t.Position);
        if (TryKeyword("in"))
        {
            ExpectSymbol("(");
            var items = new List<SqlExpr> { ParseExpr() };
            while (TrySymbol(",")) items.Add(ParseExpr());
            ExpectSymbol(")");
            return new InExpr(left, items, negated, t.Position);
        }
        if (TryKeyword("is"))
        {
            var not = TryKeyword("not");
            Expect("null");
            return new IsNullExpr(left, not, t.Position);
        }
        return left;
    }

    private SqlExpr ParseAdditive()
    {
        var left = ParseTerm();
        while (Peek.Kind == SqlTokenKind.Symbol && Peek.Text is "+" or "-" or "||")
        {
            var op = Next();
            left = new BinaryExpr(op.Text, left, ParseTerm(), op.Position);
        }
        return left;
    }

    private SqlExpr ParseTerm()
    {
        var left = ParseUnary();
        while (Peek.Kind == SqlTokenKind.Symbol && Peek.Text is "*" or "/" or "%")
        {
            var op = Next();
            left = new BinaryExpr(op.Text, left, ParseUnary(), op.Position);
        }
        return left;
    }

    private SqlExpr ParseUnary()
    {
        if (Peek.IsSymbol("-")) { var p = Next().Position; return new UnaryExpr("-", ParseUnary(), p); }
        return ParsePrimary();
    }

    private SqlExpr ParsePrimary()
    {
        var t = Next();
        switch (t.Kind)
        {
            case SqlTokenKind.Number:
                // Boxed separately: a conditional over double and long would widen every integer to double.
                object number = t.Text.Contains('.')
                    ? double.Parse(t.Text, CultureInfo.InvariantCulture)
                    : long.TryParse(t.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? (object)n
                    : throw SlsQueryException.At(t.Position, $"Invalid numeric literal: {t.Text}");
                return new LiteralExpr(number, t.Position);
            case SqlTokenKind.String:
                return new LiteralExpr(t.Text, t.Position);
            case SqlTokenKind.QuotedIdentifier:
                return ColumnAfter(t);
            case SqlTokenKind.Symbol when t.Text == "(":
                var inner = ParseExpr();
                ExpectSymbol(")");
                return inner;
            case SqlTokenKind.Identifier:
                if (t.IsKeyword("null")) return new LiteralExpr(null, t.Position);
                if (t.IsKeyword("true")) return new LiteralExpr(true, t.Position);
                if (t.IsKeyword("false")) return new LiteralExpr(false, t.Position);
                if (t.IsKeyword("case")) return ParseCase(t.Position);
                if (Peek.IsSymbol("(")) return ParseCall(t);
                if (Reserved.Contains(t.Text)) throw SlsQueryException.At(t.Position, $"mismatched input '{t}'. Expecting: <expression>");
                return ColumnAfter(t);
            default:
                throw SlsQueryException.At(t.Position, $"mismatched input '{t}'. Expecting: <expression>");
        }
    }

    private ColumnExpr ColumnAfter(SqlToken t)
    {
        if (Peek.IsSymbol("."))
            throw SlsQueryException.At(t.Position, $"Column names containing '.' must be double-quoted, e.g. \"{t.Text}.{_tokens[_i + 1]}\".");
        return new ColumnExpr(t.Text, t.Position);
    }

    private SqlExpr ParseCall(SqlToken name)
    {
        ExpectSymbol("(");
        if (TrySymbol("*"))
        {
            ExpectSymbol(")");
            if (!name.Text.Equals("count", StringComparison.OrdinalIgnoreCase))
                throw SlsQueryException.At(name.Position, $"'*' is only allowed in count(*), not in {name.Text}().");
            return new FunctionExpr(name.Text.ToLowerInvariant(), [], true, name.Position);
        }
        var args = new List<SqlExpr>();
        if (!Peek.IsSymbol(")"))
        {
            if (Peek.IsKeyword("distinct")) throw SlsQueryException.At(Peek.Position, "DISTINCT aggregates are not supported by the sandbox.");
            args.Add(ParseExpr());
            while (TrySymbol(",")) args.Add(ParseExpr());
        }
        ExpectSymbol(")");
        return new FunctionExpr(name.Text.ToLowerInvariant(), args, false, name.Position);
    }

    private SqlExpr ParseCase(int position)
    {
        if (!Peek.IsKeyword("when")) throw SlsQueryException.At(Peek.Position, "only the searched form CASE WHEN … THEN … END is supported by the sandbox.");
        var branches = new List<(SqlExpr, SqlExpr)>();
        while (TryKeyword("when"))
        {
            var when = ParseExpr();
            Expect("then");
            branches.Add((when, ParseExpr()));
        }
        SqlExpr? otherwise = TryKeyword("else") ? ParseExpr() : null;
        Expect("end");
        return new CaseExpr(branches, otherwise, position);
    }

    private bool TryKeyword(string keyword)
    {
        if (!Peek.IsKeyword(keyword)) return false;
        _i++;
        return true;
    }

    private bool TrySymbol(string symbol)
    {
        if (!Peek.IsSymbol(symbol)) return false;
        _i++;
        return true;
    }

    private void Expect(string keyword)
    {
        if (!TryKeyword(keyword)) throw SlsQueryException.At(Peek.Position, $"mismatched input '{Peek}'. Expecting: '{keyword.ToUpperInvariant()}'");
    }

    private void ExpectSymbol(string symbol)
    {
        if (!TrySymbol(symbol)) throw SlsQueryException.At(Peek.Position, $"mismatched input '{Peek}'. Expecting: '{symbol}'");
    }
}
