// Adam (Kingma and Ba, 2015), as evolution-strategies-starter applies it to ES gradients.
namespace Es.Core.Optimizers;

/// <summary>
/// Adam with bias correction folded into the step size, the form of evolution-strategies-starter:
/// a = lr·√(1−β₂ᵗ)/(1−β₁ᵗ); m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²; θ ← θ − a·m/(√v + ε).
/// Paper defaults for ES (Salimans et al. 2017): lr 0.01, β₁ 0.9, β₂ 0.999, ε 1e-8.
/// </summary>
public sealed class Adam : IOptimizer
{
    private readonly float[] _m;
    private readonly float[] _v;
    private double _beta1Power = 1.0;
    private double _beta2Power = 1.0;

    /// <summary>Creates an Adam optimizer for <paramref name="dimension"/> parameters.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A hyper-parameter is outside its valid range.</exception>
    public Adam(int dimension, double learningRate = 0.01, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        if (!(learningRate > 0)) throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "learning rate must be > 0.");
        if (!(beta1 >= 0 && beta1 < 1)) throw new ArgumentOutOfRangeException(nameof(beta1), beta1, "beta1 must be in [0, 1).");
        if (!(beta2 >= 0 && beta2 < 1)) throw new ArgumentOutOfRangeException(nameof(beta2), beta2, "beta2 must be in [0, 1).");
        if (!(epsilon > 0)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "epsilon must be > 0.");
        Dimension = dimension;
        LearningRate = learningRate;
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        _m = new float[dimension];
        _v = new float[dimension];
    }

    /// <inheritdoc/>
    public int Dimension { get; }

    /// <inheritdoc/>
    public long StepCount { get; private set; }

    /// <summary>Step size (α).</summary>
    public double LearningRate { get; }

    /// <summary>Decay of the first moment.</summary>
    public double Beta1 { get; }

    /// <summary>Decay of the second moment.</summary>
    public double Beta2 { get; }

    /// <summary>Added to √v to avoid division by zero.</summary>
    public double Epsilon { get; }

    /// <inheritdoc/>
    public double Step(Span<float> parameters, ReadOnlySpan<float> gradient)
    {
        OptimizerMath.CheckLengths(Dimension, parameters, gradient);
        StepCount++;
        // Powers by repeated multiplication, not Math.Pow: libm's pow is not the same on every machine.
        _beta1Power *= Beta1;
        _beta2Power *= Beta2;
        float a = (float)(LearningRate * Math.Sqrt(1.0 - _beta2Power) / (1.0 - _beta1Power));
        float b1 = (float)Beta1, b2 = (float)Beta2, c1 = (float)(1.0 - Beta1), c2 = (float)(1.0 - Beta2), eps = (float)Epsilon;
        double thetaSq = 0, stepSq = 0;
        for (int i = 0; i < parameters.Length; i++)
        {
            float g = gradient[i];
            float m = b1 * _m[i] + c1 * g;
            float v = b2 * _v[i] + c2 * (g * g);
            _m[i] = m;
            _v[i] = v;
            float step = -a * m / (MathF.Sqrt(v) + eps);
            float theta = parameters[i];
            thetaSq += (double)theta * theta;
            stepSq += (double)step * step;
            parameters[i] = theta + step;
        }
        return thetaSq > 0 ? Math.Sqrt(stepSq) / Math.Sqrt(thetaSq) : 0.0;
    }

    /// <inheritdoc/>
    public OptimizerState SaveState() => new("adam", StepCount, [(float[])_m.Clone(), (float[])_v.Clone()]);

    /// <inheritdoc/>
    public void LoadState(OptimizerState state)
    {
        float[][] buffers = OptimizerMath.CheckState(state, "adam", Dimension, 2);
        buffers[0].CopyTo(_m, 0);
        buffers[1].CopyTo(_v, 0);
        StepCount = state.StepCount;
        _beta1Power = 1.0;
        _beta2Power = 1.0;
        for (long t = 0; t < StepCount; t++)
        {
            _beta1Power *= Beta1;
            _beta2Power *= Beta2;
        }
    }
}
