namespace AckHardening.Sandbox.Services.Sls.Query;

/// <summary>The search part of a query (before the first '|'): terms, key:value terms, and/or/not, parentheses.</summary>
public abstract record SearchNode
{
    public abstract bool Matches(SlsLogRow row, SearchIndex index);
}

public sealed record MatchAll : SearchNode
{
    public override bool Matches(SlsLogRow row, SearchIndex index) => true;
}

public sealed record AndNode(SearchNode Left, SearchNode Right) : SearchNode
{
    public override bool Matches(SlsLogRow row, SearchIndex index) => Left.Matches(row, index) && Right.Matches(row, index);
}

public sealed record OrNode(SearchNode Left, SearchNode Right) : SearchNode
{
    public override bool Matches(SlsLogRow row, SearchIndex index) => Left.Matches(row, index) || Right.Matches(row, index);
}

public sealed record NotNode(SearchNode Inner) : SearchNode
{
    public override bool Matches(SlsLogRow row, SearchIndex index) => !Inner.Matches(row, index);
}

/// <summary>
/// <c>value</c> (any field) or <c>key: value</c>. The value is tokenized like the indexed text and matches when its
/// tokens appear consecutively; a trailing '*' makes the last token a prefix; <c>key: *</c> means the key has a value.
/// </summary>
public sealed record TermNode(string? Key, string Value) : SearchNode
{
    private readonly string[] _tokens = SlsTokens.Split(Value.TrimEnd('*')).ToArray();
    private readonly bool _prefix = Value.EndsWith('*');

    public override bool Matches(SlsLogRow row, SearchIndex index)
    {
        if (Key is not null) return MatchesField(index.Tokens(row, Key));
        foreach (var field in row.Fields.Keys)
            if (MatchesField(index.Tokens(row, field))) return true;
        return false;
    }

    private bool MatchesField(IReadOnlyList<string>? fieldTokens)
    {
        if (fieldTokens is null || fieldTokens.Count == 0) return false;
        if (_tokens.Length == 0) return _prefix; // "key: *"
        for (var start = 0; start + _tokens.Length <= fieldTokens.Count; start++)
        {
            var ok = true;
            for (var i = 0; i < _tokens.Length && ok; i++)
            {
                var last = i == _tokens.Length - 1;
                ok = last && _prefix ? fieldTokens[start + i].StartsWith(_tokens[i], StringComparison.Ordinal) : fieldTokens[start + i] == _tokens[i];
            }
            if (ok) return true;
        }
        return false;
    }
}

/// <summary>Token lists per (row, field), computed once per logstore and reused by every query.</summary>
public sealed class SearchIndex
{
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<SlsLogRow, Dictionary<string, List<string>>> _cache = new();

    public IReadOnlyList<string>? Tokens(SlsLogRow row, string field)
    {
        var perRow = _cache.GetValue(row, _ => new Dictionary<string, List<string>>(StringComparer.Ordinal));
        lock (perRow)
        {
            if (perRow.TryGetValue(field, out var cached)) return cached;
            var text = row.Text(field);
            var tokens = text is null ? null : SlsTokens.Split(text);
            if (tokens is not null) perRow[field] = tokens;
            return tokens;
        }
    }
}

/// <summary>Parses the search grammar: <c>expr := or; or := and ('or' and)*; and := unary (['and'] unary | 'not' unary)*; unary := 'not' unary | '(' expr ')' | '*' | term</c>.</summary>
public sealed class SearchParser
{
    private readonly string _text;
    private int _pos;

    private SearchParser(string text) => _text = text;

    public static SearchNode Parse(string text)
    {
        var p = new SearchParser(text);
        p.SkipSpace();
        if (p._pos >= text.Length) return new MatchAll();
        var node = p.ParseOr();
        p.SkipSpace();
        if (p._pos < text.Length) throw SlsQueryException.At(p._pos, $"unexpected '{text[p._pos]}' in the search statement.");
        return node;
    }

    private SearchNode ParseOr()
    {
        var left = ParseAnd();
        while (TryKeyword("or")) left = new OrNode(left, ParseAnd());
        return left;
    }

    private SearchNode ParseAnd()
    {
        var left = ParseUnary();
        while (true)
        {
            SkipSpace();
            if (_pos >= _text.Length || _text[_pos] == ')' || PeekKeyword("or")) return left;
            if (TryKeyword("and")) left = new AndNode(left, ParseUnary());
            else if (TryKeyword("not")) left = new AndNode(left, new NotNode(ParseUnary()));
            else left = new AndNode(left, ParseUnary()); // juxtaposition is "and"
        }
    }

    private SearchNode ParseUnary()
    {
        SkipSpace();
        if (_pos >= _text.Length) throw SlsQueryException.At(_pos, "the search statement ends where a term is expected.");
        if (TryKeyword("not")) return new NotNode(ParseUnary());
        if (_text[_pos] == '(')
        {
            _pos++;
            var inner = ParseOr();
            SkipSpace();
            if (_pos >= _text.Length || _text[_pos] != ')') throw SlsQueryException.At(_pos, "missing ')' in the search statement.");
            _pos++;
            return inner;
        }
        if (_text[_pos] == ')') throw SlsQueryException.At(_pos, "unexpected ')' in the search statement.");
        if (_text[_pos] == '*' && (_pos + 1 == _text.Length || char.IsWhiteSpace(_text[_pos + 1]) || _text[_pos + 1] == ')'))
        {
            _pos++;
            return new MatchAll();
        }
        var start = _pos;
        var word = ReadWord(stopAtColon: true);
        SkipSpace();
        if (_pos < _text.Length && _text[_pos] == ':')
        {
            if (word.Length == 0 || !word.All(c => char.IsLetterOrDigit(c) || c is '.' or '_' or '-'))
                throw SlsQueryException.At(start, $"'{word}' is not a valid key.");
            _pos++;
            SkipSpace();
            if (_pos < _text.Length && _text[_pos] is '>' or '<' or '=')
                throw SlsQueryException.At(_pos, "numeric comparisons in the search statement are not supported by the sandbox.");
            var value = ReadWord(stopAtColon: false);
            if (value.Length == 0) throw SlsQueryException.At(_pos, $"key '{word}' has no value.");
            return new TermNode(word, value);
        }
        if (word.Length == 0) throw SlsQueryException.At(start, $"unexpected '{_text[start]}' in the search statement.");
        return new TermNode(null, word);
    }

    /// <summary>A quoted phrase, or a run of characters up to whitespace or a parenthesis (and ':' for keys).</summary>
    private string ReadWord(bool stopAtColon)
    {
        if (_pos < _text.Length && _text[_pos] == '"')
        {
            var close = _text.IndexOf('"', _pos + 1);
            if (close < 0) throw SlsQueryException.At(_pos, "unterminated quoted phrase in the search statement.");
            var phrase = _text[(_pos + 1)..close];
            _pos = close + 1;
            if (_pos < _text.Length && _text[_pos] == '*') { _pos++; phrase += "*"; }
            return phrase;
        }
        var start = _pos;
        while (_pos < _text.Length && !char.IsWhiteSpace(_text[_pos]) && _text[_pos] is not ('(' or ')') && !(stopAtColon && _text[_pos] == ':')) _pos++;
        return _text[start.._pos];
    }

    private void SkipSpace()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos])) _pos++;
    }

    private bool PeekKeyword(string keyword)
    {
        SkipSpace();
        var end = _pos + keyword.Length;
        return end <= _text.Length && string.Compare(_text, _pos, keyword, 0, keyword.Length, StringComparison.OrdinalIgnoreCase) == 0
            && (end == _text.Length || char.IsWhiteSpace(_text[end]) || _text[end] == '(');
    }

    private bool TryKeyword(string keyword)
    {
        if (!PeekKeyword(keyword)) return false;
        _pos += keyword.Length;
        return true;
    }
}
