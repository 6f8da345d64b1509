// An immutable view of one generation that rebuilds any of its candidates: what evaluators hold.
namespace Es.Core.Strategies;

/// <summary>
/// Everything an evaluator needs to turn a compact <see cref="Candidate"/> into parameters, frozen
/// at one generation: θ for OpenAI-ES, the mean and per-parameter σ for PEPG, the mean and the
/// factored covariance for CMA-ES, the parents for the genetic algorithm. It never changes after
/// it is made, so every evaluator of a node shares one, on any thread; the strategy makes a new
/// one per generation.
/// </summary>
public interface ICandidateSampler
{
    /// <summary>The generation whose candidates this rebuilds.</summary>
    long Generation { get; }

    /// <summary>Number of parameters.</summary>
    int Dimension { get; }

    /// <summary>Candidates per task: 2 for a mirrored pair (signs +1 and −1 on one noise index), else 1.</summary>
    int CandidatesPerTask { get; }

    /// <summary>The parameters evaluation episodes measure: the distribution's mean, or the best individual so far.</summary>
    ReadOnlySpan<float> Center { get; }

    /// <summary>Writes the parameters of <paramref name="candidate"/> (a candidate of <see cref="Generation"/>) into <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is not <see cref="Dimension"/> long.</exception>
    void Materialize(in Candidate candidate, Span<float> destination);
}
