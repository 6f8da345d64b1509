// `es report`: one self-contained HTML file with the charts of one or more run directories.
using System.CommandLine;
using Es.Viz.Report;

namespace Es.Node.Commands;

/// <summary>
/// Writes report.html (in the first run directory unless --out says otherwise). Several run
/// directories are overlaid, with the median and spread of their returns.
/// </summary>
internal static class ReportCommand
{
    /// <summary>The report's file name inside a run directory.</summary>
    public const string DefaultFileName = "report.html";

    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var runs = new Argument<string[]>("RUN_DIR") { Arity = ArgumentArity.OneOrMore, Description = "Run directories (each with a metrics.jsonl); several are overlaid." };
        var output = new Option<string?>("--out", "-o") { HelpName = "FILE", Description = $"The HTML file to write. Default: {DefaultFileName} in the first run directory." };
        var command = new Command("report", "Write a self-contained HTML report with the curves of one or more runs.") { runs, output };
        command.SetAction((parsed, cancellation) => EsCli.Guard(
            context,
            () => Task.FromResult(Run(context, parsed.GetValue(runs)!, parsed.GetValue(output))),
            cancellation));
        return command;
    }

    private static int Run(CliContext context, string[] runDirectories, string? output)
    {
        string path = output ?? Path.Combine(runDirectories[0], DefaultFileName);
        IReadOnlyList<RunMetrics> runs = ReportPage.Write(runDirectories, path);
        foreach (RunMetrics run in runs)
        {
            if (run.Note is not null) context.Fail($"{run.Directory}: {run.Note}");
        }
        context.Out.WriteLine($"report: {Path.GetFullPath(path)} ({runs.Count} run{(runs.Count == 1 ? "" : "s")}, {runs.Sum(r => r.Generations.Count)} generations)");
        return ExitCodes.Success;
    }
}
