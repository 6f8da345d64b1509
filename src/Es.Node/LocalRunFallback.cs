// TEMPORARY stand-in for SingleProcessRun.RunAsync while the ES actors are written: the same contract on the library loop. Delete on merge.
using System.Diagnostics;
using Es.Actors.Hosting;
using Es.Core.Checkpoints;
using Es.Core.Configuration;
using Es.Core.Evaluation;
using Es.Core.Runs;
using Es.Core.Strategies;
using Es.Core.Training;

namespace Es.Node.Commands;

/// <summary>
/// The fallback half of <see cref="TrainCommand"/>: runs <see cref="RunOptions"/> with
/// <see cref="LocalTrainer"/> and writes what the actors will: config.conf, one metrics.jsonl line
/// per generation, latest/best/final checkpoints. It lets <c>es train</c> be built and tested
/// before <see cref="SingleProcessRun"/> exists; the command calls it only when that throws
/// <see cref="NotImplementedException"/>. Deleting this file is the whole removal.
/// </summary>
internal static partial class TrainCommand
{
    /// <summary>Trains until a stop rule fires or <paramref name="cancellation"/> is signalled (then writes the final checkpoint).</summary>
    static partial void RunFallback(RunOptions options, CancellationToken cancellation, ref Task<RunOutcome>? run) =>
        run = Task.Run(() => RunLocally(options, cancellation), CancellationToken.None);

    private static RunOutcome RunLocally(RunOptions options, CancellationToken cancellation)
    {
        EsSettings settings = options.Settings;
        TrainingSetup setup = TrainingSetup.FromSettings(settings);
        Checkpoint? resume = options.ResumeFrom is null ? null : CheckpointFile.Load(options.ResumeFrom);
        int threads = options.Evaluators > 0 ? options.Evaluators : Environment.ProcessorCount;
        Func<IFitnessFunction> fitness = options.FitnessFactory ?? setup.CreateFitness;
        var strategy = new OpenAiEs(setup.StrategyOptions(), options.InitialParameters ?? setup.InitialParameters(), setup.Noise, setup.RunSeed);
        var learner = new Learner(strategy, setup.CreateNormalizer(), setup.RunSeed, settings.Normalization.SampleProbability,
            settings.Strategy.EpisodesPerCandidate, settings.Evaluation.Every, settings.Evaluation.Episodes);
        var trainer = new LocalTrainer(learner, () => new PairEvaluator(fitness(), setup.Noise, settings.Strategy.Sigma, settings.Strategy.Mirrored), threads);
        var rule = new StopRule(settings.Run);
        double best = double.NaN;
        if (resume is not null)
        {
            learner.Restore(resume);
            rule.Streak = resume.GoalStreak;
            best = resume.BestReturn;
        }

        string configuration = settings.ToHocon();
        RunDirectory? directory = options.RunDirectory is null ? null : new RunDirectory(options.RunDirectory);
        directory?.WriteConfiguration(configuration);
        IRunObserver? observer = options.Observer;
        EvaluationSummary? last = null;
        StopReason reason;
        string? error = null;
        // A checkpoint at generation g re-runs g's evaluation when resumed, so it stores the streak from before it.
        int streakAtGeneration = rule.Streak;
        try
        {
            while (true)
            {
                if (cancellation.IsCancellationRequested) { reason = StopReason.Interrupted; break; }
                if (rule.BudgetSpent(learner.Generation, learner.TotalTimesteps) is { } budget) { reason = budget; break; }
                var clock = Stopwatch.StartNew();
                GenerationAssembler assembler = trainer.EvaluateGeneration();
                EvaluationSummary? evaluation = learner.Summarize(assembler);
                streakAtGeneration = rule.Streak;
                bool goal = rule.GoalReached(evaluation);
                if (evaluation is not null)
                {
                    last = evaluation;
                    if (double.IsNaN(best) || evaluation.Mean > best)
                    {
                        best = evaluation.Mean;
                        if (directory is not null)
                            CheckpointFile.Save(directory.BestCheckpoint, learner.ToCheckpoint(settings.Env.Id, best, configuration, streakAtGeneration));
                    }
                }
                if (goal) { reason = StopReason.Goal; break; }

                GenerationReport report = learner.Complete(assembler);
                streakAtGeneration = rule.Streak;
                double seconds = clock.Elapsed.TotalSeconds;
                var metrics = new GenerationMetrics(report.Generation, report.TotalEpisodes, report.TotalTimesteps, report.ReturnMean, report.ReturnStd,
                    report.ReturnMax, report.Evaluation?.Mean, report.GradientNorm, report.ParameterNorm, report.UpdateRatio, 0, report.NonFinite,
                    threads, seconds, seconds > 0 ? report.Timesteps / seconds : 0);
                directory?.AppendMetrics(metrics);
                observer?.OnGeneration(metrics);
                if (directory is not null && settings.Checkpoint.Every > 0 && learner.Generation % settings.Checkpoint.Every == 0)
                {
                    CheckpointFile.Save(directory.LatestCheckpoint, learner.ToCheckpoint(settings.Env.Id, best, configuration, streakAtGeneration));
                    observer?.OnEvent($"checkpoint written at generation {learner.Generation}: {directory.LatestCheckpoint}");
                }
            }
        }
        catch (Exception e)
        {
            reason = StopReason.Failed;
            error = e.Message;
        }

        string? final = null;
        if (directory is not null)
        {
            CheckpointFile.Save(directory.FinalCheckpoint, learner.ToCheckpoint(settings.Env.Id, best, configuration, streakAtGeneration));
            final = directory.FinalCheckpoint;
        }
        return new RunOutcome(reason, learner.Generation, learner.Parameters.ToArray(), last, error, final);
    }
}
