// Small shared helpers of the optimizers: argument checks and the update ratio.
namespace Es.Core.Optimizers;

internal static class OptimizerMath
{
    public static void CheckLengths(int dimension, Span<float> parameters, ReadOnlySpan<float> gradient)
    {
        if (parameters.Length != dimension)
            throw new ArgumentException($"parameters have {parameters.Length} elements, the optimizer {dimension}.", nameof(parameters));
        if (gradient.Length != dimension)
            throw new ArgumentException($"gradient has {gradient.Length} elements, the optimizer {dimension}.", nameof(gradient));
    }

    /// <summary>Euclidean norm accumulated in double, left to right (a fixed order, so the same bits everywhere).</summary>
    public static double Norm(ReadOnlySpan<float> x)
    {
        double sum = 0;
        foreach (float v in x) sum += (double)v * v;
        return Math.Sqrt(sum);
    }

    public static float[][] CheckState(OptimizerState state, string kind, int dimension, int buffers)
    {
        if (state.Kind != kind)
            throw new ArgumentException($"optimizer state is for '{state.Kind}', this optimizer is '{kind}'.", nameof(state));
        if (state.Buffers.Length != buffers || state.Buffers.Any(b => b.Length != dimension))
            throw new ArgumentException($"optimizer state does not fit a '{kind}' optimizer of dimension {dimension}.", nameof(state));
        if (state.StepCount < 0)
            throw new ArgumentException($"optimizer state has a negative step count {state.StepCount}.", nameof(state));
        return state.Buffers;
    }
}
