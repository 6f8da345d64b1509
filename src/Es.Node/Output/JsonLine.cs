// Writes one compact JSON object per command result, so scripts can pipe `es` output into jq.
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Es.Node.Output;

/// <summary>
/// Builds a single-line JSON object and writes it, newline-terminated, to a writer. Relaxed escaping
/// keeps '+' and non-ASCII readable; the output is printed, never embedded in HTML.
/// </summary>
internal static class JsonLine
{
    /// <summary>Writes the object that <paramref name="fill"/> fills in.</summary>
    public static void Write(TextWriter output, Action<Utf8JsonWriter> fill)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            fill(writer);
            writer.WriteEndObject();
        }
        output.WriteLine(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        output.Flush();
    }

    /// <summary>Writes a number, or null where it is NaN or infinite (which JSON cannot hold).</summary>
    public static void WriteNumberOrNull(this Utf8JsonWriter writer, string name, double value)
    {
        if (double.IsFinite(value)) writer.WriteNumber(name, value);
        else writer.WriteNull(name);
    }
}
