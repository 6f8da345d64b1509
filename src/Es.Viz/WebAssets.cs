// The script and style shared by the report, the live page and the playground, read from the assembly.
using System.Reflection;

namespace Es.Viz;

/// <summary>
/// The page assets are embedded resources, so a report can inline them (no network, one file)
/// and the live servers can send them without a folder of static files next to the binary.
/// </summary>
internal static class WebAssets
{
    /// <summary>esviz.js: draws the charts from metrics rows.</summary>
    public static string Script => Read("esviz.js");

    /// <summary>esviz.css: the look of every page.</summary>
    public static string Style => Read("esviz.css");

    /// <summary>Reads the embedded file <paramref name="name"/> from Web/.</summary>
    public static string Read(string name)
    {
        using Stream stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Es.Viz.Web." + name)
            ?? throw new InvalidOperationException($"the embedded page asset {name} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Makes <paramref name="json"/> safe inside a &lt;script&gt; element (no "&lt;/script" can end it early).</summary>
    public static string ForScript(string json) => json.Replace("</", "<\\/", StringComparison.Ordinal);
}
