// Hyper-parameters of the simple genetic algorithm, with estool's SimpleGA defaults (Such et al. 2017's deep GA as options).
namespace Es.Core.Strategies;

/// <summary>
/// Settings of <see cref="SimpleGA"/>. Defaults are those of estool's <c>SimpleGA</c> (D. Ha,
/// github.com/hardmaru/estool, es.py): 256 candidates, the top 10 % kept as elites, uniform
/// crossover between two elite parents, Gaussian mutation with σ = 0.1 decaying by 0.999 per
/// generation down to 0.01, elites kept across generations with their measured fitness. The deep
/// GA of Such et al., "Deep Neuroevolution: Genetic Algorithms Are a Competitive Alternative for
/// Training Deep Neural Networks for Reinforcement Learning" (2017) is Crossover = false,
/// ForgetBest = true, Elitism = true, SigmaDecay = 1.
/// </summary>
public sealed record SimpleGAOptions
{
    /// <summary>Candidates per generation (estool: 256).</summary>
    public int PopulationSize { get; init; } = 256;

    /// <summary>Standard deviation σ of the mutation at generation 0 (estool's sigma_init: 0.1).</summary>
    public double Sigma { get; init; } = 0.1;

    /// <summary>σ is multiplied by this after every generation while above <see cref="SigmaLimit"/> (estool: 0.999; 1 keeps σ fixed, as Such et al.).</summary>
    public double SigmaDecay { get; init; } = 0.999;

    /// <summary>σ stops decaying once at or below this (estool: 0.01).</summary>
    public double SigmaLimit { get; init; } = 0.01;

    /// <summary>Fraction of the population kept as parents: truncation selection (estool's elite_ratio: 0.1; at least one elite).</summary>
    public double EliteRatio { get; init; } = 0.1;

    /// <summary>Uniform crossover between two elite parents before mutation (estool: true; Such et al.: false, one parent).</summary>
    public bool Crossover { get; init; } = true;

    /// <summary>
    /// False (estool's default): the previous elites, with the fitness they were measured with,
    /// compete with the new candidates for the elite places, so the best individual so far is
    /// never lost. True: elites come from the new generation only.
    /// </summary>
    public bool ForgetBest { get; init; } = false;

    /// <summary>
    /// Such et al.'s elitism: task 0 evaluates the best elite again, unmutated, so the best
    /// individual survives a generation with a fresh measurement. Meant with <see cref="ForgetBest"/> = true.
    /// </summary>
    public bool Elitism { get; init; } = false;

    /// <summary>Number of elites: ⌊PopulationSize · EliteRatio⌋, at least 1.</summary>
    public int EliteCount => Math.Max(1, (int)(PopulationSize * EliteRatio));

    /// <summary>Refuses settings no run could use, with the reason.</summary>
    /// <exception cref="ArgumentException">A setting is invalid; the message names it.</exception>
    public void Validate()
    {
        if (PopulationSize < 1) throw new ArgumentException($"population size must be >= 1, got {PopulationSize}.", nameof(PopulationSize));
        if (!(Sigma > 0) || double.IsInfinity(Sigma)) throw new ArgumentException($"sigma must be > 0 and finite, got {Sigma}.", nameof(Sigma));
        if (!(SigmaDecay > 0 && SigmaDecay <= 1)) throw new ArgumentException($"sigma decay must be in (0, 1], got {SigmaDecay}.", nameof(SigmaDecay));
        if (!(SigmaLimit >= 0) || double.IsInfinity(SigmaLimit)) throw new ArgumentException($"sigma limit must be >= 0 and finite, got {SigmaLimit}.", nameof(SigmaLimit));
        if (!(EliteRatio > 0 && EliteRatio <= 1)) throw new ArgumentException($"elite ratio must be in (0, 1], got {EliteRatio}.", nameof(EliteRatio));
        if (Elitism && PopulationSize < 2)
            throw new ArgumentException("elitism spends task 0 on the best elite, so the population size must be >= 2.", nameof(Elitism));
    }
}
