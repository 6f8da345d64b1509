// Reads metrics.jsonl tolerantly where a crash can cut it, strictly everywhere else.
using System.Text.Json;
using Es.Core.Runs;

namespace Es.Viz.Report;

/// <summary>
/// Reads a run directory's metrics.jsonl. <see cref="RunDirectory.AppendMetrics"/> writes whole
/// lines, so only the last line can be damaged (the process died mid-write); a damaged line
/// anywhere else means the file is not a metrics file, and the error names file and line.
/// Fields that older runs did not write yet (nodes, straggler_cutoff, sigma) read as their defaults (sigma as null).
/// </summary>
public static class MetricsFile
{
    /// <summary>Reads the metrics of <paramref name="runDirectory"/>.</summary>
    /// <exception cref="VizInputException">The directory or its metrics.jsonl is missing, or a line other than the last is not a metrics object.</exception>
    public static RunMetrics Read(string runDirectory)
    {
        string directory = Path.GetFullPath(runDirectory);
        if (!System.IO.Directory.Exists(directory))
            throw new VizInputException(File.Exists(directory) ? $"{runDirectory} is a file, not a run directory." : $"run directory not found: {runDirectory}");
        string path = Path.Combine(directory, RunDirectory.MetricsFile);
        if (!File.Exists(path))
            throw new VizInputException($"{runDirectory} has no {RunDirectory.MetricsFile}: is it a run directory (es train --run-dir)?");

        string[] lines;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        using (var reader = new StreamReader(stream))
            lines = reader.ReadToEnd().Split('\n');

        var generations = new List<GenerationMetrics>();
        string? note = null;
        int last = lines.Length - 1;
        while (last >= 0 && lines[last].Trim().Length == 0) last--;
        for (int i = 0; i <= last; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0) continue;
            GenerationMetrics? metrics = Parse(line);
            if (metrics is not null)
            {
                generations.Add(metrics);
                continue;
            }
            if (i == last)
            {
                note = $"{RunDirectory.MetricsFile} line {i + 1} is incomplete (the run was stopped while writing it) and is left out.";
                break;
            }
            throw new VizInputException($"{path}: line {i + 1} is not a metrics object: {Shorten(line)}");
        }
        return new RunMetrics(Path.GetFileName(directory), directory, generations, note);
    }

    private static GenerationMetrics? Parse(string line)
    {
        try
        {
            return JsonSerializer.Deserialize<GenerationMetrics>(line);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Shorten(string line) => line.Length <= 80 ? line : line[..80] + "…";
}
