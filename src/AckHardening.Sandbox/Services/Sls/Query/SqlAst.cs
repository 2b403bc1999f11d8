namespace AckHardening.Sandbox.Services.Sls.Query;

/// <summary>Expression tree of the SQL subset. <see cref="Text"/> is the normalized form, used to match GROUP BY keys.</summary>
public abstract record SqlExpr(int Position)
{
    public abstract string Text { get; }
}

public sealed record LiteralExpr(object? Value, int Position) : SqlExpr(Position)
{
    public override string Text => Value switch { null => "null", string s => "'" + s.Replace("'", "''") + "'", _ => SqlValues.Format(Value) };
}

public sealed record ColumnExpr(string Name, int Position) : SqlExpr(Position)
{
    public override string Text => "\"" + Name + "\"";
}

public sealed record FunctionExpr(string Name, IReadOnlyList<SqlExpr> Args, bool Star, int Position) : SqlExpr(Position)
{
    public static readonly HashSet<string> Aggregates = new(StringComparer.OrdinalIgnoreCase) { "count", "count_if", "sum", "min", "max", "avg" };
    public bool IsAggregate => Aggregates.Contains(Name);
    public override string Text => Name.ToLowerInvariant() + "(" + (Star ? "*" : string.Join(", ", Args.Select(a => a.Text))) + ")";
}

public sealed record UnaryExpr(string Op, SqlExpr Operand, int Position) : SqlExpr(Position)
{
    public override string Text => $"({Op} {Operand.Text})";
}

public sealed record BinaryExpr(string Op, SqlExpr Left, SqlExpr Right, int Position) : SqlExpr(Position)
{
    public override string Text => $"({Left.Text} {Op} {Right.Text})";
}

public sealed record LikeExpr(SqlExpr Value, SqlExpr Pattern, bool Negated, int Position) : SqlExpr(Position)
{
    public override string Text => $"({Value.Text} {(Negated ? "not like" : "like")} {Pattern.Text})";
}

public sealed record IsNullExpr(SqlExpr Value, bool Negated, int Position) : SqlExpr(Position)
{
    public override string Text => $"({Value.Text} is {(Negated ? "not null" : "null")})";
}

public sealed record InExpr(SqlExpr Value, IReadOnlyList<SqlExpr> Items, bool Negated, int Position) : SqlExpr(Position)
{
    public override string Text => $"({Value.Text} {(Negated ? "not in" : "in")} ({string.Join(", ", Items.Select(i => i.Text))}))";
}

public sealed record CaseExpr(IReadOnlyList<(SqlExpr When, SqlExpr Then)> Branches, SqlExpr? Else, int Position) : SqlExpr(Position)
{
    public override string Text => "case " + string.Join(" ", Branches.Select(b => $"when {b.When.Text} then {b.Then.Text}")) + (Else is null ? "" : " else " + Else.Text) + " end";
}

public sealed record SelectItem(SqlExpr Expr, string? Alias)
{
    public string OutputName(int index) => Alias ?? (Expr is ColumnExpr c ? c.Name : "_col" + index);
}

public sealed record OrderItem(SqlExpr Expr, bool Descending);

public sealed record SelectStatement(
    IReadOnlyList<SelectItem> Items,
    SqlExpr? Where,
    IReadOnlyList<SqlExpr> GroupBy,
    SqlExpr? Having,
    IReadOnlyList<OrderItem> OrderBy,
    long? Offset,
    long? Limit);
