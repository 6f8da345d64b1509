// Plays a policy's episodes and draws every step, with the step and the return so far on each frame.
using Es.Core.Environments;
using Es.Core.Evaluation;
using Es.Core.Normalization;
using Es.Core.Policies;
using Es.Core.Random;
using SkiaSharp;

namespace Es.Viz.Render;

/// <summary>One drawn episode: its return and length as an evaluation would count them, and the frames it gave.</summary>
/// <param name="Seed">The episode's reset seed.</param>
/// <param name="Return">Sum of rewards.</param>
/// <param name="Length">Steps taken.</param>
/// <param name="Frames">Frames drawn (the start, then every --every-th step and the last).</param>
public sealed record RenderedEpisode(ulong Seed, double Return, int Length, int Frames);

/// <summary>
/// Runs episodes exactly as <see cref="EpisodeRunner"/> evaluates them (no action noise; the
/// same reset seed, normalizer and step limit give the same return), reading the environment's
/// state after every step to draw it.
/// </summary>
public sealed class EpisodeRenderer
{
    private readonly IStatefulEnvironment _env;
    private readonly Policy _policy;
    private readonly IFrameDrawer _drawer;
    private readonly float _scale;

    /// <summary>Creates a renderer over an environment instance and a policy built for its spec.</summary>
    /// <param name="environment">An instance owned by the renderer.</param>
    /// <param name="policy">The policy (with its reference batch set when it uses virtual batch normalization, as <see cref="Es.Core.Training.TrainingSetup.ReferenceBatch"/> has it).</param>
    /// <param name="scale">Output size relative to the drawer's (0.5 halves Gymnasium's 600 × 400).</param>
    /// <exception cref="VizInputException">The environment has no drawer.</exception>
    public EpisodeRenderer(IEnvironment environment, Policy policy, float scale = 0.5f)
    {
        _env = environment as IStatefulEnvironment ?? throw new VizInputException($"{environment.Spec.Id} does not expose its state, so it cannot be drawn.");
        _policy = policy;
        _drawer = FrameDrawers.For(environment);
        _scale = scale;
    }

    /// <summary>Width of a frame in pixels.</summary>
    public int Width => (int)Math.Round(_drawer.Width * _scale);

    /// <summary>Height of a frame in pixels.</summary>
    public int Height => (int)Math.Round(_drawer.Height * _scale);

    /// <summary>Draws one episode per seed into <paramref name="gif"/>.</summary>
    /// <param name="parameters">θ.</param>
    /// <param name="normalizer">The run's observation normalizer.</param>
    /// <param name="seeds">Reset seeds, one per episode.</param>
    /// <param name="stepLimit">0 for the environment's limit, otherwise the smaller of the two (es.env.max-episode-steps).</param>
    /// <param name="every">Draw every this many steps (and always the first and last state).</param>
    /// <param name="gif">Receives the frames.</param>
    /// <param name="cancellation">Stops between steps.</param>
    public IReadOnlyList<RenderedEpisode> Render(ReadOnlySpan<float> parameters, ObservationNormalizer normalizer, IReadOnlyList<ulong> seeds, int stepLimit, int every,
        GifWriter gif, CancellationToken cancellation = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(every, 1);
        var observation = new float[_env.Spec.ObservationSize];
        var normalized = new float[_env.Spec.ObservationSize];
        var action = new float[_env.Spec.ActionSize];
        var state = new double[_env.StateSize];
        int limit = stepLimit > 0 ? Math.Min(stepLimit, _env.Spec.MaxEpisodeSteps) : _env.Spec.MaxEpisodeSteps;
        using var bitmap = new SKBitmap(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(bitmap);
        using var typeface = SKTypeface.FromFamilyName("DejaVu Sans") ?? SKTypeface.Default;
        using var font = new SKFont(typeface, 13);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        var episodes = new List<RenderedEpisode>();
        for (int k = 0; k < seeds.Count; k++)
        {
            ulong seed = seeds[k];
            // Exactly EpisodeRunner.Run's loop with actionNoise off, plus a frame after each step.
            var noise = new Rng(Seeds.ActionNoise(seed));
            _policy.BeginEpisode(parameters, normalizer); // blank recurrent memory; VBN statistics for these parameters
            _env.Reset(seed, observation);
            double total = 0;
            int steps = 0, frames = 0;
            void Frame()
            {
                _env.GetState(state);
                canvas.Clear(SKColors.White);
                canvas.Save();
                canvas.Scale(_scale);
                _drawer.Draw(canvas, state);
                canvas.Restore();
                canvas.DrawText($"step {steps}   return {total:0.##}", 6, 16, font, ink);
                if (seeds.Count > 1) canvas.DrawText($"episode {k + 1}/{seeds.Count}", 6, 32, font, ink);
                gif.Add(bitmap);
                frames++;
            }
            Frame();
            bool done = false;
            while (steps < limit && !done)
            {
                cancellation.ThrowIfCancellationRequested();
                normalizer.Normalize(observation, normalized);
                _policy.Act(parameters, normalized, action, ref noise, addNoise: false);
                StepResult result = _env.Step(action, observation);
                _drawer.Acted(action);
                total += result.Reward;
                steps++;
                done = result.Done;
                if (steps % every == 0 || done || steps == limit) Frame();
            }
            episodes.Add(new RenderedEpisode(seed, total, steps, frames));
        }
        return episodes;
    }
}
