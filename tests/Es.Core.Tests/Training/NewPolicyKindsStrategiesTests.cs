// Every strategy trains the new policy kinds (GRU, LSTM, conv with VBN) through the library loop, with the same bits for 1 and 2 evaluator threads.
namespace Es.Core.Tests.Training;

using Es.Core.Configuration;
using Es.Core.Training;

public sealed class NewPolicyKindsStrategiesTests
{
    public static TheoryData<string, string> Cases()
    {
        string[] policies =
        [
            "env.id = CueMemory-v0, policy { type = gru, cell-size = 4 }",
            "env.id = CartPole-v1-masked, policy { type = lstm, cell-size = 3 }",
            "env.id = PixelBreakout-v0, policy { type = conv, hidden = [], conv { channels = [2], kernels = [3], strides = [3], virtual-batch-norm = true, reference-batch = 8 } }",
        ];
        var data = new TheoryData<string, string>();
        foreach (string strategy in SettingsNames.Strategies)
            foreach (string policy in policies)
                data.Add(strategy, policy);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Strategy_MovesTheNewPolicyKind_WithTheSameBitsOnOneAndTwoThreads(string strategy, string policy)
    {
        bool normalize = strategy is not ("ars-v1" or "ars-v1t"); // ARS V1 is defined without state normalization, V2 with it
        EsSettings settings = SettingsLoader.Parse(
            $"es {{ {policy}, strategy.name = {strategy}, normalization.enabled = {(normalize ? "true" : "false")}, noise.size = 1M, run.seed = 6 }}", "kinds.conf");
        float[] Run(int threads)
        {
            LocalTrainer trainer = TrainingSetup.FromSettings(settings).CreateLocalTrainer(threads);
            for (int g = 0; g < 2; g++) trainer.RunGeneration();
            return trainer.Learner.Parameters.ToArray();
        }
        float[] start = TrainingSetup.FromSettings(settings).InitialParameters();
        float[] one = Run(1);
        Assert.Equal(one, Run(2));
        Assert.NotEqual(start, one);
    }
}
