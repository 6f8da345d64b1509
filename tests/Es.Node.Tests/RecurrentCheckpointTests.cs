// A recurrent policy's checkpoint goes through es eval and es inspect like any other: the embedded configuration rebuilds the cell.
using System.Text.Json;
using Es.Core.Checkpoints;
using Es.Core.Configuration;
using Es.Core.Numerics;
using Es.Core.Training;

namespace Es.Node.Tests;

public class RecurrentCheckpointTests
{
    [Theory]
    [InlineData("gru")]
    [InlineData("lstm")]
    public async Task EvalAndInspect_ReadARecurrentCheckpoint_AndEvalGivesTheLibrarysReturns(string type)
    {
        EsSettings settings = SettingsLoader.Parse(
            $"es {{ env.id = CueMemory-v0, policy {{ type = {type}, cell-size = 6 }}, strategy.population = 16, noise.size = 1M }}", "recurrent.conf");
        LocalTrainer trainer = TrainingSetup.FromSettings(settings).CreateLocalTrainer(threads: 1);
        for (int g = 0; g < 2; g++) trainer.RunGeneration();
        using var temp = new TempDirectory();
        string path = temp.Combine($"{type}.ckpt");
        Checkpoint saved = trainer.Learner.ToCheckpoint(settings.Env.Id, double.NaN, settings.ToHocon());
        CheckpointFile.Save(path, saved);

        CliResult inspect = await Cli.RunAsync("inspect", "--checkpoint", path);
        Assert.True(inspect.ExitCode == 0, inspect.ToString());
        using (JsonDocument doc = JsonDocument.Parse(inspect.Stdout))
        {
            Assert.Equal(saved.Strategy.Center.Length, doc.RootElement.GetProperty("parameter_count").GetInt32());
            Assert.Equal(ParameterHash.Sha256Hex(saved.Strategy.Center), doc.RootElement.GetProperty("parameters_sha256").GetString());
        }

        CliResult eval = await Cli.RunAsync("eval", "--checkpoint", path, "--episodes", "9", "--seed", "5");
        Assert.True(eval.ExitCode == 0, eval.ToString());
        EvaluationSummary expected = trainer.Evaluate(9, 5);
        using JsonDocument summary = JsonDocument.Parse(eval.Stdout);
        Assert.Equal(expected.Mean, summary.RootElement.GetProperty("mean").GetDouble());
        Assert.Equal(21.0, summary.RootElement.GetProperty("mean_length").GetDouble());
    }
}
