// Stochastic gradient descent with momentum, evolution-strategies-starter's alternative to Adam.
namespace Es.Core.Optimizers;

/// <summary>
/// SGD with momentum in the starter's form: v ← μv + (1−μ)g; θ ← θ − lr·v.
/// </summary>
public sealed class SgdMomentum : IOptimizer
{
    private readonly float[] _velocity;

    /// <summary>Creates the optimizer for <paramref name="dimension"/> parameters.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A hyper-parameter is outside its valid range.</exception>
    public SgdMomentum(int dimension, double learningRate = 0.01, double momentum = 0.9)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        if (!(learningRate > 0)) throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "learning rate must be > 0.");
        if (!(momentum >= 0 && momentum < 1)) throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "momentum must be in [0, 1).");
        Dimension = dimension;
        LearningRate = learningRate;
        Momentum = momentum;
        _velocity = new float[dimension];
    }

    /// <inheritdoc/>
    public int Dimension { get; }

    /// <inheritdoc/>
    public long StepCount { get; private set; }

    /// <summary>Step size.</summary>
    public double LearningRate { get; }

    /// <summary>Momentum coefficient μ.</summary>
    public double Momentum { get; }

    /// <inheritdoc/>
    public double Step(Span<float> parameters, ReadOnlySpan<float> gradient)
    {
        OptimizerMath.CheckLengths(Dimension, parameters, gradient);
        StepCount++;
        float mu = (float)Momentum, c = (float)(1.0 - Momentum), lr = (float)LearningRate;
        double thetaSq = 0, stepSq = 0;
        for (int i = 0; i < parameters.Length; i++)
        {
            float v = mu * _velocity[i] + c * gradient[i];
            _velocity[i] = v;
            float step = -lr * v;
            float theta = parameters[i];
            thetaSq += (double)theta * theta;
            stepSq += (double)step * step;
            parameters[i] = theta + step;
        }
        return thetaSq > 0 ? Math.Sqrt(stepSq) / Math.Sqrt(thetaSq) : 0.0;
    }

    /// <inheritdoc/>
    public OptimizerState SaveState() => new("sgd", StepCount, [(float[])_velocity.Clone()]);

    /// <inheritdoc/>
    public void LoadState(OptimizerState state)
    {
        float[][] buffers = OptimizerMath.CheckState(state, "sgd", Dimension, 1);
        buffers[0].CopyTo(_velocity, 0);
        StepCount = state.StepCount;
    }
}
