// CartPole-v1 lanes in one object: the lanes' states side by side, stepped four at a time.
namespace Es.Core.Environments;

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Es.Core.Numerics;
using Es.Core.Random;

/// <summary>
/// <see cref="ILockstepEnvironment"/> of CartPole-v1: each state variable of all lanes in one
/// array (structure of arrays), stepped four lanes a vector by <see cref="CartPoleEnvironment"/>'s
/// own physics written for vectors, with every lane's sine and cosine from
/// <see cref="LibmSinCos"/>, so each lane is bit for bit the one-episode environment while a step
/// of all lanes costs no interface calls and no libm call per lane.
/// </summary>
public sealed partial class CartPoleLanes : ILockstepEnvironment
{
    private readonly double[] _x;
    private readonly double[] _xDot;
    private readonly double[] _theta;
    private readonly double[] _thetaDot;
    private readonly double[] _force;
    private readonly double[] _sin;
    private readonly double[] _cos;
    private readonly int?[] _stepsBeyondTerminated;
    private readonly int[] _elapsed;

    /// <summary>Creates <paramref name="lanes"/> lanes; reset each before stepping it.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lanes"/> is below 1.</exception>
    public CartPoleLanes(int lanes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lanes, 1);
        Spec = CartPoleEnvironment.CreateSpec();
        // Whole four-lane vectors: a step's last one to three busy lanes run as a vector too.
        int padded = (lanes + 3) & ~3;
        _x = new double[padded];
        _xDot = new double[padded];
        _theta = new double[padded];
        _thetaDot = new double[padded];
        _force = new double[padded];
        _sin = new double[padded];
        _cos = new double[padded];
        _stepsBeyondTerminated = new int?[lanes];
        _elapsed = new int[lanes];
    }

    /// <inheritdoc/>
    public EnvironmentSpec Spec { get; }

    /// <inheritdoc/>
    public int Lanes => _elapsed.Length;

    /// <inheritdoc/>
    public void Reset(int lane, ulong seed, Span<float> observations, int stride)
    {
        var rng = new Rng(seed);
        Span<double> s = stackalloc double[4];
        CartPoleEnvironment.InitialState(ref rng, s);
        (_x[lane], _xDot[lane], _theta[lane], _thetaDot[lane]) = (s[0], s[1], s[2], s[3]);
        _stepsBeyondTerminated[lane] = null;
        _elapsed[lane] = 0;
        (_sin[lane], _cos[lane]) = Math.SinCos(_theta[lane]);
        Observe(lane, observations, stride);
    }

    /// <inheritdoc/>
    /// <remarks>Every action is checked before any lane moves: a refused action leaves every lane as it was.</remarks>
    public void Step(int count, ReadOnlySpan<float> actions, Span<float> observations, int stride, Span<StepResult> results)
    {
        int limit = Spec.MaxEpisodeSteps;
        if ((uint)count > (uint)_elapsed.Length)
            throw new ArgumentException($"{count} lanes; there are {_elapsed.Length}.", nameof(count));
        for (int k = 0; k < count; k++)
        {
            // 0 and 1 are what a policy's head writes, taken without a branch on which (it flips from
            // step to step); anything else takes the one-episode check (and its error).
            float action = actions[k];
            int a = (int)action;
            if ((uint)a > 1 || a != action) a = ActionChecks.DiscreteIndex(actions.Slice(k, 1), 2, CartPoleEnvironment.EnvironmentId);
            _force[k] = a; // 0 or 1; the physics takes ±ForceMag from it
        }
        int k4 = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            // The last one to three busy lanes too, as a masked vector, where the observations'
            // rows have room for a whole one.
            int vectors = observations.Length >= 3 * stride + ((count + 3) & ~3) ? (count + 3) & ~3 : count & ~3;
            // Eight lanes' rows in one store each where the rows have room for them: the normalizer
            // reads eight lanes a load, which two four-lane stores (or one) cannot forward to it.
            int eights = (count + 7) & ~7;
            bool wide = eights <= stride && observations.Length >= 3 * stride + eights;
            ref float o = ref MemoryMarshal.GetReference(observations);
            while (k4 < vectors)
            {
                var low = Advance4(k4, Math.Min(4, count - k4), actions, results, limit);
                if (wide && (k4 & 7) == 0)
                {
                    var high = k4 + 4 < vectors ? Advance4(k4 + 4, Math.Min(4, count - k4 - 4), actions, results, limit) : low;
                    Observe8(ref Unsafe.Add(ref o, k4), stride, low, high, Math.Min(8, count - k4));
                    k4 = Math.Min(k4 + 8, vectors);
                }
                else
                {
                    Observe4(ref Unsafe.Add(ref o, k4), stride, low, Math.Min(4, count - k4));
                    k4 += 4;
                }
            }
        }
        for (int k = k4; k < count; k++)
        {
            Span<double> s = [_x[k], _xDot[k], _theta[k], _thetaDot[k]];
            (double reward, bool terminated) = CartPoleEnvironment.Advance(s, (int)_force[k], _sin[k], _cos[k], ref _stepsBeyondTerminated[k]);
            (_x[k], _xDot[k], _theta[k], _thetaDot[k]) = (s[0], s[1], s[2], s[3]);
            Observe(k, observations, stride);
            results[k] = new StepResult(reward, terminated, ++_elapsed[k] >= limit);
        }
        // The next step's sines and cosines, every lane's at once with libm's bits: taken here,
        // they overlap the policy's work before that step instead of waiting at its start.
        LibmSinCos.SinCos(_theta.AsSpan(0, Math.Max(k4, count)), _sin, _cos);
    }

    // Lanes k … k + 3: the physics in vectors, then the reward and flags of the first `busy` of
    // them; lanes from k + busy on keep their state. Returns the lanes' states, for their observation.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Lanes4 Advance4(int k, int busy, ReadOnlySpan<float> actions, Span<StepResult> results, int limit)
    {
        var x = Vector256.LoadUnsafe(ref _x[k]);
        var xDot = Vector256.LoadUnsafe(ref _xDot[k]);
        var theta = Vector256.LoadUnsafe(ref _theta[k]);
        var thetaDot = Vector256.LoadUnsafe(ref _thetaDot[k]);
        var (x0, xDot0, theta0, thetaDot0) = (x, xDot, theta, thetaDot);
        // The actions straight from their four floats where the buffer holds them (one load the
        // policy's vector store can forward, where the checks' copies in _force would be four
        // stores under one load); idle lanes' values are never used.
        var chosen = actions.Length >= k + 4
            ? Vector256.WidenLower(Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(actions), (nuint)k).ToVector256Unsafe())
            : Vector256.LoadUnsafe(ref _force[k]);
        // ForceMag · (2a − 1) with a = 0 or 1: ±ForceMag exactly.
        var force = Vector256.ConditionalSelect(Vector256.Equals(chosen, Vector256<double>.One),
            Vector256.Create(CartPoleEnvironment.ForceMag), Vector256.Create(-CartPoleEnvironment.ForceMag));
        uint terminated = CartPoleEnvironment.Advance(ref x, ref xDot, ref theta, ref thetaDot, force,
            Vector256.LoadUnsafe(ref _sin[k]), Vector256.LoadUnsafe(ref _cos[k])).ExtractMostSignificantBits();
        if (busy < 4)
        {
            var moved = Vector256.LessThan(Vector256.Create(0.0, 1, 2, 3), Vector256.Create((double)busy));
            x = Vector256.ConditionalSelect(moved, x, x0);
            xDot = Vector256.ConditionalSelect(moved, xDot, xDot0);
            theta = Vector256.ConditionalSelect(moved, theta, theta0);
            thetaDot = Vector256.ConditionalSelect(moved, thetaDot, thetaDot0);
        }
        x.StoreUnsafe(ref _x[k]);
        xDot.StoreUnsafe(ref _xDot[k]);
        theta.StoreUnsafe(ref _theta[k]);
        thetaDot.StoreUnsafe(ref _thetaDot[k]);
        for (int j = k; j < k + busy; j++)
        {
            bool done = (terminated & (1u << (j - k))) != 0;
            results[j] = new StepResult(CartPoleEnvironment.Reward(done, ref _stepsBeyondTerminated[j]), done, ++_elapsed[j] >= limit);
        }
        return new Lanes4(x, xDot, theta, thetaDot);
    }

    // Four lanes' states [x, ẋ, θ, θ̇].
    private readonly record struct Lanes4(Vector256<double> X, Vector256<double> XDot, Vector256<double> Theta, Vector256<double> ThetaDot);

    // The observation (the state rounded to float, as CartPoleEnvironment.WriteObservation) of the
    // first `busy` of four lanes into rows of four floats; the rows' other lanes keep their values.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Observe4(ref float o, int stride, in Lanes4 lanes, int busy)
    {
        if (busy == 4)
        {
            Vector256.Narrow(lanes.X, lanes.X).GetLower().StoreUnsafe(ref o);
            Vector256.Narrow(lanes.XDot, lanes.XDot).GetLower().StoreUnsafe(ref Unsafe.Add(ref o, stride));
            Vector256.Narrow(lanes.Theta, lanes.Theta).GetLower().StoreUnsafe(ref Unsafe.Add(ref o, 2 * stride));
            Vector256.Narrow(lanes.ThetaDot, lanes.ThetaDot).GetLower().StoreUnsafe(ref Unsafe.Add(ref o, 3 * stride));
            return;
        }
        var observed = Vector128.LessThan(Vector128.Create(0f, 1, 2, 3), Vector128.Create((float)busy));
        ObserveBusy(ref o, lanes.X, observed);
        ObserveBusy(ref Unsafe.Add(ref o, stride), lanes.XDot, observed);
        ObserveBusy(ref Unsafe.Add(ref o, 2 * stride), lanes.Theta, observed);
        ObserveBusy(ref Unsafe.Add(ref o, 3 * stride), lanes.ThetaDot, observed);
    }

    // The same for the first `busy` of eight lanes (`low`'s four, then `high`'s) into rows of eight floats.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Observe8(ref float o, int stride, in Lanes4 low, in Lanes4 high, int busy)
    {
        if (busy == 8)
        {
            Vector256.Narrow(low.X, high.X).StoreUnsafe(ref o);
            Vector256.Narrow(low.XDot, high.XDot).StoreUnsafe(ref Unsafe.Add(ref o, stride));
            Vector256.Narrow(low.Theta, high.Theta).StoreUnsafe(ref Unsafe.Add(ref o, 2 * stride));
            Vector256.Narrow(low.ThetaDot, high.ThetaDot).StoreUnsafe(ref Unsafe.Add(ref o, 3 * stride));
            return;
        }
        var observed = Vector256.LessThan(Vector256.Create(0f, 1, 2, 3, 4, 5, 6, 7), Vector256.Create((float)busy));
        ObserveBusy8(ref o, Vector256.Narrow(low.X, high.X), observed);
        ObserveBusy8(ref Unsafe.Add(ref o, stride), Vector256.Narrow(low.XDot, high.XDot), observed);
        ObserveBusy8(ref Unsafe.Add(ref o, 2 * stride), Vector256.Narrow(low.Theta, high.Theta), observed);
        ObserveBusy8(ref Unsafe.Add(ref o, 3 * stride), Vector256.Narrow(low.ThetaDot, high.ThetaDot), observed);
    }

    // One component of four lanes' observation rounded to float where `observed`, the row's old values elsewhere.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ObserveBusy(ref float row, Vector256<double> state, Vector128<float> observed) =>
        Vector128.ConditionalSelect(observed, Vector256.Narrow(state, state).GetLower(), Vector128.LoadUnsafe(ref row)).StoreUnsafe(ref row);

    // A row of eight floats: `values` where `observed`, the row's old values elsewhere.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ObserveBusy8(ref float row, Vector256<float> values, Vector256<float> observed) =>
        Vector256.ConditionalSelect(observed, values, Vector256.LoadUnsafe(ref row)).StoreUnsafe(ref row);

    /// <inheritdoc/>
    public void Move(int from, int to)
    {
        _x[to] = _x[from];
        _xDot[to] = _xDot[from];
        _theta[to] = _theta[from];
        _thetaDot[to] = _thetaDot[from];
        _sin[to] = _sin[from];
        _cos[to] = _cos[from];
        _stepsBeyondTerminated[to] = _stepsBeyondTerminated[from];
        _elapsed[to] = _elapsed[from];
    }

    /// <summary>Lane <paramref name="lane"/>'s state [x, ẋ, θ, θ̇] at full precision (tests compare it with the one-episode environment's).</summary>
    internal void GetState(int lane, Span<double> state) => (state[0], state[1], state[2], state[3]) = (_x[lane], _xDot[lane], _theta[lane], _thetaDot[lane]);

    // CartPoleEnvironment.WriteObservation: the state rounded to float.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Observe(int lane, Span<float> observations, int stride)
    {
        observations[lane] = Conversions.ToSingle(_x[lane]);
        observations[stride + lane] = Conversions.ToSingle(_xDot[lane]);
        observations[2 * stride + lane] = Conversions.ToSingle(_theta[lane]);
        observations[3 * stride + lane] = Conversions.ToSingle(_thetaDot[lane]);
    }
}
