// Pins single-process mode: the actors train exactly like the library loop, for any number of evaluators.
using Es.Actors.Hosting;
using Es.Core.Configuration;
using Es.Core.Runs;
using Es.Core.Training;
using Xunit.Abstractions;

namespace Es.Actors.Tests.Hosting;

public class SingleProcessRunTests(ITestOutputHelper output)
{
    private const string CartPole = """
        es {
          run { seed = 3, max-generations = 6 }
          env.id = CartPole-v1
          policy { type = mlp, hidden = [16], activation = tanh }
          strategy { population = 40, sigma = 0.1, optimizer.learning-rate = 0.03 }
          evaluation { every = 2, episodes = 4 }
          noise.size = 1M
        }
        """;

    private sealed class Log(ITestOutputHelper output) : IRunObserver
    {
        public void OnGeneration(GenerationMetrics metrics) => output.WriteLine($"generation {metrics.Generation}: return {metrics.ReturnMean:F1}");

        public void OnEvent(string message) => output.WriteLine(message);
    }

    private static float[] LibraryLoop(EsSettings settings)
    {
        LocalTrainer trainer = TrainingSetup.FromSettings(settings).CreateLocalTrainer(1);
        Assert.Equal(StopReason.GenerationBudget, trainer.Train(new StopRule(settings.Run)));
        return trainer.Learner.Parameters.ToArray();
    }

    [Fact]
    public async Task Actors_WithOneAndTwoEvaluators_GiveTheLibraryLoopsBits()
    {
       
        EsSettings settings = SettingsLoader.Parse(CartPole, "test.conf");
       
        float[] expected = LibraryLoop(settings);
        output.WriteLine("library loop done");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        RunOutcome one = await SingleProcessRun.RunAsync(new RunOptions(settings) { Evaluators = 1, Observer = new Log(output) }, timeout.Token);
        output.WriteLine($"one: {one.Reason} {one.Generation}");
        RunOutcome two = await SingleProcessRun.RunAsync(new RunOptions(settings) { Evaluators = 2 });
        Assert.Equal(StopReason.GenerationBudget, one.Reason);
        Assert.Equal(6, one.Generation);
        Assert.Equal(expected, one.Parameters);
        Assert.Equal(expected, two.Parameters);
    }

    [Fact]
    public async Task Actors_RunARecurrentPolicy_WithTheLibraryLoopsBits()
    {
        // A GRU carries state between steps: the evaluators must reset it per episode exactly as the library loop does.
        EsSettings settings = SettingsLoader.Parse("""
            es {
              run { seed = 4, max-generations = 4 }
              env.id = CartPole-v1-masked
              policy { type = gru, cell-size = 6 }
              strategy { population = 16, sigma = 0.1, optimizer.learning-rate = 0.03 }
              evaluation { every = 2, episodes = 3 }
              noise.size = 1M
            }
            """, "gru.conf");
        float[] expected = LibraryLoop(settings);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        RunOutcome two = await SingleProcessRun.RunAsync(new RunOptions(settings) { Evaluators = 2, Observer = new Log(output) }, timeout.Token);
        Assert.Equal(StopReason.GenerationBudget, two.Reason);
        Assert.Equal(expected, two.Parameters);
    }

    [Fact]
    public async Task Actors_RunAConvPolicyWithVirtualBatchNorm_WithTheLibraryLoopsBits()
    {
        // Every evaluator normalizes against the reference batch its TrainingSetup collected from the run seed.
        EsSettings settings = SettingsLoader.Parse("""
            es {
              run { seed = 2, max-generations = 2 }
              env.id = PixelFreeway-v0
              policy { type = conv, hidden = [], conv { channels = [4], kernels = [3], strides = [2], virtual-batch-norm = true, reference-batch = 8 } }
              strategy { population = 8, sigma = 0.05, optimizer.learning-rate = 0.03 }
              normalization.enabled = false
              evaluation { every = 2, episodes = 2 }
              noise.size = 1M
            }
            """, "vbn.conf");
        float[] expected = LibraryLoop(settings);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        RunOutcome two = await SingleProcessRun.RunAsync(new RunOptions(settings) { Evaluators = 2, Observer = new Log(output) }, timeout.Token);
        Assert.Equal(StopReason.GenerationBudget, two.Reason);
        Assert.Equal(expected, two.Parameters);
    }
}
