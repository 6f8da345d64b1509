// The HOCON syntax reader: a character-level recursive-descent parser that applies every field
// assignment straight into one growing (unresolved) root object, in document order.
namespace Es.Core.Configuration.Hocon;

using System.Text;
using System.Text.RegularExpressions;

/// <summary>
/// Reads one source text into a builder root. Assignments are applied in document order
/// (includes inline), which is what makes duplicate keys merge and self-references
/// (<c>path = ${path} [x]</c>, <c>a += b</c>) see the value written before them. Substitutions
/// to anything else are left as placeholders for <see cref="HoconResolver"/>.
/// </summary>
internal sealed partial class HoconReader
{
    private const string Forbidden = "$\"{}[]:=,+#`^?!@*&\\";

    private readonly string _text;
    private readonly string _file;
    private readonly string _baseDirectory;
    private readonly List<string> _includeStack;
    private HoconObject? _root;
    private int _pos;
    private int _line = 1;
    private int _col = 1;

    /// <param name="text">The source.</param>
    /// <param name="file">Name used in origins and errors.</param>
    /// <param name="baseDirectory">Directory that relative includes are resolved against.</param>
    /// <param name="includeStack">Full paths of the files being read, outermost first, for cycle detection.</param>
    public HoconReader(string text, string file, string baseDirectory, List<string> includeStack)
    {
        _text = text;
        _file = file;
        _baseDirectory = baseDirectory;
        _includeStack = includeStack;
    }

    private bool AtEnd => _pos >= _text.Length;

    /// <summary>Reads the whole text as the body of the object at <paramref name="prefix"/> inside <paramref name="root"/>.</summary>
    public void ParseDocument(HoconObject root, IReadOnlyList<string> prefix)
    {
        _root = root;
        SkipBlank();
        if (Peek() == '{')
        {
            var open = Here();
            Advance();
            ParseFields(root, prefix, selfRefs: true, '}', open);
            SkipBlank();
            if (!AtEnd)
            {
                throw Syntax("unexpected " + Show() + " after the closing '}' of the root object");
            }
        }
        else if (Peek() == '[')
        {
            throw Syntax("a document must be an object, not an array");
        }
        else
        {
            ParseFields(root, prefix, selfRefs: true, null, null);
        }
    }

    private static bool IsSpace(char c) => c != '\n' && (char.IsWhiteSpace(c) || c == '\uFEFF');

    private static bool CannotBeObject(HoconValue value) => value switch
    {
        HoconScalar or HoconArray => true,
        HoconConcatenation c => c.Items.Any(CannotBeObject),
        _ => false,
    };

    /// <summary>Walks into the object at <paramref name="key"/>, creating or replacing what is there as assignment semantics require.</summary>
    private static HoconObject DescendForWrite(HoconObject obj, string key, HoconOrigin origin)
    {
        if (obj.TryGetField(key, out var current))
        {
            switch (current)
            {
                case HoconObject o:
                    return o;
                case HoconDelayedMerge { Items: [.., HoconObject last] }:
                    return (HoconObject)last;
                case HoconDelayedMerge m:
                    {
                        var added = new HoconObject(origin);
                        m.Add(added);
                        return added;
                    }

                case HoconSubstitution or HoconConcatenation:
                    {
                        // Known only after resolution: merge an object on top of whatever it becomes.
                        var added = new HoconObject(origin);
                        obj.Set(key, new HoconDelayedMerge([current, added], origin), origin);
                        return added;
                    }
            }
        }

        var child = new HoconObject(origin);
        obj.Set(key, child, origin);
        return child;
    }

    /// <summary>Applies <c>key = value</c> to an object following HOCON's duplicate-key rules.</summary>
    private static void SetField(HoconObject obj, string key, HoconValue value, HoconOrigin keyOrigin)
    {
        if (!obj.TryGetField(key, out var current))
        {
            obj.Set(key, value, keyOrigin);
        }
        else if (value is HoconObject newObject && current is HoconObject existing && !existing.IsResolved)
        {
            foreach (string k in newObject.Keys)
            {
                SetField(existing, k, newObject[k], newObject.GetKeyOrigin(k));
            }

            obj.Set(key, existing, keyOrigin);
        }
        else if (CannotBeObject(value) || (value is HoconObject && current is HoconScalar or HoconArray))
        {
            obj.Set(key, value, keyOrigin);
        }
        else if (current is HoconDelayedMerge merge)
        {
            merge.Add(value);
            obj.Set(key, merge, keyOrigin);
        }
        else
        {
            obj.Set(key, new HoconDelayedMerge([current, value], value.Origin), keyOrigin);
        }
    }

    private static void Assign(HoconObject root, IReadOnlyList<string> path, HoconValue value, HoconOrigin keyOrigin)
    {
        var obj = root;
        for (int i = 0; i < path.Count - 1; i++)
        {
            obj = DescendForWrite(obj, path[i], keyOrigin);
        }

        SetField(obj, path[^1], value, keyOrigin);
    }

    private static HoconObject EnsureObject(HoconObject root, IReadOnlyList<string> path, HoconOrigin origin)
    {
        var obj = root;
        foreach (string key in path)
        {
            obj = DescendForWrite(obj, key, origin);
        }

        return obj;
    }

    /// <summary>
    /// The value a self-reference sees: whatever the path holds at this point of the document
    /// (copied, since later assignments keep changing the builder). Absent: nothing for an optional
    /// reference, the environment only for a required one.
    /// </summary>
    private static HoconValue? Previous(HoconObject root, IReadOnlyList<string> path, bool optional, HoconOrigin origin)
    {
        HoconValue current = root;
        foreach (string key in path)
        {
            if (current is not HoconObject o || !o.TryGetField(key, out var next))
            {
                return optional ? null : new HoconSubstitution(path, optional: false, origin, environmentOnly: true);
            }

            current = next;
        }

        return HoconObject.SnapshotOf(current);
    }

    private void ParseFields(HoconObject root, IReadOnlyList<string> prefix, bool selfRefs, char? closing, HoconOrigin? open)
    {
        while (true)
        {
            SkipBlank();
            if (AtEnd)
            {
                if (closing is not null)
                {
                    throw Syntax($"unexpected end of input: the '{{' at line {open!.Line}, column {open.Column} is never closed");
                }

                return;
            }

            char c = Peek();
            if (c == closing)
            {
                Advance();
                return;
            }

            if (c == ',')
            {
                throw Syntax("unexpected ','; expected a key");
            }

            if (c is '}' or ']')
            {
                throw Syntax($"unexpected '{c}'" + (closing is null ? " with no matching opening bracket" : "; expected a key or '}'"));
            }

            if (IsIncludeStatement())
            {
                ParseInclude(root, prefix);
            }
            else
            {
                ParseField(root, prefix, selfRefs);
            }

            EndOfField(closing);
        }
    }

    private void EndOfField(char? closing)
    {
        SkipSpacesAndComments();
        if (AtEnd || Peek() == closing)
        {
            return;
        }

        switch (Peek())
        {
            case '\n':
                SkipBlank();
                if (Peek() == ',')
                {
                    Advance();
                }

                return;
            case ',':
                Advance();
                return;
            default:
                throw Syntax("unexpected " + Show() + " after a value; expected a newline, ',' or " + (closing is null ? "the end of the document" : "'}'"));
        }
    }

    private void ParseField(HoconObject root, IReadOnlyList<string> prefix, bool selfRefs)
    {
        var keyOrigin = Here();
        var key = ParseKeyPath();
        var full = prefix.Concat(key).ToArray();
        string fullText = HoconPath.Join(full);
        SkipSpaces();
        char c = Peek();
        if (c == '{')
        {
            ParseFieldValue(root, full, keyOrigin, selfRefs);
        }
        else if (c is '=' or ':')
        {
            Advance();
            SkipSpaces();
            ParseFieldValue(root, full, keyOrigin, selfRefs);
        }
        else if (c == '+' && Peek(1) == '=')
        {
            Advance();
            Advance();
            SkipSpaces();
            var valueOrigin = Here();
            var (any, value) = ParseConcatenation(selfRefs ? full : null);
            if (!any)
            {
                throw Syntax("expected a value after '+=', found " + Show(), fullText);
            }

            if (value is null)
            {
                return;
            }

            // a += v is a = ${?a} [v]: the earlier value of this very field, or nothing.
            HoconValue appended = new HoconArray([value], value.Origin);
            var previous = Previous(root, full, optional: true, valueOrigin);
            Assign(root, full, previous is null ? appended : new HoconConcatenation([previous, appended], [string.Empty, string.Empty], valueOrigin), keyOrigin);
        }
        else
        {
            throw Syntax("expected ':', '=', '+=' or '{' after the key, found " + Show(), fullText);
        }
    }

    private void ParseFieldValue(HoconObject root, IReadOnlyList<string> full, HoconOrigin keyOrigin, bool selfRefs)
    {
        string fullText = HoconPath.Join(full);
        var selfPath = selfRefs ? full : null;
        var pending = new List<HoconValue>();
        var gaps = new List<string>();
        var start = Here();
        bool any = false;
        bool sawObject = false;
        string gap = string.Empty;
        while (true)
        {
            char c = Peek();
            if (c == '{')
            {
                // An object literal streams its fields into the root at this path; whatever was
                // written before it in the same concatenation is merged underneath first.
                foreach (var part in pending)
                {
                    if (CannotBeObject(part))
                    {
                        throw Syntax("cannot concatenate " + part.Describe() + " with an object", fullText);
                    }

                    Assign(root, full, part, keyOrigin);
                }

                pending.Clear();
                gaps.Clear();
                var open = Here();
                Advance();
                EnsureObject(root, full, open);
                ParseFields(root, full, selfRefs, '}', open);
                any = sawObject = true;
            }
            else if (IsValueStart(c))
            {
                var partOrigin = Here();
                var part = ParseValuePart(selfPath);
                any = true;
                if (part is not null)
                {
                    if (sawObject && CannotBeObject(part))
                    {
                        throw new ConfigException(
                            "cannot concatenate an object with " + part.Describe() + " (separate fields with a newline or ',')",
                            partOrigin.File,
                            partOrigin.Line,
                            partOrigin.Column,
                            fullText);
                    }

                    gaps.Add(pending.Count == 0 ? string.Empty : gap);
                    pending.Add(part);
                }
            }
            else
            {
                break;
            }

            gap = ReadSpaces();
        }

        if (!any)
        {
            throw Syntax("expected a value, found " + Show(), fullText);
        }

        if (sawObject)
        {
            foreach (var part in pending)
            {
                Assign(root, full, part, keyOrigin);
            }
        }
        else if (pending.Count > 0)
        {
            Assign(root, full, pending.Count == 1 ? pending[0] : new HoconConcatenation(pending.ToArray(), gaps.ToArray(), start), keyOrigin);
        }
    }

    /// <summary>Reads values written side by side; <c>any</c> is false when no value starts here, <c>value</c> null when all were undefined self-references.</summary>
    private (bool Any, HoconValue? Value) ParseConcatenation(IReadOnlyList<string>? selfPath)
    {
        var start = Here();
        var parts = new List<HoconValue>();
        var gaps = new List<string>();
        bool any = false;
        string gap = string.Empty;
        while (IsValueStart(Peek()))
        {
            var part = ParseValuePart(selfPath);
            any = true;
            if (part is not null)
            {
                gaps.Add(parts.Count == 0 ? string.Empty : gap);
                parts.Add(part);
            }

            gap = ReadSpaces();
        }

        return parts.Count switch
        {
            0 => (any, null),
            1 => (true, parts[0]),
            _ => (true, new HoconConcatenation(parts, gaps, start)),
        };
    }

    private bool IsValueStart(char c) =>
        c is '{' or '[' or '"' || (c == '$' && Peek(1) == '{') || (IsUnquotedChar(c) && !IsCommentStart());

    private HoconValue? ParseValuePart(IReadOnlyList<string>? selfPath)
    {
        var origin = Here();
        char c = Peek();
        switch (c)
        {
            case '{':
                {
                    // An object inside an array or after '+=' is a value of its own; its fields are not root paths.
                    Advance();
                    var obj = new HoconObject(origin);
                    ParseFields(obj, [], selfRefs: false, '}', origin);
                    return obj;
                }

            case '[':
                return ParseArray(selfPath);
            case '"':
                return HoconScalar.String(IsTripleQuote() ? ReadTripleQuoted() : ReadQuoted(), origin);
            case '$':
                return ParseSubstitution(selfPath);
            default:
                return ReadUnquoted();
        }
    }

    private HoconArray ParseArray(IReadOnlyList<string>? selfPath)
    {
        var open = Here();
        Advance();
        var items = new List<HoconValue>();
        while (true)
        {
            SkipBlank();
            if (AtEnd)
            {
                throw Syntax($"unexpected end of input: the '[' at line {open.Line}, column {open.Column} is never closed");
            }

            if (Peek() == ']')
            {
                Advance();
                return new HoconArray(items, open);
            }

            if (Peek() == ',')
            {
                throw Syntax("unexpected ','; expected an array element or ']'");
            }

            var (any, value) = ParseConcatenation(selfPath);
            if (!any)
            {
                throw Syntax("unexpected " + Show() + " in an array; expected a value or ']'");
            }

            if (value is not null)
            {
                items.Add(value);
            }

            SkipSpacesAndComments();
            if (Peek() == ',')
            {
                Advance();
            }
            else if (Peek() == '\n')
            {
                SkipBlank();
                if (Peek() == ',')
                {
                    Advance();
                }
            }
            else if (Peek() != ']' && !AtEnd)
            {
                throw Syntax("unexpected " + Show() + " in an array; expected ',', a newline or ']'");
            }
        }
    }

    private HoconValue? ParseSubstitution(IReadOnlyList<string>? selfPath)
    {
        var origin = Here();
        Advance();
        Advance();
        bool optional = false;
        if (Peek() == '?')
        {
            Advance();
            optional = true;
        }

        SkipSpaces();
        var path = ParseKeyPath();
        SkipSpaces();
        if (Peek() != '}')
        {
            throw Syntax("expected '}' to close the substitution ${" + HoconPath.Join(path) + ", found " + Show());
        }

        Advance();
        // ${field} or ${field.child} inside field's own value means the value written before it
        // (foo = ${foo.a} keeps the old foo.a), not the final one, which would be a cycle.
        if (selfPath is not null && path.Count >= selfPath.Count && path.Take(selfPath.Count).SequenceEqual(selfPath, StringComparer.Ordinal))
        {
            return Previous(_root!, path, optional, origin);
        }

        return new HoconSubstitution(path, optional, origin);
    }

    private bool IsIncludeStatement()
    {
        if (string.CompareOrdinal(_text, _pos, "include", 0, 7) != 0 || !IsSpace(Peek(7)))
        {
            return false;
        }

        int i = _pos + 7;
        while (i < _text.Length && IsSpace(_text[i]))
        {
            i++;
        }

        string rest = _text[i..Math.Min(_text.Length, i + 10)];
        return rest.StartsWith('"') || rest.StartsWith("file(", StringComparison.Ordinal) || rest.StartsWith("required(", StringComparison.Ordinal)
            || rest.StartsWith("url(", StringComparison.Ordinal) || rest.StartsWith("classpath(", StringComparison.Ordinal);
    }

    private void ParseInclude(HoconObject root, IReadOnlyList<string> prefix)
    {
        var origin = Here();
        for (int i = 0; i < 7; i++)
        {
            Advance();
        }

        SkipSpaces();
        bool required = Match("required(");
        SkipSpaces();
        string name;
        if (Match("file("))
        {
            SkipSpaces();
            name = ReadIncludeName();
            SkipSpaces();
            Expect(')');
        }
        else if (Match("url(") || Match("classpath("))
        {
            throw origin.Error("only include \"file\", include file(\"...\") and include required(...) are supported");
        }
        else
        {
            name = ReadIncludeName();
        }

        if (required)
        {
            SkipSpaces();
            Expect(')');
        }

        Include(name, origin, root, prefix);
    }

    private void Include(string name, HoconOrigin origin, HoconObject root, IReadOnlyList<string> prefix)
    {
        string path = Path.IsPathRooted(name) ? name : Path.Combine(_baseDirectory, name);
        if (!File.Exists(path) && !Path.HasExtension(path) && File.Exists(path + ".conf"))
        {
            path += ".conf";
        }

        if (!File.Exists(path))
        {
            throw origin.Error("included file \"" + name + "\" not found (looked for " + Path.GetFullPath(path) + ")");
        }

        string full = Path.GetFullPath(path);
        if (_includeStack.Contains(full, StringComparer.Ordinal))
        {
            throw origin.Error("include cycle: " + string.Join(" -> ", _includeStack.Append(full)));
        }

        _includeStack.Add(full);
        try
        {
            var reader = new HoconReader(File.ReadAllText(path), path, Path.GetDirectoryName(path) ?? string.Empty, _includeStack);
            reader.ParseDocument(root, prefix);
        }
        finally
        {
            _includeStack.RemoveAt(_includeStack.Count - 1);
        }
    }

    private string ReadIncludeName()
    {
        if (Peek() != '"' || IsTripleQuote())
        {
            throw Syntax("expected a quoted file name after include, found " + Show());
        }

        return ReadQuoted();
    }

    private IReadOnlyList<string> ParseKeyPath()
    {
        var segments = new List<string>();
        var current = new StringBuilder();
        bool hasText = false;
        while (!AtEnd)
        {
            char c = Peek();
            if (c == '"')
            {
                if (IsTripleQuote())
                {
                    throw Syntax("a triple-quoted string cannot be used as a key");
                }

                current.Append(ReadQuoted());
                hasText = true;
            }
            else if (IsUnquotedChar(c) && !IsCommentStart())
            {
                while (!AtEnd && IsUnquotedChar(Peek()) && !IsCommentStart())
                {
                    if (Peek() == '.')
                    {
                        if (!hasText)
                        {
                            throw Syntax(segments.Count == 0 ? "a key cannot start with '.'" : "empty key between two dots");
                        }

                        segments.Add(current.ToString());
                        current.Clear();
                        hasText = false;
                    }
                    else
                    {
                        current.Append(Peek());
                        hasText = true;
                    }

                    Advance();
                }
            }
            else
            {
                break;
            }
        }

        if (!hasText)
        {
            throw segments.Count == 0 && current.Length == 0
                ? Syntax("expected a key, found " + Show())
                : Syntax("a key cannot end with '.'");
        }

        segments.Add(current.ToString());
        return segments;
    }

    private HoconScalar ReadUnquoted()
    {
        var origin = Here();
        var sb = new StringBuilder();
        while (!AtEnd)
        {
            char c = Peek();
            if (IsUnquotedChar(c) && !IsCommentStart())
            {
                sb.Append(c);
                Advance();
            }
            else if (c == '+' && ExponentWithoutSign().IsMatch(sb.ToString()))
            {
                sb.Append(c);
                Advance();
            }
            else
            {
                break;
            }
        }

        string text = sb.ToString();
        return text switch
        {
            "true" => HoconScalar.Boolean(true, origin),
            "false" => HoconScalar.Boolean(false, origin),
            "null" => HoconScalar.Null(origin),
            _ when HoconConvert.IsNumber(text) => new HoconScalar(HoconType.Number, text, origin),
            _ => HoconScalar.String(text, origin),
        };
    }

    private string ReadQuoted()
    {
        var start = Here();
        Advance();
        var sb = new StringBuilder();
        while (true)
        {
            if (AtEnd || Peek() == '\n')
            {
                throw start.Error("unterminated string: the quote opened here is not closed before the end of the line");
            }

            char c = Peek();
            if (c == '"')
            {
                Advance();
                return sb.ToString();
            }

            if (c != '\\')
            {
                sb.Append(c);
                Advance();
                continue;
            }

            var escapeOrigin = Here();
            Advance();
            char e = Peek();
            switch (e)
            {
                case '"': sb.Append('"'); break;
                case '\\': sb.Append('\\'); break;
                case '/': sb.Append('/'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'u':
                    {
                        string hex = _pos + 5 <= _text.Length ? _text.Substring(_pos + 1, 4) : string.Empty;
                        if (hex.Length != 4 || !hex.All(char.IsAsciiHexDigit))
                        {
                            throw escapeOrigin.Error("invalid \\u escape: expected four hex digits");
                        }

                        sb.Append((char)Convert.ToInt32(hex, 16));
                        for (int i = 0; i < 4; i++)
                        {
                            Advance();
                        }

                        break;
                    }

                default:
                    throw escapeOrigin.Error("invalid escape '\\" + (AtEnd ? string.Empty : e.ToString()) + "' in a quoted string (allowed: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
            }

            Advance();
        }
    }

    private string ReadTripleQuoted()
    {
        var start = Here();
        int contentStart = _pos + 3;
        int end = _text.IndexOf("\"\"\"", contentStart, StringComparison.Ordinal);
        if (end < 0)
        {
            throw start.Error("unterminated triple-quoted string");
        }

        // Quotes right before the closing """ belong to the string: """a""""" is a"".
        while (end + 3 < _text.Length && _text[end + 3] == '"')
        {
            end++;
        }

        string content = _text[contentStart..end];
        while (_pos < end + 3)
        {
            Advance();
        }

        return content;
    }

    private bool IsTripleQuote() => Peek() == '"' && Peek(1) == '"' && Peek(2) == '"';

    private bool IsUnquotedChar(char c) => c != '\0' && c != '\n' && !IsSpace(c) && !Forbidden.Contains(c, StringComparison.Ordinal);

    private bool IsCommentStart() => Peek() == '#' || (Peek() == '/' && Peek(1) == '/');

    private char Peek(int offset = 0) => _pos + offset < _text.Length ? _text[_pos + offset] : '\0';

    private void Advance()
    {
        if (_text[_pos] == '\n')
        {
            _line++;
            _col = 1;
        }
        else
        {
            _col++;
        }

        _pos++;
    }

    private bool Match(string literal)
    {
        if (string.CompareOrdinal(_text, _pos, literal, 0, literal.Length) != 0)
        {
            return false;
        }

        for (int i = 0; i < literal.Length; i++)
        {
            Advance();
        }

        return true;
    }

    private void Expect(char c)
    {
        if (Peek() != c)
        {
            throw Syntax($"expected '{c}', found " + Show());
        }

        Advance();
    }

    private string ReadSpaces()
    {
        int start = _pos;
        while (!AtEnd && IsSpace(Peek()))
        {
            Advance();
        }

        return _text[start.._pos];
    }

    private void SkipSpaces() => ReadSpaces();

    private void SkipSpacesAndComments()
    {
        while (true)
        {
            SkipSpaces();
            if (!IsCommentStart())
            {
                return;
            }

            while (!AtEnd && Peek() != '\n')
            {
                Advance();
            }
        }
    }

    private void SkipBlank()
    {
        while (true)
        {
            SkipSpacesAndComments();
            if (Peek() != '\n')
            {
                return;
            }

            Advance();
        }
    }

    private HoconOrigin Here() => new(_file, _line, _col);

    private string Show() => AtEnd ? "end of input" : Peek() switch
    {
        '\n' => "end of line",
        char c => "'" + c + "'",
    };

    private ConfigException Syntax(string reason, string? key = null) => new(reason, _file, _line, _col, key);

    [GeneratedRegex(@"^-?[0-9]+(\.[0-9]+)?[eE]$", RegexOptions.CultureInvariant)]
    private static partial Regex ExponentWithoutSign();
}
