// Pins the cluster topology over one shared fabric: a head and workers in separate actor systems reach the single-process bits,
// also when a worker dies mid-run, a worker joins late, or the head is stopped and resumed from its checkpoint (also one older than the workers).
using Es.Actors.Fabric;
using Es.Actors.Hosting;
using Es.Actors.Tests.Evolution;
using Es.Core.Configuration;
using Es.Core.Training;

namespace Es.Actors.Tests.Hosting;

public sealed class MultiNodeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("es-multinode-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static EsSettings Settings(int generations) =>
        RunFixtures.Settings with { Run = RunFixtures.Settings.Run with { MaxGenerations = generations }, Checkpoint = new CheckpointSettings(1) };

    private static float[] Expected(EsSettings settings)
    {
        LocalTrainer trainer = TrainingSetup.FromSettings(settings).CreateLocalTrainer(1);
        trainer.Train(new StopRule(settings.Run));
        return trainer.Learner.Parameters.ToArray();
    }

    private static Task Worker(EsSettings settings, IFabric fabric, string id, CancellationToken cancellation) =>
        Task.Run(() => WorkerRun.RunAsync(new RunPlan(new RunOptions(settings) { Evaluators = 1 }), fabric, id, cancellation), CancellationToken.None);

    [Fact]
    public async Task HeadAndTwoWorkers_ReachTheSingleProcessBits()
    {
        EsSettings settings = Settings(5);
        await using var fabric = new InMemoryFabric();
        using var stop = new CancellationTokenSource();
        Task w1 = Worker(settings, fabric, "w1", stop.Token);
        Task w2 = Worker(settings, fabric, "w2", stop.Token);
        RunOutcome outcome = await HeadRun.RunAsync(new RunPlan(new RunOptions(settings)), fabric, evaluateLocally: false);
        stop.Cancel();
        await Task.WhenAll(w1, w2);
        Assert.Equal(StopReason.GenerationBudget, outcome.Reason);
        Assert.Equal(Expected(settings), outcome.Parameters);
    }

    [Fact]
    public async Task WorkerDyingMidRun_AndAnotherJoiningLate_LeaveTheBitsUnchanged()
    {
        EsSettings settings = Settings(6);
        await using var fabric = new InMemoryFabric(claimTimeout: TimeSpan.FromMilliseconds(300));
        using var dies = new CancellationTokenSource();
        using var stop = new CancellationTokenSource();
        Task doomed = Worker(settings, fabric, "doomed", dies.Token);
        Task steady = Worker(settings, fabric, "steady", stop.Token);
        var observer = new KillAfter(2, dies, () => Worker(settings, fabric, "late", stop.Token));
        var options = new RunOptions(settings) { Observer = observer, TaskTimeout = TimeSpan.FromSeconds(5) };
        RunOutcome outcome = await HeadRun.RunAsync(new RunPlan(options), fabric, evaluateLocally: false);
        stop.Cancel();
        await Task.WhenAll(doomed, steady, observer.Late ?? Task.CompletedTask);
        Assert.Equal(StopReason.GenerationBudget, outcome.Reason);
        Assert.Equal(Expected(settings), outcome.Parameters);
    }

    [Fact]
    public async Task AGenerationUpdateTheFabricLost_IsPublishedAgainWhenItsTasksAreOverdue_AndTheBitsAreUnchanged()
    {
        // The update of generation 2 never reaches the fabric (a Redis restarted without persistence loses it):
        // the workers' replicas cannot leave generation 2 until the head publishes it again.
        EsSettings settings = Settings(5);
        await using var fabric = new Support.ForgetfulFabric(new InMemoryFabric(claimTimeout: TimeSpan.FromMilliseconds(300)), forgetGeneration: 2);
        using var stop = new CancellationTokenSource();
        Task w1 = Worker(settings, fabric, "w1", stop.Token);
        Task w2 = Worker(settings, fabric, "w2", stop.Token);
        var options = new RunOptions(settings) { TaskTimeout = TimeSpan.FromSeconds(1) };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        RunOutcome outcome = await HeadRun.RunAsync(new RunPlan(options), fabric, evaluateLocally: false, timeout.Token);
        stop.Cancel();
        await Task.WhenAll(w1, w2);
        Assert.Equal(StopReason.GenerationBudget, outcome.Reason);
        Assert.Equal(Expected(settings), outcome.Parameters);
    }

    [Fact]
    public async Task HeadStoppedAndResumedFromItsCheckpoint_EndsWithTheUndisturbedBits()
    {
        EsSettings settings = Settings(6);
        await using var fabric = new InMemoryFabric(claimTimeout: TimeSpan.FromMilliseconds(300));
        using var stop = new CancellationTokenSource();
        Task worker = Worker(settings, fabric, "w", stop.Token);
        using var interrupt = new CancellationTokenSource();
        var first = new RunOptions(settings) { RunDirectory = _dir, Observer = new KillAfter(3, interrupt, null) };
        RunOutcome stopped = await HeadRun.RunAsync(new RunPlan(first), fabric, evaluateLocally: false, interrupt.Token);
        Assert.Equal(StopReason.Interrupted, stopped.Reason);
        Assert.InRange(stopped.Generation, 3, 5);

        var resumed = new RunOptions(settings) { RunDirectory = _dir, ResumeFrom = Path.Combine(_dir, "latest.ckpt") };
        RunOutcome outcome = await HeadRun.RunAsync(new RunPlan(resumed), fabric, evaluateLocally: false);
        stop.Cancel();
        await worker;
        Assert.Equal(StopReason.GenerationBudget, outcome.Reason);
        Assert.Equal(Expected(settings), outcome.Parameters);
    }

    [Fact]
    public async Task HeadResumedFromAnOlderCheckpoint_WhileAWorkerIsAhead_EndsWithTheUndisturbedBits()
    {
        // A head killed after publishing updates it never checkpointed leaves the workers ahead of
        // its successor, which resumes from the older checkpoint: the workers must go back to it.
        EsSettings settings = Settings(6);
        await using var fabric = new InMemoryFabric(claimTimeout: TimeSpan.FromMilliseconds(300));
        using var stop = new CancellationTokenSource();
        Task worker = Worker(settings, fabric, "w", stop.Token);
        using var interrupt = new CancellationTokenSource();
        string older = Path.Combine(_dir, "older.ckpt");
        var first = new RunOptions(settings) { RunDirectory = _dir, Observer = new CopyThenKill(Path.Combine(_dir, "latest.ckpt"), older, copyAt: 1, killAt: 4, interrupt) };
        RunOutcome stopped = await HeadRun.RunAsync(new RunPlan(first), fabric, evaluateLocally: false, interrupt.Token);
        Assert.Equal(StopReason.Interrupted, stopped.Reason);
        Assert.True(stopped.Generation >= 4, $"the first head stopped at generation {stopped.Generation}");
        Assert.Equal(1, Es.Core.Checkpoints.CheckpointFile.Load(older).Generation);

        var resumed = new RunOptions(settings) { RunDirectory = _dir, ResumeFrom = older };
        RunOutcome outcome = await HeadRun.RunAsync(new RunPlan(resumed), fabric, evaluateLocally: false).WaitAsync(TimeSpan.FromSeconds(60));
        stop.Cancel();
        await worker;
        Assert.Equal(StopReason.GenerationBudget, outcome.Reason);
        Assert.Equal(Expected(settings), outcome.Parameters);
    }

    /// <summary>Copies the latest checkpoint when generation <c>copyAt</c> is reported, and interrupts the head at <c>killAt</c>.</summary>
    private sealed class CopyThenKill(string latest, string copy, int copyAt, int killAt, CancellationTokenSource kill) : IRunObserver
    {
        public void OnGeneration(Es.Core.Runs.GenerationMetrics metrics)
        {
            // Reported before this generation's checkpoint is written: latest holds the state at this generation.
            if (metrics.Generation == copyAt) File.Copy(latest, copy, overwrite: true);
            if (metrics.Generation + 1 == killAt) kill.Cancel();
        }

        public void OnEvent(string message)
        {
        }
    }

    /// <summary>After <c>generations</c> generations: cancels a token (kills a worker or interrupts the head) and optionally starts something.</summary>
    private sealed class KillAfter(int generations, CancellationTokenSource kill, Func<Task>? then) : IRunObserver
    {
        public Task? Late { get; private set; }

        public void OnGeneration(Es.Core.Runs.GenerationMetrics metrics)
        {
            if (metrics.Generation + 1 != generations) return;
            kill.Cancel();
            Late = then?.Invoke();
        }

        public void OnEvent(string message)
        {
        }
    }
}
