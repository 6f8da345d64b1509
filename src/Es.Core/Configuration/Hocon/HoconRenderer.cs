// Writes a resolved HOCON tree back as text (saved with runs and checkpoints, so it must read back equal).
namespace Es.Core.Configuration.Hocon;

using System.Text;

/// <summary>
/// Renders resolved trees: objects as indented <c>key { ... }</c> blocks, arrays inline, strings
/// always quoted (so <c>10s</c> or <c>yes</c> stay strings) and numbers as written.
/// </summary>
internal static class HoconRenderer
{
    public static string Render(HoconObject root)
    {
        var sb = new StringBuilder();
        WriteFields(sb, root, 0);
        return sb.ToString();
    }

    private static void WriteFields(StringBuilder sb, HoconObject obj, int depth)
    {
        foreach (string key in obj.Keys)
        {
            var value = obj[key];
            sb.Append(' ', depth * 2).Append(HoconPath.QuoteKeyIfNeeded(key));
            if (value is HoconObject child)
            {
                if (child.Count == 0)
                {
                    sb.Append(" {}\n");
                    continue;
                }

                sb.Append(" {\n");
                WriteFields(sb, child, depth + 1);
                sb.Append(' ', depth * 2).Append("}\n");
            }
            else
            {
                sb.Append(" = ");
                WriteInline(sb, value);
                sb.Append('\n');
            }
        }
    }

    private static void WriteInline(StringBuilder sb, HoconValue value)
    {
        switch (value)
        {
            case HoconScalar { Type: HoconType.String } s:
                sb.Append(HoconPath.Quote(s.Text));
                break;
            case HoconScalar s:
                sb.Append(s.Text);
                break;
            case HoconArray a:
                sb.Append('[');
                for (int i = 0; i < a.Items.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(", ");
                    }

                    WriteInline(sb, a.Items[i]);
                }

                sb.Append(']');
                break;
            case HoconObject o:
                sb.Append('{');
                for (int i = 0; i < o.Keys.Count; i++)
                {
                    sb.Append(i > 0 ? ", " : " ").Append(HoconPath.QuoteKeyIfNeeded(o.Keys[i])).Append(" = ");
                    WriteInline(sb, o[o.Keys[i]]);
                }

                sb.Append(o.Count > 0 ? " }" : "}");
                break;
            default:
                throw new InvalidOperationException("cannot render " + value.Describe() + "; resolve the tree first");
        }
    }
}
