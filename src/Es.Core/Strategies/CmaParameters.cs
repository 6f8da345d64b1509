// The strategy parameters CMA-ES derives from the dimension and the population size (Hansen's tutorial, table 1).
using Es.Core.Random;

namespace Es.Core.Strategies;

/// <summary>
/// The default strategy parameters of N. Hansen, "The CMA Evolution Strategy: A Tutorial" (2016),
/// equations (49)–(58), for n parameters and λ candidates, with positive recombination weights
/// only (no active covariance update): wᵢ ∝ ln((λ+1)/2) − ln i for i ≤ μ = ⌊λ/2⌋, Σwᵢ = 1.
/// Logarithms go through <see cref="DeterministicMath"/> so every machine gets the same bits.
/// </summary>
internal sealed class CmaParameters
{
    public CmaParameters(int dimension, int lambda)
    {
        double n = dimension;
        Lambda = lambda;
        Mu = Math.Max(1, lambda / 2);
        Weights = WeightsFor(lambda, out double muEff);
        MuEff = muEff;
        // Learning rates (tutorial eqs. 55–58, α_cov = 2).
        CSigma = (MuEff + 2) / (n + MuEff + 5);
        DSigma = 1 + 2 * Math.Max(0, Math.Sqrt((MuEff - 1) / (n + 1)) - 1) + CSigma;
        Cc = (4 + MuEff / n) / (n + 4 + 2 * MuEff / n);
        C1 = 2 / ((n + 1.3) * (n + 1.3) + MuEff);
        CMu = Math.Min(1 - C1, 2 * (MuEff - 2 + 1 / MuEff) / ((n + 2) * (n + 2) + MuEff));
        ChiN = Math.Sqrt(n) * (1 - 1 / (4 * n) + 1 / (21 * n * n));
        // Lazy eigendecomposition (tutorial, B.2): every λ / ((c₁ + c_μ)·n·10) generations.
        EigenGap = lambda / ((C1 + CMu) * n * 10);
        HistoryLength = 10 + (int)Math.Ceiling(30 * n / lambda);
    }

    public int Lambda { get; }
    public int Mu { get; }
    public double[] Weights { get; }
    public double MuEff { get; }
    public double CSigma { get; }
    public double DSigma { get; }
    public double Cc { get; }
    public double C1 { get; }
    public double CMu { get; }
    public double ChiN { get; }
    public double EigenGap { get; }
    public int HistoryLength { get; }

    /// <summary>The μ = ⌊λ/2⌋ (at least 1) positive log weights for a population of <paramref name="lambda"/>, summing to 1, and their μ_eff.</summary>
    public static double[] WeightsFor(int lambda, out double muEff)
    {
        int mu = Math.Max(1, lambda / 2);
        var w = new double[mu];
        double top = DeterministicMath.Log((lambda + 1) / 2.0);
        double sum = 0;
        for (int i = 0; i < mu; i++)
        {
            w[i] = top - DeterministicMath.Log(i + 1);
            sum += w[i];
        }
        if (!(sum > 0))
        {
            // λ = 1 (a partial generation of one candidate): all weight on it.
            w[0] = 1;
            sum = 1;
        }
        double squares = 0;
        for (int i = 0; i < mu; i++)
        {
            w[i] /= sum;
            squares += w[i] * w[i];
        }
        muEff = 1 / squares;
        return w;
    }
}
