// The optimizers es.strategy.optimizer.type can name.
namespace Es.Core.Optimizers;

/// <summary>The optimizer applying the ES gradient estimate (<c>es.strategy.optimizer.type</c>).</summary>
public enum OptimizerType
{
    /// <summary><c>adam</c>.</summary>
    Adam,

    /// <summary><c>sgd</c>, with momentum.</summary>
    Sgd,
}
