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

    /// <summary>The generation <see cref="Ask"/> describes (0-based).</summary>
    long Generation { get; }

    /// <summary>θ: the current parameters (the distribution's mean).</summary>
    ReadOnlySpan<float> Center { get; }

    /// <summary>The candidates of the current generation; calling it twice gives the same list.</summary>
    IReadOnlyList<Candidate> Ask();

    /// <summary>Writes the parameters of <paramref name="candidate"/> into <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is not <see cref="Dimension"/> long.</exception>
    void Materialize(in Candidate candidate, Span<float> destination);

    /// <summary>Computes the update from the fitnesses of the candidates <see cref="Ask"/> returned, in that order, and applies it.</summary>
    /// <returns>The update, to publish to replicas, and the diagnostics of the step.</returns>
    /// <exception cref="ArgumentException">The count differs from <see cref="PopulationSize"/> or a fitness is not finite.</exception>
    TellResult Tell(ReadOnlySpan<double> fitness);

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
