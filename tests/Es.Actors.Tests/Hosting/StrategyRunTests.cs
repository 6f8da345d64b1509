// Pins that every strategy runs through the same actors with the same exactness: single-process actors, a head with
// workers (one joining late, from a snapshot that carries the strategy's own state) and a resumed head all reach the
// library loop's bits.
using Es.Actors.Fabric;
using Es.Actors.Hosting;
using Es.Core.Configuration;
using Es.Core.Runs;
using Es.Core.Training;

namespace Es.Actors.Tests.Hosting;

public sealed class StrategyRunTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("es-strategies-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string> Strategies => new(StrategySettings.KnownNames);

    private static EsSettings Settings(string strategy, int generations) => SettingsLoader.Parse($$"""
        es {
          run { seed = 5, max-generations = {{generations}} }
          env.id = CartPole-v1
          policy.type = linear
          strategy { name = {{strategy}}, population = 12, sigma = 0.2 }
          normalization.enabled = {{(strategy.StartsWith("ars-v1", StringComparison.Ordinal) ? "false" : "true")}}
          evaluation { every = 2, episodes = 2 }
          checkpoint.every = 1
          noise.size = 1M
        }
        """, "test.conf");

    private static float[] LibraryLoop(EsSettings settings)
    {
        LocalTrainer trainer = TrainingSetup.FromSettings(settings).CreateLocalTrainer(1);
        Assert.Equal(StopReason.GenerationBudget, trainer.Train(new StopRule(settings.Run)));
        return trainer.Learner.Parameters.ToArray();
    }

    private static Task Worker(EsSettings settings, IFabric fabric, string id, CancellationToken cancellation) =>
        Task.Run(() => WorkerRun.RunAsync(new RunPlan(new RunOptions(settings) { Evaluators = 1 }), fabric, id, cancellation), CancellationToken.None);

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task SingleProcessActors_Should_GiveTheLibraryLoopsBits(string strategy)
    {
        EsSettings settings = Settings(strategy, 5);
        float[] expected = LibraryLoop(settings);
        RunOutcome outcome = await SingleProcessRun.RunAsync(new RunOptions(settings) { Evaluators = 2 });
        Assert.Equal(StopReason.GenerationBudget, outcome.Reason);
        Assert.Equal(expected, outcome.Parameters);
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task HeadWithAWorkerJoiningLate_AndAResumedHead_Should_GiveTheLibraryLoopsBits(string strategy)
    {
        EsSettings settings = Settings(strategy, 6);
        float[] expected = LibraryLoop(settings);
        await using var fabric = new InMemoryFabric(claimTimeout: TimeSpan.FromMilliseconds(300));
        using var stop = new CancellationTokenSource();
        using var interrupt = new CancellationTokenSource();
        Task steady = Worker(settings, fabric, "steady", stop.Token);
        Task? late = null;
        var observer = new AfterGeneration(2, () => late = Worker(settings, fabric, "late", stop.Token), 4, interrupt);
        RunOutcome stopped = await HeadRun.RunAsync(new RunPlan(new RunOptions(settings) { RunDirectory = _dir, Observer = observer }), fabric, evaluateLocally: false, interrupt.Token);
        Assert.Equal(StopReason.Interrupted, stopped.Reason);

        var resumed = new RunOptions(settings) { RunDirectory = _dir, ResumeFrom = Path.Combine(_dir, "latest.ckpt") };
        RunOutcome outcome = await HeadRun.RunAsync(new RunPlan(resumed), fabric, evaluateLocally: false);
        stop.Cancel();
        await Task.WhenAll(steady, late ?? Task.CompletedTask);
        Assert.Equal(StopReason.GenerationBudget, outcome.Reason);
        Assert.Equal(expected, outcome.Parameters);
    }

    /// <summary>Starts a late worker after one generation and interrupts the head after another.</summary>
    private sealed class AfterGeneration(int joinAfter, Action join, int interruptAfter, CancellationTokenSource interrupt) : IRunObserver
    {
        public void OnGeneration(GenerationMetrics metrics)
        {
            if (metrics.Generation + 1 == joinAfter) join();
            if (metrics.Generation + 1 == interruptAfter) interrupt.Cancel();
        }

        public void OnEvent(string message)
        {
        }
    }
}
