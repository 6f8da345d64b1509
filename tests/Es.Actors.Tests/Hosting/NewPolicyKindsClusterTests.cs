// Pins cluster exactness for the policies of issue 16: a head and two workers over one fabric reach the library loop's bits with a GRU and with a conv policy under VBN.
using Es.Actors.Fabric;
using Es.Actors.Hosting;
using Es.Core.Configuration;
using Es.Core.Training;

namespace Es.Actors.Tests.Hosting;

public sealed class NewPolicyKindsClusterTests
{
    public static TheoryData<string> Policies() => new()
    {
        "env.id = CartPole-v1-masked, policy { type = gru, cell-size = 6 }",
        "env.id = PixelFreeway-v0, normalization.enabled = false, policy { type = conv, hidden = [], conv { channels = [4], kernels = [3], strides = [2], virtual-batch-norm = true, reference-batch = 8 } }",
    };

    [Theory]
    [MemberData(nameof(Policies))]
    public async Task HeadAndTwoWorkers_ReachTheLibraryLoopsBits(string policy)
    {
        EsSettings settings = SettingsLoader.Parse(
            $"es {{ {policy}, run {{ seed = 5, max-generations = 3 }}, strategy {{ population = 8, sigma = 0.05 }}, evaluation {{ every = 2, episodes = 2 }}, noise.size = 1M }}",
            "cluster.conf");
        LocalTrainer trainer = TrainingSetup.FromSettings(settings).CreateLocalTrainer(1);
        trainer.Train(new StopRule(settings.Run));

        await using var fabric = new InMemoryFabric();
        using var stop = new CancellationTokenSource();
        Task Worker(string id) => Task.Run(() => WorkerRun.RunAsync(new RunPlan(new RunOptions(settings) { Evaluators = 1 }), fabric, id, stop.Token), CancellationToken.None);
        Task w1 = Worker("w1"), w2 = Worker("w2");
        RunOutcome outcome = await HeadRun.RunAsync(new RunPlan(new RunOptions(settings)), fabric, evaluateLocally: false);
        stop.Cancel();
        await Task.WhenAll(w1, w2);
        Assert.Equal(StopReason.GenerationBudget, outcome.Reason);
        Assert.Equal(trainer.Learner.Parameters.ToArray(), outcome.Parameters);
    }
}
