// Writes the report: one self-contained HTML file with every run's charts.
using System.Globalization;
using System.Net;

namespace Es.Viz.Report;

/// <summary>
/// The report is one HTML file with the data, the script and the style inlined, so it can be
/// mailed, archived or opened offline, and loads nothing from the network. The script draws
/// SVG charts when the page opens (see docs/seeing.md for why no plotting library).
/// </summary>
public static class ReportPage
{
    /// <summary>The HTML of a report over <paramref name="runs"/>.</summary>
    /// <exception cref="VizInputException"><paramref name="runs"/> is empty.</exception>
    public static string Html(IReadOnlyList<RunMetrics> runs)
    {
        if (runs.Count == 0) throw new VizInputException("a report needs at least one run directory.");
        string title = runs.Count == 1 ? $"EsAkka run {runs[0].Name}" : $"EsAkka runs: {string.Join(", ", runs.Select(r => r.Name))}";
        string generated = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        string data = WebAssets.ForScript(ReportData.ToJson(title, runs));
        return $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>{WebUtility.HtmlEncode(title)}</title>
            <style>
            {WebAssets.Style}
            </style>
            </head>
            <body>
            <h1>{WebUtility.HtmlEncode(title)}</h1>
            <p class="meta">written by es report, {generated}; {string.Join("; ", runs.Select(r => WebUtility.HtmlEncode(r.Directory)))}</p>
            <noscript><p class="note">The charts are drawn by the script inside this file; allow scripts to see them.</p></noscript>
            <div id="report"></div>
            <script type="application/json" id="es-data">{data}</script>
            <script>
            {WebAssets.Script}
            </script>
            <script>EsViz.draw(document.getElementById('report'), JSON.parse(document.getElementById('es-data').textContent));</script>
            </body>
            </html>
            """;
    }

    /// <summary>Reads <paramref name="runDirectories"/> and writes the report to <paramref name="outputPath"/> (atomically).</summary>
    /// <returns>The runs read, for a caller that wants to say what went in.</returns>
    /// <exception cref="VizInputException">A run directory is missing or unreadable, or the output cannot be written.</exception>
    public static IReadOnlyList<RunMetrics> Write(IReadOnlyList<string> runDirectories, string outputPath)
    {
        var runs = runDirectories.Select(MetricsFile.Read).ToList();
        WriteAtomically(outputPath, Html(runs));
        return runs;
    }

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> through a temporary file, so a reader never sees half a page.</summary>
    /// <exception cref="VizInputException">The path is a directory or its folder does not exist or cannot be written.</exception>
    internal static void WriteAtomically(string path, string text)
    {
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full)) throw new VizInputException($"--out {path} is a directory; name a file such as {Path.Combine(path, "report.html")}.");
        string? folder = Path.GetDirectoryName(full);
        if (folder is null || !Directory.Exists(folder)) throw new VizInputException($"--out {path}: the folder {folder} does not exist.");
        string temp = full + $".{Guid.NewGuid():N}.tmp";
        try
        {
            File.WriteAllText(temp, text);
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temp);
            throw new VizInputException($"--out {path} cannot be written: {e.Message}", e);
        }
    }
}
