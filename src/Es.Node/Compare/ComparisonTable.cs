// Formats a comparison: a progress line per run, a Markdown table with per-strategy medians, a JSON line per run.
using System.Globalization;
using System.Text;
using Es.Node.Output;

namespace Es.Node.Compare;

/// <summary>The text forms of a comparison's results.</summary>
internal static class ComparisonTable
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>One line when a run finishes.</summary>
    public static string Progress(ComparisonRun r) =>
        $"{r.Strategy} seed {r.Seed}: {ProgressFormat.Reason(r.Reason)} after {r.Generations} generations, {r.Timesteps:N0} steps, {r.Seconds:F1} s; final return {Number(r.FinalReturn)}";

    /// <summary>The per-run table and, below it, the medians over seeds of each strategy.</summary>
    public static string Markdown(IReadOnlyList<ComparisonRun> runs, double? threshold)
    {
        string target = threshold is { } t ? $"steps to {t.ToString("G", Invariant)}" : "steps to threshold";
        var text = new StringBuilder();
        text.AppendLine($"| strategy | seed | final return | best return | {target} | generations | steps | wall s | stopped |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (ComparisonRun r in runs)
        {
            text.AppendLine(Invariant, $"| {r.Strategy} | {r.Seed} | {Number(r.FinalReturn)} | {Number(r.BestReturn)} | {Steps(r.StepsToThreshold)} | {r.Generations} | {r.Timesteps} | {r.Seconds:F1} | {ProgressFormat.Reason(r.Reason)} |");
        }
        text.AppendLine();
        text.AppendLine($"| strategy | runs | median final return | median best return | reached | median {target} | median wall s |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (IGrouping<string, ComparisonRun> group in runs.GroupBy(r => r.Strategy))
        {
            ComparisonRun[] g = [.. group];
            long[] reached = g.Where(r => r.StepsToThreshold is not null).Select(r => r.StepsToThreshold!.Value).ToArray();
            string medianSteps = reached.Length == 0 ? "-" : Steps((long)Median(reached.Select(v => (double)v)));
            text.AppendLine(Invariant, $"| {group.Key} | {g.Length} | {Number(Median(g.Select(r => r.FinalReturn)))} | {Number(Median(g.Select(r => r.BestReturn)))} | {reached.Length}/{g.Length} | {medianSteps} | {Median(g.Select(r => r.Seconds)):F1} |");
        }
        return text.ToString();
    }

    /// <summary>A run as one JSON object.</summary>
    public static string Json(ComparisonRun r)
    {
        var line = new StringWriter(Invariant);
        JsonLine.Write(line, w =>
        {
            w.WriteString("strategy", r.Strategy);
            w.WriteNumber("seed", r.Seed);
            w.WriteString("stopped", ProgressFormat.Reason(r.Reason));
            w.WriteNumber("generations", r.Generations);
            w.WriteNumber("timesteps", r.Timesteps);
            w.WriteNumberOrNull("final_return", r.FinalReturn);
            w.WriteNumberOrNull("best_return", r.BestReturn);
            if (r.StepsToThreshold is { } s) w.WriteNumber("steps_to_threshold", s);
            else w.WriteNull("steps_to_threshold");
            w.WriteNumber("seconds", Math.Round(r.Seconds, 3));
            w.WriteString("run_directory", r.RunDirectory);
        });
        return line.ToString().TrimEnd();
    }

    /// <summary>The median of the finite values (NaN when there are none).</summary>
    public static double Median(IEnumerable<double> values)
    {
        double[] v = values.Where(double.IsFinite).Order().ToArray();
        if (v.Length == 0) return double.NaN;
        return v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
    }

    private static string Number(double value) => double.IsFinite(value) ? value.ToString("F1", Invariant) : "-";

    private static string Steps(long? steps) => steps is { } s ? s.ToString(Invariant) : "-";
}
