// Splitting and writing HOCON path expressions (a.b."c.d"), shared by getters, the parser and the renderer.
namespace Es.Core.Configuration.Hocon;

/// <summary>
/// Converts between path expressions such as <c>es.strategy.sigma</c> or <c>a."b.c"</c> and their
/// segments. Quoting is how a key containing a dot stays one key.
/// </summary>
public static class HoconPath
{
    /// <summary>Splits a path expression into keys; a quoted part is never split.</summary>
    /// <exception cref="ConfigException">The expression is empty or has an empty or unterminated segment.</exception>
    public static IReadOnlyList<string> Split(string path)
    {
        var segments = new List<string>();
        var current = new System.Text.StringBuilder();
        bool segmentHasText = false;
        for (int i = 0; i < path.Length; i++)
        {
            char c = path[i];
            if (c == '"')
            {
                int end = path.IndexOf('"', i + 1);
                if (end < 0)
                {
                    throw new ConfigException("unterminated quote in path expression '" + path + "'");
                }

                current.Append(path, i + 1, end - i - 1);
                segmentHasText = true;
                i = end;
            }
            else if (c == '.')
            {
                if (!segmentHasText)
                {
                    throw new ConfigException("empty key in path expression '" + path + "'");
                }

                segments.Add(current.ToString());
                current.Clear();
                segmentHasText = false;
            }
            else
            {
                current.Append(c);
                segmentHasText = true;
            }
        }

        if (!segmentHasText)
        {
            throw new ConfigException("empty key in path expression '" + path + "'");
        }

        segments.Add(current.ToString());
        return segments;
    }

    /// <summary>Writes keys as a path expression, quoting the keys that would not read back as one key.</summary>
    public static string Join(IEnumerable<string> segments) => string.Join('.', segments.Select(QuoteKeyIfNeeded));

    /// <summary>Quotes a single key when it is empty or contains characters that a bare key cannot hold.</summary>
    public static string QuoteKeyIfNeeded(string key)
    {
        bool plain = key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_');
        return plain ? key : Quote(key);
    }

    /// <summary>Writes a JSON string literal (HOCON quoted strings use JSON escapes).</summary>
    public static string Quote(string text)
    {
        var sb = new System.Text.StringBuilder(text.Length + 2).Append('"');
        foreach (char c in text)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (char.IsControl(c))
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.Append('"').ToString();
    }
}
