// es render's drawing: every classic-control task, the arm and the MuJoCo tasks give one frame per step plus the start, none of them blank, and the pictures move.
using Es.Core.Configuration;
using Es.Core.Environments;
using Es.Core.Evaluation;
using Es.Core.Policies;
using Es.Core.Training;
using Es.Viz.Render;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Es.Viz.Tests.Render;

public sealed class EpisodeRendererTests
{
    private static (EpisodeRenderer Renderer, TrainingSetup Setup) For(string envId, string policy = "")
    {
        // The MuJoCo tasks register themselves with the environment registry (Es.Core does not know them).
        Es.MuJoCo.MuJoCoEnvironments.Register();
        TrainingSetup setup = TrainingSetup.FromSettings(SettingsLoader.Parse($"es.env.id = {envId}\n{policy}\n", "test"));
        IEnvironment env = setup.NewEnvironment()!;
        var p = new Policy(setup.Policy!, env.Spec);
        if (setup.ReferenceBatch is not null) p.SetReferenceBatch(setup.ReferenceBatch);
        return (new EpisodeRenderer(env, p), setup);
    }

    [Theory]
    [InlineData("CartPole-v1")]
    [InlineData("Pendulum-v1")]
    [InlineData("Acrobot-v1")]
    [InlineData("MountainCar-v0")]
    [InlineData("MountainCarContinuous-v0")]
    [InlineData("Arm-v0")]
    [InlineData("Humanoid")]
    [InlineData("Arm26Reach")]
    [InlineData("CartPole-v1-masked")]
    [InlineData("Pendulum-v1-masked")]
    [InlineData("CueMemory-v0")]
    [InlineData("PixelBreakout-v0")]
    [InlineData("PixelInvaders-v0")]
    [InlineData("PixelFreeway-v0")]
    public void Render_DrawsTheStartAndEveryStep_AndTheFramesAreNotBlankAndMove(string envId)
    {
        (EpisodeRenderer renderer, TrainingSetup setup) = For(envId);
        float[] theta = setup.InitialParameters();
        using var gif = new GifWriter(renderer.Width, renderer.Height, 20);
        IReadOnlyList<RenderedEpisode> episodes = renderer.Render(theta, setup.CreateNormalizer(), [Seeds.Evaluation(setup.RunSeed, -1, 0)], stepLimit: 40, every: 1, gif);
        RenderedEpisode episode = Assert.Single(episodes);
        Assert.Equal(episode.Length + 1, episode.Frames);

        using var stream = new MemoryStream();
        gif.Save(stream);
        using Image<Rgba32> image = GifFrames.Load(stream.ToArray());
        Assert.Equal(episode.Length + 1, image.Frames.Count);
        Assert.Equal((renderer.Width, renderer.Height), (image.Width, image.Height));
        for (int i = 0; i < image.Frames.Count; i += 10)
            Assert.True(GifFrames.Colours(image, i) > 4, $"{envId}: frame {i} is (nearly) blank");
        Assert.True(GifFrames.Difference(image, 0, image.Frames.Count - 1) > 50, $"{envId}: the last frame looks like the first");
        GifFrames.ContactSheet(image, $"render-{envId}.png");
    }

    [Fact]
    public void Render_ReturnsWhatAnEvaluationOfTheSameEpisodeReturns()
    {
        (EpisodeRenderer renderer, TrainingSetup setup) = For("CartPole-v1");
        float[] theta = setup.InitialParameters();
        ulong seed = Seeds.Evaluation(setup.RunSeed, 3, 1);
        using var gif = new GifWriter(renderer.Width, renderer.Height, 50);
        RenderedEpisode drawn = renderer.Render(theta, setup.CreateNormalizer(), [seed], 0, 1, gif)[0];
        FitnessResult evaluated = setup.CreateFitness().Evaluate(theta, setup.CreateNormalizer(), seed, null, training: false);
        Assert.Equal(evaluated.Fitness, drawn.Return);
        Assert.Equal(evaluated.Steps, drawn.Length);
    }

    [Theory]
    [InlineData("Pendulum-v1-masked", "es.policy { type = gru, cell-size = 8 }")]
    [InlineData("Pendulum-v1-masked", "es.policy { type = lstm, cell-size = 4 }")]
    [InlineData("PixelBreakout-v0", "es.policy { type = conv, hidden = [8], conv { channels = [4], kernels = [3], strides = [1], virtual-batch-norm = true, reference-batch = 16 } }")]
    public void Render_OfARecurrentOrVbnPolicy_StartsEveryEpisodeAsAnEvaluationDoes(string envId, string policy)
    {
        // The same seed twice: a memory kept from the first episode, or VBN statistics never computed, would change the second
        // (a continuous action, so any change in the memory changes the return's bits).
        (EpisodeRenderer renderer, TrainingSetup setup) = For(envId, policy);
        // Large random weights, so the recurrent state really steers the actions.
        var random = new Random(20230828);
        float[] theta = setup.InitialParameters().Select(w => w + (float)(random.NextDouble() * 2 - 1)).ToArray();
        ulong seed = Seeds.Evaluation(setup.RunSeed, 2, 0);
        using var gif = new GifWriter(renderer.Width, renderer.Height, 50);
        IReadOnlyList<RenderedEpisode> drawn = renderer.Render(theta, setup.CreateNormalizer(), [seed, seed], 0, 50, gif);
        FitnessResult evaluated = setup.CreateFitness().Evaluate(theta, setup.CreateNormalizer(), seed, null, training: false);
        Assert.All(drawn, d => Assert.Equal((evaluated.Fitness, evaluated.Steps), (d.Return, d.Length)));
    }

    [Fact]
    public void Render_WithEvery_DrawsEveryKthStepAndTheLast()
    {
        (EpisodeRenderer renderer, TrainingSetup setup) = For("Pendulum-v1");
        using var gif = new GifWriter(renderer.Width, renderer.Height, 30);
        RenderedEpisode drawn = renderer.Render(setup.InitialParameters(), setup.CreateNormalizer(), [1UL, 2UL], 25, 10, gif)[1];
        // Steps 0, 10, 20 and the last (25) of each of the two episodes.
        Assert.Equal(4, drawn.Frames);
        Assert.Equal(8, gif.Frames);
    }

    [Fact]
    public void Renderer_RefusesAnEnvironmentItCannotDraw()
    {
        var e = Assert.Throws<VizInputException>(() => FrameDrawers.For(new OtherEnvironment()));
        Assert.Contains("cannot draw Other-v0", e.Message, StringComparison.Ordinal);
    }

    private sealed class OtherEnvironment : IEnvironment
    {
        public EnvironmentSpec Spec { get; } = new("Other-v0", new BoxSpace([-1f], [1f]), new DiscreteSpace(2), 10);

        public void Reset(ulong seed, Span<float> observation) => observation.Clear();

        public StepResult Step(ReadOnlySpan<float> action, Span<float> observation) => new(0, true, false);
    }
}
