// Pins what the memory task files claim: a GRU solves masked CartPole where an MLP with the same budget cannot, and GRU and LSTM solve the cue-memory task.
namespace Es.Core.Tests.Training;

using Xunit.Abstractions;

public sealed class MemoryTasksTrainingTests(ITestOutputHelper output)
{
    [Fact]
    public void MaskedCartPole_GruReaches475_AnMlpWithTheSameBudgetStaysFarBelow()
    {
        double gru = TaskFileRuns.TrainAndJudge("cartpole-masked.conf", output);
        Assert.True(gru >= 475, $"GRU: {gru:F1} over 100 fresh episodes, below 475");
        double mlp = TaskFileRuns.TrainAndJudge("cartpole-masked.conf", output, "es.policy.type=mlp", "es.policy.hidden=[16]", "es.policy.cell-size=null");
        Assert.True(mlp < 200, $"MLP: {mlp:F1} over 100 fresh episodes; without velocities it should stay far below 475");
    }

    [Theory]
    [InlineData("gru")]
    [InlineData("lstm")]
    public void CueMemory_IsSolvedByARecurrentPolicy(string type)
    {
        double mean = TaskFileRuns.TrainAndJudge("cue-memory.conf", output, $"es.policy.type={type}");
        Assert.True(mean >= 0.98, $"{type}: {mean:F2} over 100 fresh episodes; solved means naming the cue every time (1.0)");
    }

    [Fact]
    public void CueMemory_AnMlpCannotBeatChance()
    {
        double mean = TaskFileRuns.TrainAndJudge("cue-memory.conf", output, "es.policy.type=mlp", "es.policy.hidden=[16]", "es.policy.cell-size=null", "es.run.max-generations=50");
        Assert.True(mean < 0.5, $"MLP: {mean:F2}; at the go step it has nothing left of the cue, so about 0 is expected");
    }
}
