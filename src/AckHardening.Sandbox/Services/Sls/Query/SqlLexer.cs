using System.Text;

namespace AckHardening.Sandbox.Services.Sls.Query;

public enum SqlTokenKind { Identifier, QuotedIdentifier, String, Number, Symbol, End }

/// <summary>One SQL token; <see cref="Position"/> is its offset within the whole query (for error messages).</summary>
public sealed record SqlToken(SqlTokenKind Kind, string Text, int Position)
{
    public bool IsKeyword(string keyword) => Kind == SqlTokenKind.Identifier && Text.Equals(keyword, StringComparison.OrdinalIgnoreCase);
    public bool IsSymbol(string symbol) => Kind == SqlTokenKind.Symbol && Text == symbol;
    public override string ToString() => Kind == SqlTokenKind.End ? "<EOF>" : Text;
}

/// <summary>
/// Splits the SQL part into tokens: identifiers (letters, digits, '_'), "double-quoted identifiers" ("" escapes a
/// quote), 'string literals' ('' escapes), numbers, and the operators the subset uses.
/// </summary>
public static class SqlLexer
{
    private static readonly string[] Symbols = ["<>", "!=", "<=", ">=", "||", ",", "(", ")", "*", "+", "-", "/", "%", "=", "<", ">", "."];

    public static List<SqlToken> Tokenize(string sql, int offset)
    {
        var tokens = new List<SqlToken>();
        var i = 0;
        while (true)
        {
            while (i < sql.Length && char.IsWhiteSpace(sql[i])) i++;
            if (i >= sql.Length) { tokens.Add(new SqlToken(SqlTokenKind.End, "", offset + i)); return tokens; }
            var c = sql[i];
            var start = i;
            if (char.IsLetter(c) || c == '_')
            {
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] == '_')) i++;
                tokens.Add(new SqlToken(SqlTokenKind.Identifier, sql[start..i], offset + start));
            }
            else if (char.IsDigit(c))
            {
                while (i < sql.Length && char.IsDigit(sql[i])) i++;
                if (i + 1 < sql.Length && sql[i] == '.' && char.IsDigit(sql[i + 1]))
                {
                    i++;
                    while (i < sql.Length && char.IsDigit(sql[i])) i++;
                }
                tokens.Add(new SqlToken(SqlTokenKind.Number, sql[start..i], offset + start));
            }
            else if (c is '\'' or '"')
            {
                var text = ReadQuoted(sql, ref i, c, offset);
                tokens.Add(new SqlToken(c == '\'' ? SqlTokenKind.String : SqlTokenKind.QuotedIdentifier, text, offset + start));
            }
            else
            {
                var symbol = Symbols.FirstOrDefault(s => string.CompareOrdinal(sql, i, s, 0, s.Length) == 0)
                    ?? throw SlsQueryException.At(offset + i, $"token recognition error at: '{c}'");
                i += symbol.Length;
                tokens.Add(new SqlToken(SqlTokenKind.Symbol, symbol, offset + start));
            }
        }
    }

    private static string ReadQuoted(string sql, ref int i, char quote, int offset)
    {
        var start = i;
        var sb = new StringBuilder();
        i++;
        while (true)
        {
            if (i >= sql.Length) throw SlsQueryException.At(offset + start, $"unterminated {(quote == '\'' ? "string literal" : "quoted identifier")}");
            if (sql[i] == quote)
            {
                if (i + 1 < sql.Length && sql[i + 1] == quote) { sb.Append(quote); i += 2; continue; }
                i++;
                return sb.ToString();
            }
            sb.Append(sql[i++]);
        }
    }
}
