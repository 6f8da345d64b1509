// The optimizer contract: turn a gradient estimate into a step on θ, with state a checkpoint can hold.
namespace Es.Core.Optimizers;

/// <summary>
/// A first-order optimizer that minimizes: it moves θ against <c>gradient</c>. ES passes
/// −ĝ + λθ (the negated fitness gradient plus L2 weight decay), as evolution-strategies-starter does.
/// </summary>
/// <remarks>Every element is updated by the same scalar formula, so the step is identical on every machine.</remarks>
public interface IOptimizer
{
    /// <summary>Number of parameters this optimizer was built for.</summary>
    int Dimension { get; }

    /// <summary>Steps taken so far.</summary>
    long StepCount { get; }

    /// <summary>Applies one step to <paramref name="parameters"/> in place.</summary>
    /// <returns>The update ratio ‖step‖ / ‖θ before the step‖ (0 when θ is zero).</returns>
    /// <exception cref="ArgumentException">A span's length differs from <see cref="Dimension"/>.</exception>
    double Step(Span<float> parameters, ReadOnlySpan<float> gradient);

    /// <summary>A copy of the state (step count and moment buffers) for a checkpoint.</summary>
    OptimizerState SaveState();

    /// <summary>Restores a state produced by <see cref="SaveState"/> on an optimizer of the same kind and size.</summary>
    /// <exception cref="ArgumentException">The state belongs to another optimizer kind or dimension.</exception>
    void LoadState(OptimizerState state);
}
