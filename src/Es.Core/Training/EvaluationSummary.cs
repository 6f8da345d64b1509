// Statistics of evaluation episodes of θ itself (no perturbation, no action noise).
namespace Es.Core.Training;

/// <summary>Returns of θ over evaluation episodes.</summary>
/// <param name="Episodes">Number of episodes.</param>
/// <param name="Mean">Mean return.</param>
/// <param name="Std">Standard deviation of the returns.</param>
/// <param name="Min">Lowest return.</param>
/// <param name="Max">Highest return.</param>
/// <param name="MeanLength">Mean episode length.</param>
public sealed record EvaluationSummary(int Episodes, double Mean, double Std, double Min, double Max, double MeanLength)
{
    /// <summary>Summarizes per-episode returns and lengths.</summary>
    /// <exception cref="ArgumentException">No episodes, or the arrays differ in length.</exception>
    public static EvaluationSummary From(IReadOnlyList<double> returns, IReadOnlyList<int> lengths)
    {
        if (returns.Count == 0 || returns.Count != lengths.Count)
            throw new ArgumentException($"{returns.Count} returns and {lengths.Count} lengths.", nameof(returns));
        double mean = returns.Average();
        double std = Math.Sqrt(returns.Select(r => (r - mean) * (r - mean)).Average());
        return new EvaluationSummary(returns.Count, mean, std, returns.Min(), returns.Max(), lengths.Average());
    }
}
