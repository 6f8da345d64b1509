// The return-to-weight transforms es.strategy.fitness-shaping can name.
namespace Es.Core.Configuration;

/// <summary>How raw returns become gradient weights (<c>es.strategy.fitness-shaping</c>).</summary>
public enum FitnessShaping
{
    /// <summary><c>centered-ranks</c>: ranks scaled to [-0.5, 0.5]; robust to outliers (Salimans et al. 2017).</summary>
    CenteredRanks,

    /// <summary><c>z-score</c>: returns standardized by their mean and std.</summary>
    ZScore,

    /// <summary><c>raw</c>: returns used as they are.</summary>
    Raw,
}
