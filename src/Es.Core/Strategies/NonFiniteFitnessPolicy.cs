// The stated policy for NaN and infinite returns: they rank as the worst candidate of their generation.
namespace Es.Core.Strategies;

/// <summary>
/// A policy that diverges (NaN or ±∞ return) must not poison the update, and must not pass
/// silently. The rule: every non-finite fitness is replaced by the lowest finite fitness of the
/// generation (0 when none is finite), so it ranks last; the count goes into the metrics.
/// </summary>
public static class NonFiniteFitnessPolicy
{
    /// <summary>Replaces non-finite values in place.</summary>
    /// <returns>How many values were replaced.</returns>
    public static int Sanitize(Span<double> fitness)
    {
        double worst = double.PositiveInfinity;
        int bad = 0;
        foreach (double f in fitness)
        {
            if (double.IsFinite(f)) worst = Math.Min(worst, f);
            else bad++;
        }
        if (bad == 0) return 0;
        if (double.IsPositiveInfinity(worst)) worst = 0.0;
        for (int i = 0; i < fitness.Length; i++)
            if (!double.IsFinite(fitness[i])) fitness[i] = worst;
        return bad;
    }
}
