// The serializable state of an optimizer.
namespace Es.Core.Optimizers;

/// <summary>What an optimizer needs to continue exactly where it stopped.</summary>
/// <param name="Kind">"adam" or "sgd".</param>
/// <param name="StepCount">Steps taken.</param>
/// <param name="Buffers">Moment buffers (Adam: m, v; SGD: velocity), each of the optimizer's dimension.</param>
public sealed record OptimizerState(string Kind, long StepCount, float[][] Buffers);
