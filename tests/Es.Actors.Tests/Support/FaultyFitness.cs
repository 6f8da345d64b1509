// A fitness function that throws on chosen calls, for fault-injection tests of evaluators and pools.
using System.Runtime.CompilerServices;
using Es.Core.Evaluation;
using Es.Core.Normalization;

namespace Es.Actors.Tests.Support;

/// <summary>
/// Delegates to an inner function but throws <see cref="InvalidOperationException"/> when
/// <c>fail(n)</c> is true for the n-th call counted across every instance sharing <c>calls</c>.
/// </summary>
public sealed class FaultyFitness(IFitnessFunction inner, StrongBox<int> calls, Func<int, bool> fail) : IFitnessFunction
{
    public int Dimension => inner.Dimension;

    public int ObservationSize => inner.ObservationSize;

    public FitnessResult Evaluate(ReadOnlySpan<float> parameters, ObservationNormalizer normalizer, ulong seed, ObservationStats? statistics, bool training)
    {
        int n = Interlocked.Increment(ref calls.Value);
        if (fail(n)) throw new InvalidOperationException($"injected fault on call {n}");
        return inner.Evaluate(parameters, normalizer, seed, statistics, training);
    }
}
