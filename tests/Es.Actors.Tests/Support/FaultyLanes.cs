// Lockstep lanes that throw on chosen steps, for fault-injection tests of evaluators that evaluate batches.
using System.Runtime.CompilerServices;
using Es.Core.Environments;

namespace Es.Actors.Tests.Support;

/// <summary>
/// Delegates to inner lanes but throws <see cref="InvalidOperationException"/> when
/// <c>fail(n)</c> is true for the n-th <see cref="Step"/> of all lanes, counted across every
/// instance sharing <c>steps</c>: a fault in the middle of a lockstep batch.
/// </summary>
public sealed class FaultyLanes(ILockstepEnvironment inner, StrongBox<int> steps, Func<int, bool> fail) : ILockstepEnvironment
{
    public EnvironmentSpec Spec => inner.Spec;

    public int Lanes => inner.Lanes;

    public void Reset(int lane, ulong seed, Span<float> observations, int stride) => inner.Reset(lane, seed, observations, stride);

    public void Step(int count, ReadOnlySpan<float> actions, Span<float> observations, int stride, Span<StepResult> results)
    {
        int n = Interlocked.Increment(ref steps.Value);
        if (fail(n)) throw new InvalidOperationException($"injected fault on lockstep step {n}");
        inner.Step(count, actions, observations, stride, results);
    }

    public void Move(int from, int to) => inner.Move(from, to);
}
