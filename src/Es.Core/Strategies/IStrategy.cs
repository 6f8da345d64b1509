// The ask/tell interface every strategy implements, and that the distributed machinery is built around.
namespace Es.Core.Strategies;

/// <summary>
/// A search strategy in ask/tell form (as in estool, evosax, EvoTorch). <see cref="Ask"/> names
/// the candidates of the current generation compactly; whoever evaluates a candidate rebuilds it
/// with <see cref="Materialize"/>; <see cref="Tell"/> takes the fitnesses (higher is better) in
/// candidate order and returns the update, which <see cref="Apply"/> replays on a replica.
/// </summary>
/// <remarks>
/// Implementations are deterministic: the candidates of generation g and the effect of an
/// update depend only on the construction arguments and the fitnesses told, never on timing.
/// </remarks>
public interface IStrategy
{
    /// <summary>Short name, for example "openai-es".</summary>
    string Name { get; }

    /// <summary>Number of parameters.</summary>
    int Dimension { get; }

    /// <summary>Candidates per generation.</summary>
    int PopulationSize { get; }

    /// <summary>
    /// Tasks per generation: a task is what one evaluator does at once, a mirrored pair (two
    /// candidates sharing an environment seed) or a single candidate. PopulationSize / TaskCount is
    /// 2 or 1, and the candidates of task j are Ask()[k·j .. k·j + k).
    /// </summary>
    int TaskCount { get; }

    /// <summary>The generation <see cref="Ask"/> describes (0-based).</summary>
    long Generation { get; }

    /// <summary>θ: the current parameters (the distribution's mean).</summary>
    ReadOnlySpan<float> Center { get; }

    /// <summary>
    /// The scale of the current generation's perturbations as one number, so a run's metrics can
    /// show how the search narrows: OpenAI-ES's and the hill-climber's fixed σ, the mean of PEPG's
    /// and SNES's per-parameter σ, CMA-ES's global step size σ, the genetic algorithm's mutation σ,
    /// ARS's exploration noise ν. Reading it changes nothing.
    /// </summary>
    double MeanSigma { get; }

    /// <summary>The candidates of the current generation; calling it twice gives the same list.</summary>
    IReadOnlyList<Candidate> Ask();

    /// <summary>Writes the parameters of <paramref name="candidate"/> into <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is not <see cref="Dimension"/> long.</exception>
    void Materialize(in Candidate candidate, Span<float> destination);

    /// <summary>A frozen, thread-safe view of the current generation for evaluators (see <see cref="ICandidateSampler"/>).</summary>
    ICandidateSampler Sampler();

    /// <summary>Computes the update from the fitnesses of the candidates <see cref="Ask"/> returned, in that order, and applies it.</summary>
    /// <returns>The update, to publish to replicas, and the diagnostics of the step.</returns>
    /// <exception cref="ArgumentException">The count differs from <see cref="PopulationSize"/> or a fitness is not finite.</exception>
    TellResult Tell(ReadOnlySpan<double> fitness);

    /// <summary>
    /// The update implied by the tasks that completed, without applying it. With every task it is
    /// what <see cref="Tell"/> computes; with fewer (a straggler cut-off ended the generation early)
    /// each strategy learns from the candidates it has, as its documentation states.
    /// </summary>
    /// <param name="fitness">Fitnesses of the completed tasks' candidates, in the order of <paramref name="tasks"/> (PopulationSize / TaskCount per task).</param>
    /// <param name="tasks">The completed task indices, ascending, not empty.</param>
    /// <exception cref="ArgumentException">Counts disagree, a task index is out of range, or a fitness is not finite.</exception>
    StrategyUpdate ComputeUpdate(ReadOnlySpan<double> fitness, IReadOnlyList<int> tasks);

    /// <summary>Applies an update computed by an identical strategy's <see cref="Tell"/>.</summary>
    /// <returns>Diagnostics of the step.</returns>
    /// <exception cref="InvalidOperationException">The update is for another generation.</exception>
    TellReport Apply(StrategyUpdate update);

    /// <summary>The state to checkpoint.</summary>
    StrategyState SaveState();

    /// <summary>Continues from a saved state.</summary>
    /// <exception cref="ArgumentException">The state is from another strategy or dimension.</exception>
    void LoadState(StrategyState state);
}
