// `es eval` rebuilds the run from the checkpoint's embedded configuration and prints one JSON summary.
using System.Text.Json;
using Es.Core.Checkpoints;
using Es.Core.Configuration;
using Es.Core.Training;

namespace Es.Node.Tests;

public class EvalCommandTests(CheckpointFixture fixture) : IClassFixture<CheckpointFixture>
{
    private static readonly string[] Fields = ["mean", "std", "min", "max", "mean_length", "episodes"];

    [Fact]
    public async Task PrintsOneJsonObject_WithEveryField()
    {
        CliResult r = await Cli.RunAsync("eval", "--checkpoint", fixture.Path, "--episodes", "7");
        Assert.True(r.ExitCode == 0, r.ToString());
        using JsonDocument doc = JsonDocument.Parse(r.Stdout);
        JsonElement o = doc.RootElement;
        Assert.Equal(Fields, o.EnumerateObject().Select(p => p.Name));
        Assert.Equal(7, o.GetProperty("episodes").GetInt32());
        double mean = o.GetProperty("mean").GetDouble();
        Assert.InRange(mean, o.GetProperty("min").GetDouble(), o.GetProperty("max").GetDouble());
        Assert.True(o.GetProperty("std").GetDouble() >= 0);
        Assert.True(o.GetProperty("mean_length").GetDouble() >= 1);
    }

    [Theory]
    [InlineData(null, -1L)]
    [InlineData("3", 3L)]
    [InlineData("1000000", 1_000_000L)]
    public async Task SeedSelectsTheSeedGeneration_DefaultingToTheHeldOutGenerationMinusOne(string? seed, long seedGeneration)
    {
        string[] args = seed is null
            ? ["eval", "--checkpoint", fixture.Path, "--episodes", "6"]
            : ["eval", "--checkpoint", fixture.Path, "--episodes", "6", "--seed", seed];
        CliResult r = await Cli.RunAsync(args);
        Assert.True(r.ExitCode == 0, r.ToString());

        Checkpoint c = CheckpointFile.Load(fixture.Path);
        LocalTrainer trainer = TrainingSetup.FromSettings(SettingsLoader.Parse(c.Configuration, "embedded")).CreateLocalTrainer(1);
        trainer.Learner.Restore(c);
        EvaluationSummary expected = trainer.Evaluate(6, seedGeneration);
        using JsonDocument doc = JsonDocument.Parse(r.Stdout);
        Assert.Equal(expected.Mean, doc.RootElement.GetProperty("mean").GetDouble());
        Assert.Equal(expected.MeanLength, doc.RootElement.GetProperty("mean_length").GetDouble());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("many")]
    public async Task BadEpisodeCount_Exits2(string episodes)
    {
        CliResult r = await Cli.RunAsync("eval", "--checkpoint", fixture.Path, "--episodes", episodes);
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.StartsWith("es: ", r.Stderr, StringComparison.Ordinal);
        Assert.Contains(episodes, r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CorruptedCheckpoint_Exits2()
    {
        using var temp = new TempDirectory();
        string corrupted = fixture.CorruptedCopy(temp);
        CliResult r = await Cli.RunAsync("eval", "--checkpoint", corrupted);
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains(corrupted + ": corrupted", r.Stderr, StringComparison.Ordinal);
    }
}
