// `es render`: a GIF with one frame per step of the episodes es eval runs, the search path of a test function, and exit 2 on bad input.
using System.Text.Json;
using Es.Core.Checkpoints;
using Es.Core.Configuration;
using Es.Core.Training;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Es.Node.Tests;

public sealed class RenderCommandTests(CheckpointFixture fixture) : IClassFixture<CheckpointFixture>, IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Render_DrawsTheEpisodesEsEvalRuns_OneFramePerStepPlusTheStart()
    {
        string gif = _temp.Combine("cartpole.gif");
        CliResult r = await Cli.RunAsync("render", "--checkpoint", fixture.Path, "--episodes", "2", "--seed", "4", "--out", gif);
        Assert.True(r.ExitCode == 0, r.ToString());
        using JsonDocument doc = JsonDocument.Parse(r.Stdout);
        JsonElement[] episodes = doc.RootElement.GetProperty("episodes").EnumerateArray().ToArray();
        Assert.Equal(2, episodes.Length);

        // The first drawn episode is es eval's only episode with the same seed generation.
        CliResult eval = await Cli.RunAsync("eval", "--checkpoint", fixture.Path, "--episodes", "1", "--seed", "4");
        using JsonDocument evaluated = JsonDocument.Parse(eval.Stdout);
        Assert.Equal(evaluated.RootElement.GetProperty("mean").GetDouble(), episodes[0].GetProperty("return").GetDouble());
        Assert.Equal(evaluated.RootElement.GetProperty("mean_length").GetDouble(), episodes[0].GetProperty("length").GetInt32());

        int expectedFrames = episodes.Sum(e => e.GetProperty("length").GetInt32() + 1);
        using Image<Rgba32> image = Image.Load<Rgba32>(gif);
        Assert.Equal(expectedFrames, image.Frames.Count);
        Assert.Equal(expectedFrames, doc.RootElement.GetProperty("frames").GetInt32());
    }

    [Fact]
    public async Task Render_OfATestFunction_DrawsOneFramePerGenerationOfTheReplayedSearch()
    {
        EsSettings settings = SettingsLoader.Parse("es { env.id = rosenbrock, env.dimension = 4, strategy.population = 10, noise.size = 1M }\n", "test");
        LocalTrainer trainer = TrainingSetup.FromSettings(settings).CreateLocalTrainer(1);
        for (int g = 0; g < 6; g++) trainer.RunGeneration();
        string checkpoint = _temp.Combine("rosenbrock.ckpt");
        CheckpointFile.Save(checkpoint, trainer.Learner.ToCheckpoint(settings.Env.Id, 0, settings.ToHocon()));

        string gif = _temp.Combine("path.gif");
        CliResult r = await Cli.RunAsync("render", "--checkpoint", checkpoint, "--out", gif);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.DoesNotContain("does not reach", r.Stderr, StringComparison.Ordinal);
        using Image<Rgba32> image = Image.Load<Rgba32>(gif);
        Assert.Equal(7, image.Frames.Count);
    }

    [Theory]
    [InlineData("PixelBreakout-v0", "policy { type = conv, hidden = [8], conv { channels = [4], kernels = [3], strides = [1], virtual-batch-norm = true, reference-batch = 16 } }")]
    [InlineData("PixelFreeway-v0", "policy.type = linear")]
    [InlineData("PixelInvaders-v0", "policy.type = linear")]
    [InlineData("CartPole-v1-masked", "policy { type = gru, cell-size = 4 }")]
    [InlineData("Pendulum-v1-masked", "policy { type = lstm, cell-size = 4 }")]
    [InlineData("CueMemory-v0", "policy { type = gru, cell-size = 4 }")]
    public async Task Render_DrawsThePixelGamesAndTheMemoryTasks_AsEsEvalRunsThem(string envId, string policy)
    {
        EsSettings settings = SettingsLoader.Parse($"es {{ run.seed = 3, env.id = \"{envId}\", {policy}, strategy.population = 8, noise.size = 1M }}\n", "test");
        LocalTrainer trainer = TrainingSetup.FromSettings(settings).CreateLocalTrainer(1);
        trainer.RunGeneration();
        string checkpoint = _temp.Combine("task.ckpt");
        CheckpointFile.Save(checkpoint, trainer.Learner.ToCheckpoint(settings.Env.Id, 0, settings.ToHocon()));

        string gif = _temp.Combine("task.gif");
        CliResult r = await Cli.RunAsync("render", "--checkpoint", checkpoint, "--episodes", "2", "--every", "10", "--out", gif);
        Assert.True(r.ExitCode == 0, r.ToString());
        using JsonDocument doc = JsonDocument.Parse(r.Stdout);
        JsonElement[] episodes = doc.RootElement.GetProperty("episodes").EnumerateArray().ToArray();
        CliResult eval = await Cli.RunAsync("eval", "--checkpoint", checkpoint, "--episodes", "2");
        Assert.True(eval.ExitCode == 0, eval.ToString());
        using JsonDocument evaluated = JsonDocument.Parse(eval.Stdout);
        Assert.Equal(evaluated.RootElement.GetProperty("mean").GetDouble(), episodes.Average(e => e.GetProperty("return").GetDouble()), 9);

        // The start, every 10th step and the last of each episode.
        int expected = episodes.Sum(e => { int n = e.GetProperty("length").GetInt32(); return 1 + n / 10 + (n % 10 == 0 ? 0 : 1); });
        using Image<Rgba32> image = Image.Load<Rgba32>(gif);
        Assert.Equal(expected, image.Frames.Count);
        Assert.True(image.Frames.Count >= 3, $"{envId}: only {image.Frames.Count} frames");
        Assert.True(Colours(image.Frames.CloneFrame(image.Frames.Count - 1)) > 4, $"{envId}: the last frame is (nearly) blank");
    }

    private static int Colours(Image<Rgba32> frame)
    {
        var seen = new HashSet<Rgba32>();
        for (int y = 0; y < frame.Height; y++)
            for (int x = 0; x < frame.Width; x++) seen.Add(frame[x, y]);
        frame.Dispose();
        return seen.Count;
    }

    [Fact]
    public async Task Render_RefusesAnOutThatIsNotAGif()
    {
        CliResult r = await Cli.RunAsync("render", "--checkpoint", fixture.Path, "--out", _temp.Combine("movie.mp4"));
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains("must end in .gif", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_RefusesAnOutInAFolderThatDoesNotExist()
    {
        CliResult r = await Cli.RunAsync("render", "--checkpoint", fixture.Path, "--out", _temp.Combine("no/such/a.gif"));
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains("does not exist", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_RefusesACorruptedCheckpoint_AndWritesNothing()
    {
        string gif = _temp.Combine("a.gif");
        CliResult r = await Cli.RunAsync("render", "--checkpoint", fixture.CorruptedCopy(_temp), "--out", gif);
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.StartsWith("es: ", r.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(gif));
    }

    [Fact]
    public async Task Render_RefusesAMissingCheckpointAndZeroEpisodes()
    {
        CliResult missing = await Cli.RunAsync("render", "--checkpoint", _temp.Combine("none.ckpt"), "--out", _temp.Combine("a.gif"));
        Assert.True(missing.ExitCode == 2, missing.ToString());
        CliResult zero = await Cli.RunAsync("render", "--checkpoint", fixture.Path, "--episodes", "0", "--out", _temp.Combine("a.gif"));
        Assert.True(zero.ExitCode == 2, zero.ToString());
        Assert.Contains("--episodes must be at least 1", zero.Stderr, StringComparison.Ordinal);
    }
}
