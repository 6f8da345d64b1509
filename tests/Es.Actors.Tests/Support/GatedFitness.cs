// A fitness function that evaluates only while its gate is open: lets a cluster test hold a run still while nodes join or go.
using Es.Core.Evaluation;
using Es.Core.Normalization;

namespace Es.Actors.Tests.Support;

/// <summary>
/// Delegates to an inner function after waiting for <c>gate</c> (at most a minute, then it fails).
/// The evaluators run on their own pinned threads, so a closed gate holds the run without taking
/// a thread from Akka's dispatchers, and the results are the inner function's, bit for bit.
/// </summary>
public sealed class GatedFitness(IFitnessFunction inner, ManualResetEventSlim gate) : IFitnessFunction
{
    public int Dimension => inner.Dimension;

    public int ObservationSize => inner.ObservationSize;

    public FitnessResult Evaluate(ReadOnlySpan<float> parameters, ObservationNormalizer normalizer, ulong seed, ObservationStats? statistics, bool training)
    {
        if (!gate.Wait(TimeSpan.FromMinutes(1))) throw new TimeoutException("the test never opened the gate");
        return inner.Evaluate(parameters, normalizer, seed, statistics, training);
    }
}
