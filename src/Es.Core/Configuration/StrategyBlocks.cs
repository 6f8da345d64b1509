// Typed es.strategy.<name> blocks: the options only one strategy has, with its paper's defaults in reference.conf.
namespace Es.Core.Configuration;

/// <summary>The per-strategy blocks of <c>es.strategy</c>; only the chosen strategy's block is read by the run.</summary>
/// <param name="Pepg"><c>pepg</c>.</param>
/// <param name="Snes"><c>snes</c>.</param>
/// <param name="Ars"><c>ars</c>.</param>
/// <param name="CmaEs"><c>cma-es</c>.</param>
/// <param name="SimpleGa"><c>simple-ga</c>.</param>
/// <param name="SimpleGaussian"><c>simple-gaussian</c>.</param>
public sealed record StrategyBlocks(PepgSettings Pepg, SnesSettings Snes, ArsSettings Ars, CmaEsSettings CmaEs, SimpleGaSettings SimpleGa, SimpleGaussianSettings SimpleGaussian);

/// <summary>PEPG's own options (<c>es.strategy.pepg</c>); see <see cref="Strategies.PepgOptions"/>.</summary>
/// <param name="SigmaAlpha"><c>sigma-alpha</c>.</param>
/// <param name="SigmaDecay"><c>sigma-decay</c>.</param>
/// <param name="SigmaLimit"><c>sigma-limit</c>.</param>
/// <param name="SigmaMaxChange"><c>sigma-max-change</c>.</param>
/// <param name="LearningRateDecay"><c>learning-rate-decay</c>.</param>
/// <param name="LearningRateLimit"><c>learning-rate-limit</c>.</param>
/// <param name="EliteRatio"><c>elite-ratio</c>.</param>
public sealed record PepgSettings(double SigmaAlpha, double SigmaDecay, double SigmaLimit, double SigmaMaxChange, double LearningRateDecay, double LearningRateLimit, double EliteRatio);

/// <summary>SNES's own options (<c>es.strategy.snes</c>); see <see cref="Strategies.SnesOptions"/>.</summary>
/// <param name="MeanLearningRate"><c>mean-learning-rate</c>.</param>
/// <param name="SigmaLearningRate"><c>sigma-learning-rate</c> (0 = the paper's formula).</param>
public sealed record SnesSettings(double MeanLearningRate, double SigmaLearningRate);

/// <summary>ARS's own options (<c>es.strategy.ars</c>); see <see cref="Strategies.ArsOptions"/>.</summary>
/// <param name="TopDirections"><c>top-directions</c>.</param>
/// <param name="StepSize"><c>step-size</c>.</param>
public sealed record ArsSettings(int TopDirections, double StepSize);

/// <summary>CMA-ES's own options (<c>es.strategy.cma-es</c>); see <see cref="Strategies.CmaEsOptions"/>.</summary>
/// <param name="Restarts"><c>restarts</c>.</param>
/// <param name="PopulationIncrease"><c>population-increase</c>.</param>
/// <param name="TolFun"><c>tol-fun</c>.</param>
/// <param name="TolX"><c>tol-x</c>.</param>
/// <param name="MaxCondition"><c>max-condition</c>.</param>
public sealed record CmaEsSettings(int Restarts, double PopulationIncrease, double TolFun, double TolX, double MaxCondition);

/// <summary>The genetic algorithm's own options (<c>es.strategy.simple-ga</c>); see <see cref="Strategies.SimpleGAOptions"/>.</summary>
/// <param name="EliteRatio"><c>elite-ratio</c>.</param>
/// <param name="Crossover"><c>crossover</c>.</param>
/// <param name="ForgetBest"><c>forget-best</c>.</param>
/// <param name="Elitism"><c>elitism</c>.</param>
/// <param name="SigmaDecay"><c>sigma-decay</c>.</param>
/// <param name="SigmaLimit"><c>sigma-limit</c>.</param>
public sealed record SimpleGaSettings(double EliteRatio, bool Crossover, bool ForgetBest, bool Elitism, double SigmaDecay, double SigmaLimit);

/// <summary>The hill-climber's own options (<c>es.strategy.simple-gaussian</c>); see <see cref="Strategies.SimpleGaussianOptions"/>.</summary>
/// <param name="Elitist"><c>elitist</c>.</param>
public sealed record SimpleGaussianSettings(bool Elitist);
