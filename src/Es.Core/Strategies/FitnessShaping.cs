// Fitness shaping: turns raw returns into the weights of the gradient estimate.
namespace Es.Core.Strategies;

/// <summary>How raw fitnesses become weights before the gradient estimate.</summary>
public enum FitnessShapingKind
{
    /// <summary>Centered ranks in [−0.5, 0.5] (Salimans et al. 2017, the default): invariant to monotone transforms and robust to outliers.</summary>
    CenteredRanks,

    /// <summary>Standardized fitness (mean 0, std 1); zero weights when all fitnesses are equal.</summary>
    ZScore,

    /// <summary>Raw fitness, unchanged (mainly for tests that compare with the analytic gradient).</summary>
    Raw,
}

/// <summary>Implements the <see cref="FitnessShapingKind"/> transforms.</summary>
public static class FitnessShaping
{
    /// <summary>Shapes <paramref name="fitness"/> into <paramref name="destination"/>.</summary>
    /// <remarks>
    /// Centered ranks follow evolution-strategies-starter's <c>compute_centered_ranks</c>: rank r in
    /// 0…n−1 (ties broken by index, so the result is a pure function of the input order), then
    /// r/(n−1) − 0.5. The aggregator passes fitnesses in candidate order, so ties reproduce.
    /// </remarks>
    /// <exception cref="ArgumentException">The spans differ in length or a fitness is NaN.</exception>
    public static void Apply(FitnessShapingKind kind, ReadOnlySpan<double> fitness, Span<double> destination)
    {
        if (fitness.Length != destination.Length)
            throw new ArgumentException($"destination has {destination.Length} elements, fitness {fitness.Length}.", nameof(destination));
        for (int i = 0; i < fitness.Length; i++)
            if (double.IsNaN(fitness[i]))
                throw new ArgumentException($"fitness[{i}] is NaN; non-finite returns must be handled before shaping.", nameof(fitness));
        int n = fitness.Length;
        if (n == 0) return;
        switch (kind)
        {
            case FitnessShapingKind.CenteredRanks:
                CenteredRanks(fitness, destination);
                break;
            case FitnessShapingKind.ZScore:
                double mean = 0;
                foreach (double f in fitness) mean += f;
                mean /= n;
                double variance = 0;
                foreach (double f in fitness) variance += (f - mean) * (f - mean);
                double std = Math.Sqrt(variance / n);
                for (int i = 0; i < n; i++) destination[i] = std > 0 ? (fitness[i] - mean) / std : 0.0;
                break;
            case FitnessShapingKind.Raw:
                fitness.CopyTo(destination);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown fitness shaping.");
        }
    }

    private static void CenteredRanks(ReadOnlySpan<double> fitness, Span<double> destination)
    {
        int n = fitness.Length;
        if (n == 1)
        {
            destination[0] = 0.0;
            return;
        }
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        double[] values = fitness.ToArray();
        // Stable order by (value, index): Array.Sort is unstable, so compare indices on ties.
        Array.Sort(order, (a, b) =>
        {
            int c = values[a].CompareTo(values[b]);
            return c != 0 ? c : a.CompareTo(b);
        });
        double scale = 1.0 / (n - 1);
        for (int rank = 0; rank < n; rank++) destination[order[rank]] = rank * scale - 0.5;
    }
}
