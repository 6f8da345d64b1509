// Fitness of a parameter vector on a test function: the negated function value.
using Es.Core.Normalization;
using Es.Core.Objectives;

namespace Es.Core.Evaluation;

/// <summary>Scores parameters directly with a function to minimize (fitness = −f(x)); no episodes, no observations.</summary>
public sealed class ObjectiveFitness : IFitnessFunction
{
    private readonly IObjective _objective;

    /// <summary>Wraps <paramref name="objective"/>.</summary>
    public ObjectiveFitness(IObjective objective) => _objective = objective;

    /// <inheritdoc/>
    public int Dimension => _objective.Dimension;

    /// <inheritdoc/>
    public int ObservationSize => 0;

    /// <inheritdoc/>
    public FitnessResult Evaluate(ReadOnlySpan<float> parameters, ObservationNormalizer normalizer, ulong seed, ObservationStats? statistics, bool training)
    {
        if (parameters.Length != Dimension)
            throw new ArgumentException($"expected {Dimension} parameters, got {parameters.Length}.", nameof(parameters));
        return new FitnessResult(-_objective.Evaluate(parameters), 1);
    }
}
