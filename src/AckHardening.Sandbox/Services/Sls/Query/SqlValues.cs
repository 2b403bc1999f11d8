using System.Globalization;

namespace AckHardening.Sandbox.Services.Sls.Query;

/// <summary>Values of the SQL subset: null, string (varchar), long (bigint), double, bool.</summary>
public static class SqlValues
{
    /// <summary>How SLS writes a value into a result row: every value is a string, null is "null".</summary>
    public static string Format(object? value) => value switch
    {
        null => "null",
        string s => s,
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d when double.IsFinite(d) && d == Math.Floor(d) && Math.Abs(d) < 1e15 => d.ToString("0.0", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "null",
    };

    public static string TypeName(object? value) => value switch
    {
        null => "unknown", string => "varchar", long => "bigint", double => "double", bool => "boolean", _ => value.GetType().Name,
    };

    public static bool IsNumber(object? v) => v is long or double;

    public static double ToDouble(object v) => v is long l ? l : (double)v;

    /// <summary>Compares two non-null values of compatible types; otherwise fails like Presto's type check.</summary>
    public static int Compare(object a, object b, string op, int position)
    {
        if (a is long la && b is long lb) return la.CompareTo(lb);
        if (IsNumber(a) && IsNumber(b)) return ToDouble(a).CompareTo(ToDouble(b));
        if (a is string sa && b is string sb) return string.CompareOrdinal(sa, sb);
        if (a is bool ba && b is bool bb) return ba.CompareTo(bb);
        throw SlsQueryException.At(position, $"Cannot apply operator: {TypeName(a)} {op} {TypeName(b)}");
    }

    /// <summary>Sort order: nulls last in both directions (Presto's default), otherwise <see cref="Compare"/>.</summary>
    public static int SortCompare(object? a, object? b, bool descending)
    {
        if (a is null || b is null) return a is null ? (b is null ? 0 : 1) : -1;
        var c = Compare(a, b, "order by", 0);
        return descending ? -c : c;
    }
}
