// A user's reward function of the parameters, as a fitness function the evaluators can run.
using Es.Core.Evaluation;
using Es.Core.Normalization;

namespace Es.Actors.Library;

/// <summary>Wraps <c>Func&lt;float[], double&gt;</c> (higher is better). Each evaluator gets its own instance and buffer.</summary>
public sealed class DelegateFitness : IFitnessFunction
{
    private readonly Func<float[], double> _reward;
    private readonly float[] _buffer;

    /// <summary>Creates the function for <paramref name="dimension"/> parameters.</summary>
    public DelegateFitness(int dimension, Func<float[], double> reward)
    {
        _reward = reward;
        _buffer = new float[dimension];
    }

    /// <inheritdoc/>
    public int Dimension => _buffer.Length;

    /// <inheritdoc/>
    public int ObservationSize => 0;

    /// <inheritdoc/>
    public FitnessResult Evaluate(ReadOnlySpan<float> parameters, ObservationNormalizer normalizer, ulong seed, ObservationStats? statistics, bool training)
    {
        if (parameters.Length != _buffer.Length)
            throw new ArgumentException($"expected {_buffer.Length} parameters, got {parameters.Length}.", nameof(parameters));
        // The user's function gets its own copy each call, so keeping or changing it cannot corrupt the run.
        parameters.CopyTo(_buffer);
        return new FitnessResult(_reward((float[])_buffer.Clone()), 1);
    }
}
