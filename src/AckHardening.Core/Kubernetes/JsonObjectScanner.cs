using System.Text.Json;

namespace AckHardening.Core.Kubernetes;

/// <summary>One member of a JSON object with the character spans it occupies in the source text.</summary>
internal sealed record ScannedMember(string Key, int KeyStart, int KeyEnd, int ValueStart, int ValueEnd, int CommaIndex);

/// <summary>
/// Finds the members of a top-level JSON object and where they sit in the text, so an edit can touch only
/// the characters it means to. The text must already have been validated as JSON.
/// </summary>
internal static class JsonObjectScanner
{
    public static (int OpenBrace, IReadOnlyList<ScannedMember> Members) Scan(string text)
    {
        var i = SkipWhitespace(text, 0);
        if (i >= text.Length || text[i] != '{')
            throw new FormatException("The JSON text is not an object.");
        var open = i;
        var members = new List<ScannedMember>();
        i = SkipWhitespace(text, i + 1);
        if (text[i] == '}')
            return (open, members);

        while (true)
        {
            var keyStart = i;
            var keyEnd = SkipString(text, i);
            var key = JsonSerializer.Deserialize<string>(text.AsSpan(keyStart, keyEnd - keyStart))!;
            i = SkipWhitespace(text, keyEnd);
            i = SkipWhitespace(text, i + 1); // the ':'
            var valueStart = i;
            var valueEnd = SkipValue(text, i);
            i = SkipWhitespace(text, valueEnd);
            var comma = text[i] == ',' ? i : -1;
            members.Add(new ScannedMember(key, keyStart, keyEnd, valueStart, valueEnd, comma));
            if (comma < 0)
                return (open, members);
            i = SkipWhitespace(text, i + 1);
        }
    }

    private static int SkipWhitespace(string text, int i)
    {
        while (i < text.Length && text[i] is ' ' or '\t' or '\r' or '\n')
            i++;
        return i;
    }

    // Returns the index just past the closing quote.
    private static int SkipString(string text, int i)
    {
        for (i++; text[i] != '"'; i++)
        {
            if (text[i] == '\\')
                i++;
        }
        return i + 1;
    }

    private static int SkipValue(string text, int i)
    {
        switch (text[i])
        {
            case '"':
                return SkipString(text, i);
            case '{':
            case '[':
                var depth = 0;
                for (; ; i++)
                {
                    var c = text[i];
                    if (c == '"')
                    {
                        i = SkipString(text, i) - 1;
                    }
                    else if (c is '{' or '[')
                    {
                        depth++;
                    }
                    else if (c is '}' or ']' && --depth == 0)
                    {
                        return i + 1;
                    }
                }
            default:
                while (i < text.Length && text[i] is not (',' or '}' or ']' or ' ' or '\t' or '\r' or '\n'))
                    i++;
                return i;
        }
    }
}
