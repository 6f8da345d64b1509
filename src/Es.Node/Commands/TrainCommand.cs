// `es train`: validate everything, then hand the run to SingleProcessRun and report its progress and outcome.
using System.CommandLine;
using System.Globalization;
using Es.Actors.Hosting;
using Es.Core.Checkpoints;
using Es.Core.Configuration;
using Es.Core.Runs;
using Es.Core.Training;
using Es.Node.Output;
using Es.Viz.Dashboard;
using System.Net;

namespace Es.Node.Commands;

/// <summary>
/// Trains in single-process mode. Every input is checked before the run starts, so a mistake
/// never leaves a half-created run directory; the run itself (files, checkpoints, stopping)
/// belongs to <see cref="SingleProcessRun"/>.
/// </summary>
internal static class TrainCommand
{
    /// <summary>Starts a run: single-process for <c>train</c>, over the cluster's fabric for <c>head</c>.</summary>
    internal delegate Task<RunOutcome> Runner(RunOptions options, CancellationToken cancellation);

    /// <summary>Builds <c>es train</c>.</summary>
    public static Command Create(CliContext context) =>
        Create(context, "train", "Train a policy in this process (no server) until the goal, a budget or Ctrl-C.", SingleProcessRun.RunAsync);

    /// <summary>Builds a training command whose run is started by <paramref name="runner"/> (shared by <c>train</c> and <c>head</c>).</summary>
    internal static Command Create(CliContext context, string name, string description, Runner runner)
    {
        var config = new Option<string>("--config", "-c") { Description = "The HOCON configuration file of the run.", Required = true, HelpName = "FILE" };
        var set = new Option<string[]>("--set")
        {
            HelpName = "KEY=VALUE",
            Description = "Override one setting, as key=value with the full key (repeatable), e.g. --set es.strategy.sigma=0.05.",
            DefaultValueFactory = _ => [],
        };
        var runDir = new Option<string?>("--run-dir") { HelpName = "DIR", Description = "Where config.conf, metrics.jsonl and checkpoints go. Default: runs/<config name>-<yyyyMMdd-HHmmss>." };
        var evaluators = new Option<int>("--evaluators") { HelpName = "N", Description = "Evaluators in the rollout pool (0 = one per core).", DefaultValueFactory = _ => 0 };
        var resume = new Option<string?>("--resume") { HelpName = "CHECKPOINT", Description = "Continue from this checkpoint (same seed and task as the configuration)." };
        var plain = new Option<bool>("--plain") { Description = "One line per generation instead of the live table (implied when output is redirected)." };
        var dashboard = new Option<string?>("--dashboard")
        {
            HelpName = "[HOST:]PORT",
            Description = "Serve a live page of the run at http://HOST:PORT/ (HOST defaults to 127.0.0.1; port 0 picks a free one).",
        };
        var allowRemote = new Option<bool>("--dashboard-allow-remote") { Description = "Let --dashboard listen on a non-loopback address (the page has no login)." };
        var command = new Command(name, description)
        {
            config, set, runDir, evaluators, resume, plain, dashboard, allowRemote,
        };
        command.SetAction((parsed, cancellation) => EsCli.Guard(
            context,
            () => RunAsync(
                context,
                runner,
                new TrainArguments(parsed.GetValue(config)!, parsed.GetValue(set) ?? [], parsed.GetValue(runDir), parsed.GetValue(evaluators),
                    parsed.GetValue(resume), parsed.GetValue(plain), parsed.GetValue(dashboard), parsed.GetValue(allowRemote), name == "head" ? "head" : "single-process"),
                cancellation),
            cancellation));
        return command;
    }

    /// <summary>How often the run's report.html is rewritten while it trains.</summary>
    internal static readonly TimeSpan ReportInterval = TimeSpan.FromSeconds(30);

    private sealed record TrainArguments(string Config, string[] Overrides, string? RunDir, int Evaluators, string? Resume, bool Plain,
        string? Dashboard, bool DashboardAllowRemote, string Role);

    private static async Task<int> RunAsync(CliContext context, Runner runner, TrainArguments args, CancellationToken cancellation)
    {
        RunOptions options = Prepare(args);
        IPEndPoint? dashboardAt = args.Dashboard is null ? null : DashboardAddress.Parse(args.Dashboard, args.DashboardAllowRemote);
        if (args.DashboardAllowRemote && args.Dashboard is null) throw new UsageException("--dashboard-allow-remote needs --dashboard HOST:PORT.");
        string runDirectory = options.RunDirectory!;
        bool live = context.Terminal && !args.Plain;
        await using DashboardServer? dashboard = dashboardAt is null ? null
            : await DashboardServer.StartAsync(dashboardAt, $"EsAkka {args.Role} run {Path.GetFileName(runDirectory)}", cancellation).ConfigureAwait(false);
        context.Out.WriteLine($"run directory: {runDirectory}");
        if (dashboard is not null) context.Out.WriteLine($"dashboard: {dashboard.Address}");
        context.Out.Flush();

        // report.html in the run directory, rewritten every so often while the run goes and once at its end.
        DashboardObserver? watcher = dashboard is null ? null : new DashboardObserver(dashboard, args.Role);
        var report = new ReportRefresher(runDirectory, Path.Combine(runDirectory, ReportCommand.DefaultFileName), ReportInterval, context.Fail);
        RunOutcome outcome;
        if (live)
        {
            var progress = new LiveProgress();
            Task<RunOutcome> run = runner(options with { Observer = Observers(progress, report, watcher) }, cancellation);
            await progress.ShowAsync(Terminal.For(context), run, cancellation).ConfigureAwait(false);
            outcome = await run.ConfigureAwait(false);
        }
        else
        {
            using CancellationTokenRegistration notice = cancellation.Register(() =>
                context.Fail("interrupt: stopping after this generation and writing the final checkpoint (Ctrl-C again quits at once)"));
            outcome = await runner(options with { Observer = Observers(new PlainProgress(context.Out), report, watcher) }, cancellation).ConfigureAwait(false);
        }

        watcher?.Finish(ProgressFormat.Reason(outcome.Reason));
        bool reported = File.Exists(Path.Combine(runDirectory, RunDirectory.MetricsFile));
        if (reported) await report.FinishAsync().ConfigureAwait(false);
        WriteSummary(context.Out, outcome);
        if (reported) context.Out.WriteLine($"report: {Path.Combine(runDirectory, ReportCommand.DefaultFileName)}");
        if (outcome.Reason != StopReason.Failed) return ExitCodes.Success;
        context.Fail("run failed: " + (outcome.Error ?? "no reason given"));
        return ExitCodes.Failure;
    }

    private static ObserverFanout Observers(IRunObserver progress, ReportRefresher report, DashboardObserver? dashboard) =>
        dashboard is null ? new ObserverFanout(progress, report) : new ObserverFanout(progress, report, dashboard);

    /// <summary>Checks every input and resolves the run directory, creating nothing.</summary>
    private static RunOptions Prepare(TrainArguments args)
    {
        if (!File.Exists(args.Config))
        {
            throw new UsageException(Directory.Exists(args.Config)
                ? $"--config {args.Config} is a directory, not a configuration file."
                : $"config file not found: {args.Config}");
        }
        foreach (string line in args.Overrides) CheckOverride(line);
        if (args.Evaluators < 0) throw new UsageException($"--evaluators must be 0 (one per core) or more (got {args.Evaluators}).");

        EsSettings settings = SettingsLoader.Load(args.Config, args.Overrides);
        TrainingSetup setup;
        try
        {
            setup = TrainingSetup.FromSettings(settings);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"{args.Config}: the settings cannot be built: {e.Message}");
        }

        string? resume = null;
        if (args.Resume is not null)
        {
            CheckResume(args.Resume, setup);
            resume = Path.GetFullPath(args.Resume);
        }

        string runDirectory = Path.GetFullPath(args.RunDir ?? DefaultRunDirectory(args.Config));
        CheckRunDirectory(runDirectory, resuming: resume is not null);
        return new RunOptions(settings) { RunDirectory = runDirectory, Evaluators = args.Evaluators, ResumeFrom = resume };
    }

    private static void CheckOverride(string line)
    {
        int equals = line.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
            throw new UsageException($"--set '{line}': expected key=value, for example --set es.strategy.sigma=0.05");
        string key = line[..equals].Trim();
        if (!key.StartsWith("es.", StringComparison.Ordinal) && !key.StartsWith("akka.", StringComparison.Ordinal))
            throw new UsageException($"--set '{line}': the key must be a full path starting with 'es.' or 'akka.' (did you mean es.{key}?)");
    }

    /// <summary>A checkpoint must come from the same run seed and task, or resuming would silently train something else.</summary>
    private static void CheckResume(string path, TrainingSetup setup)
    {
        Checkpoint checkpoint = CheckpointFile.Load(path);
        EsSettings s = setup.Settings;
        if (checkpoint.RunSeed != s.Run.Seed)
            throw new CheckpointException(path, $"is from run seed {checkpoint.RunSeed}, the configuration's es.run.seed is {s.Run.Seed}.");
        if (checkpoint.EnvironmentId != s.Env.Id)
            throw new CheckpointException(path, $"is for {checkpoint.EnvironmentId}, the configuration's es.env.id is {s.Env.Id}.");
        if (checkpoint.Strategy.Name != s.Strategy.Name)
            throw new CheckpointException(path, $"was written by strategy {checkpoint.Strategy.Name}, the configuration's es.strategy.name is {s.Strategy.Name}.");
        if (checkpoint.Strategy.Center.Length != setup.Dimension)
            throw new CheckpointException(path, $"holds {checkpoint.Strategy.Center.Length} parameters, the configuration's policy has {setup.Dimension}.");
    }

    private static void CheckRunDirectory(string path, bool resuming)
    {
        if (File.Exists(path)) throw new UsageException($"--run-dir {path} is a file.");
        if (resuming || !Directory.Exists(path)) return;
        string[] runFiles = [RunDirectory.ConfigurationFile, RunDirectory.MetricsFile, "final.ckpt", "latest.ckpt"];
        string? existing = runFiles.FirstOrDefault(f => File.Exists(Path.Combine(path, f)));
        if (existing is not null)
            throw new UsageException($"run directory {path} already holds a run ({existing}); choose another --run-dir, or --resume a checkpoint to continue it.");
    }

    /// <summary>runs/&lt;prefix&gt;&lt;config name&gt;-&lt;yyyyMMdd-HHmmss&gt;, with -2, -3, ... when it exists already.</summary>
    internal static string DefaultRunDirectory(string config, string prefix = "")
    {
        string stem = Path.GetFileNameWithoutExtension(config);
        string basePath = Path.Combine("runs", $"{prefix}{stem}-{DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}");
        string path = basePath;
        for (int n = 2; Directory.Exists(path); n++) path = $"{basePath}-{n}";
        return path;
    }

    private static void WriteSummary(TextWriter output, RunOutcome outcome)
    {
        output.WriteLine($"stopped: {ProgressFormat.Reason(outcome.Reason)}");
        output.WriteLine($"generations: {outcome.Generation}");
        output.WriteLine($"last evaluation: {ProgressFormat.Summary(outcome.LastEvaluation)}");
        output.WriteLine($"final checkpoint: {outcome.FinalCheckpoint ?? "none"}");
        output.Flush();
    }
}
