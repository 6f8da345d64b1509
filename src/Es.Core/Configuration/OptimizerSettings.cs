// Typed es.strategy.optimizer: the optimizer applying the gradient estimate.
namespace Es.Core.Configuration;
using Es.Core.Optimizers;

/// <summary>Optimizer settings (<c>es.strategy.optimizer</c>).</summary>
/// <param name="Type">adam or sgd (<c>type</c>).</param>
/// <param name="LearningRate">Step size (<c>learning-rate</c>).</param>
/// <param name="Beta1">Adam first-moment decay; null = the strategy's default (<c>beta1</c>).</param>
/// <param name="Beta2">Adam second-moment decay (<c>beta2</c>).</param>
/// <param name="Epsilon">Adam denominator guard (<c>epsilon</c>).</param>
/// <param name="Momentum">SGD momentum (<c>momentum</c>).</param>
public sealed record OptimizerSettings(OptimizerType Type, double LearningRate, double? Beta1, double Beta2, double Epsilon, double Momentum);
