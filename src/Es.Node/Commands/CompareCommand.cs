// `es compare`: the same task, budget and seeds for several strategies, one run each, and a table of the results.
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Es.Actors.Hosting;
using Es.Core.Configuration;
using Es.Core.Training;
using Es.Node.Compare;

namespace Es.Node.Commands;

/// <summary>
/// Runs every (strategy, seed) pair in single-process mode with the configuration's budget
/// (es.run.max-timesteps or max-generations, and its goal), one after another so the runs do
/// not compete for cores, then prints a table: final and best evaluation return, steps to the
/// threshold, generations, steps, wall time; and per strategy the medians over seeds. The table
/// is also written to compare.md and compare.jsonl in the output directory.
/// </summary>
internal static class CompareCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var config = new Option<string>("--config", "-c") { Description = "The HOCON configuration of the task and budget.", Required = true, HelpName = "FILE" };
        var strategies = new Option<string>("--strategies") { Description = "Comma-separated strategy names, e.g. openai-es,cma-es,simple-ga.", Required = true, HelpName = "A,B,C" };
        var seeds = new Option<int>("--seeds") { HelpName = "N", Description = "Runs per strategy, with run seeds es.run.seed, +1, ... (default 3).", DefaultValueFactory = _ => 3 };
        var threshold = new Option<double?>("--threshold") { HelpName = "RETURN", Description = "Evaluation return that counts as solved (default: es.run.goal-return)." };
        var set = new Option<string[]>("--set") { HelpName = "KEY=VALUE", Description = "Override one setting for every run (repeatable).", DefaultValueFactory = _ => [] };
        var output = new Option<string?>("--out") { HelpName = "DIR", Description = "Where each run's directory and the tables go. Default: runs/compare-<config name>-<yyyyMMdd-HHmmss>." };
        var evaluators = new Option<int>("--evaluators") { HelpName = "N", Description = "Evaluators per run (0 = one per core).", DefaultValueFactory = _ => 0 };
        var command = new Command("compare", "Train several strategies on the same task, budget and seeds, and print a comparison table.")
        {
            config, strategies, seeds, threshold, set, output, evaluators,
        };
        command.SetAction((parsed, cancellation) => EsCli.Guard(
            context,
            () => RunAsync(context, new CompareArguments(parsed.GetValue(config)!, parsed.GetValue(strategies)!, parsed.GetValue(seeds), parsed.GetValue(threshold),
                parsed.GetValue(set) ?? [], parsed.GetValue(output), parsed.GetValue(evaluators)), cancellation),
            cancellation));
        return command;
    }

    private sealed record CompareArguments(string Config, string Strategies, int Seeds, double? Threshold, string[] Overrides, string? Output, int Evaluators);

    private sealed record Plan(string Name, EsSettings Settings);

    private static async Task<int> RunAsync(CliContext context, CompareArguments args, CancellationToken cancellation)
    {
        (List<Plan> plans, double? threshold, string outputDirectory, IReadOnlyList<string> notes) = Prepare(args);
        foreach (string note in notes) context.Error.WriteLine("es: note: " + note);
        Directory.CreateDirectory(outputDirectory);
        context.Out.WriteLine($"comparing {plans.Count} runs in {outputDirectory}");
        context.Out.Flush();

        var runs = new List<ComparisonRun>();
        foreach (Plan plan in plans)
        {
            if (cancellation.IsCancellationRequested) break;
            string runDirectory = Path.Combine(outputDirectory, $"{plan.Name}-seed{plan.Settings.Run.Seed}");
            var recorder = new ComparisonRecorder(threshold);
            var watch = Stopwatch.StartNew();
            RunOutcome outcome = await SingleProcessRun.RunAsync(
                new RunOptions(plan.Settings) { RunDirectory = runDirectory, Evaluators = args.Evaluators, Observer = recorder }, cancellation).ConfigureAwait(false);
            double seconds = watch.Elapsed.TotalSeconds;
            if (outcome.Reason == StopReason.Failed)
            {
                context.Fail($"{plan.Name} seed {plan.Settings.Run.Seed} failed: {outcome.Error}");
                return ExitCodes.Failure;
            }
            double final = outcome.LastEvaluation?.Mean ?? recorder.LastReturn;
            double best = double.IsNaN(recorder.BestReturn) || final > recorder.BestReturn ? final : recorder.BestReturn;
            long? toThreshold = recorder.StepsToThreshold;
            // A goal ends the run before that generation is applied, so no metrics line reports the evaluation that met it.
            if (toThreshold is null && threshold is { } t && final >= t) toThreshold = recorder.Timesteps;
            var run = new ComparisonRun(plan.Name, plan.Settings.Run.Seed, outcome.Reason, outcome.Generation, recorder.Timesteps, final, best, toThreshold, seconds, runDirectory);
            runs.Add(run);
            context.Out.WriteLine(ComparisonTable.Progress(run));
            context.Out.Flush();
        }

        // Every run's curves overlaid in one page (a run stopped before its first generation has none).
        List<string> reported = runs.Select(r => r.RunDirectory).Where(d => File.Exists(Path.Combine(d, Es.Core.Runs.RunDirectory.MetricsFile))).ToList();
        if (reported.Count > 0)
        {
            string report = Path.Combine(outputDirectory, ReportCommand.DefaultFileName);
            Es.Viz.Report.ReportPage.Write(reported, report);
            context.Out.WriteLine($"report: {report}");
        }
        string table = ComparisonTable.Markdown(runs, threshold);
        context.Out.WriteLine();
        context.Out.Write(table);
        context.Out.Flush();
        await File.WriteAllTextAsync(Path.Combine(outputDirectory, "compare.md"), table, CancellationToken.None).ConfigureAwait(false);
        await File.WriteAllLinesAsync(Path.Combine(outputDirectory, "compare.jsonl"), runs.Select(ComparisonTable.Json), CancellationToken.None).ConfigureAwait(false);
        if (cancellation.IsCancellationRequested)
        {
            context.Fail("interrupted: the table holds the runs that finished");
            return ExitCodes.Interrupted;
        }
        return ExitCodes.Success;
    }

    /// <summary>Checks every input and builds every run's settings before anything runs, so a typo in the last strategy costs nothing.</summary>
    private static (List<Plan> Plans, double? Threshold, string Output, IReadOnlyList<string> Notes) Prepare(CompareArguments args)
    {
        if (!File.Exists(args.Config)) throw new UsageException($"config file not found: {args.Config}");
        if (args.Seeds < 1) throw new UsageException($"--seeds must be at least 1 (got {args.Seeds}).");
        if (args.Evaluators < 0) throw new UsageException($"--evaluators must be 0 (one per core) or more (got {args.Evaluators}).");
        string[] names = args.Strategies.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (names.Length == 0) throw new UsageException("--strategies names no strategy; for example --strategies openai-es,cma-es");
        foreach (string name in names)
        {
            if (!StrategySettings.KnownNames.Contains(name))
                throw new UsageException($"--strategies: {StrategySettings.Unknown(name)}");
        }
        if (names.Distinct(StringComparer.Ordinal).Count() != names.Length) throw new UsageException($"--strategies '{args.Strategies}' names a strategy twice.");

        // One file serves every strategy: a key is judged over all of them (UnusedKeys), not per run.
        EsSettings baseline = SettingsLoader.Read(args.Config, args.Overrides).Settings;
        if (baseline.Run.MaxTimesteps <= 0 && baseline.Run.MaxGenerations <= 0)
            throw new UsageException($"{args.Config}: a comparison needs the same budget for every strategy: set es.run.max-timesteps or es.run.max-generations (e.g. --set es.run.max-timesteps=200000).");
        double? threshold = args.Threshold ?? baseline.Run.GoalReturn;
        if (baseline.Evaluation.Every <= 0 || baseline.Evaluation.Episodes <= 0)
            throw new UsageException($"{args.Config}: the table reports evaluation returns, so es.evaluation.every and es.evaluation.episodes must be at least 1.");

        var plans = new List<Plan>();
        var unused = new Dictionary<string, List<UnusedSetting>>(StringComparer.Ordinal);
        foreach (string name in names)
        {
            for (int k = 0; k < args.Seeds; k++)
            {
                string seed = (baseline.Run.Seed + (ulong)k).ToString(CultureInfo.InvariantCulture);
                LoadedSettings loaded = SettingsLoader.Read(args.Config, [.. args.Overrides, $"es.strategy.name={name}", $"es.run.seed={seed}"]);
                EsSettings settings = loaded.Settings;
                if (k == 0) unused[name] = [.. loaded.Unused];
                try
                {
                    _ = TrainingSetup.FromSettings(settings).CreateStrategy();
                }
                catch (ArgumentException e)
                {
                    throw new UsageException($"{args.Config}: strategy {name} cannot be built from these settings: {e.Message}");
                }
                plans.Add(new Plan(name, settings));
            }
        }

        IReadOnlyList<string> notes = UnusedKeys(unused, names.Length);
        string output = Path.GetFullPath(args.Output ?? TrainCommand.DefaultRunDirectory(args.Config, "compare-"));
        if (File.Exists(output)) throw new UsageException($"--out {output} is a file.");
        if (Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any())
            throw new UsageException($"--out {output} is not empty; choose another directory.");
        return (plans, threshold, output, notes);
    }

    /// <summary>
    /// The rule that no setting is silently ignored, over a comparison: a key that no compared
    /// strategy reads is refused; one that only some read is named on stderr for the others.
    /// </summary>
    private static List<string> UnusedKeys(Dictionary<string, List<UnusedSetting>> byStrategy, int strategies)
    {
        var notes = new List<string>();
        foreach (var group in byStrategy.SelectMany(p => p.Value.Select(u => (Strategy: p.Key, Setting: u))).GroupBy(x => x.Setting.Key, StringComparer.Ordinal))
        {
            UnusedSetting first = group.First().Setting;
            string who = string.Join(", ", group.Select(x => x.Strategy));
            if (group.Count() == strategies) throw first.ToException();
            notes.Add($"{first.Key} ({first.Origin}) has no effect for {who}: {first.Reason}");
        }
        return notes;
    }
}
