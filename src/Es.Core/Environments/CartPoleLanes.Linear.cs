// CartPole lanes under a linear argmax policy (the shipped CartPole configuration), four at a time
// in one loop that keeps their states, weights and normalization in registers from step to step.
namespace Es.Core.Environments;

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Es.Core.Normalization;
using Es.Core.Numerics;
using Es.Core.Policies;

public sealed partial class CartPoleLanes
{
    /// <summary>Most steps one <see cref="StepLinear"/> call takes: its observation history holds this many a lane.</summary>
    internal const int LinearChunk = 64;

    /// <summary>Floats of the observation history <see cref="StepLinear"/> writes: four lanes of <see cref="LinearChunk"/> observations.</summary>
    internal const int LinearHistoryLength = 4 * LinearChunk * 4;

    // StepLinear's angles, sines and cosines for LibmSinCos.
    private readonly double[] _linearScratch = new double[12];

    /// <summary>
    /// Steps lanes <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> − 1
    /// (at most four) under a linear policy with an argmax head over normalized observations,
    /// until a lane's episode terminates or truncates, or <paramref name="maxSteps"/> steps;
    /// returns the steps taken, n ≥ 1.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Why: a CartPole step under a linear policy is a few dozen operations a lane, and in the
    /// generic lockstep loop its two dozen calls a step (logs, normalizer, forward pass, head,
    /// environment, results) cost more than they do. With one to four busy lanes (a first
    /// generation's batch spends most of its steps on its last long episodes) a step is one chain
    /// of dependent operations, ~45 ns, which those calls stretched to ~120 ns. Here a step is the
    /// chain and little else; <see cref="Evaluation.LockstepRollouts"/> runs the lanes in groups
    /// of four, one group after another (their episodes are independent), each to its first end.
    /// </para>
    /// <para>
    /// Same bits (DESIGN.md, rule 4): each lane performs the one-episode path's operations in its
    /// order, one lane of a vector each: the normalizer's <c>clip((obs − mean)/std)</c> (or the raw
    /// observation where <paramref name="normalization"/> is off), <see cref="PolicyKernels.Affine"/>'s
    /// <c>(…(b[o] + x[0]·W[0,o]) + …) + x[3]·W[3,o]</c> with separate multiplies and adds,
    /// <see cref="Policy.Head"/>'s strict comparison (output 1 only when greater, so NaN
    /// and ties take action 0), <see cref="CartPoleEnvironment"/>'s physics, and libm's sine and
    /// cosine through <see cref="LibmSinCos"/>. A discrete head adds no action noise.
    /// </para>
    /// <para>
    /// Before the last step every busy lane's reward was 1 and neither flag was set (the loop
    /// stops at the first step that ends an episode): those rewards are added to
    /// <paramref name="returns"/> one at a time, in order, as the caller adds a step's rewards; the
    /// last step's rewards and flags are in <paramref name="results"/>, for the caller to add.
    /// Lane <c>k</c>'s observation before step <c>s</c> (the one its policy saw) is at
    /// <c>history[((k − first)·LinearChunk + s)·4 …]</c>, for the caller's statistics.
    /// </para>
    /// </remarks>
    /// <param name="first">The group's first lane, a multiple of 4.</param>
    /// <param name="count">Busy lanes from <paramref name="first"/> on, 1 to 4; the group's others keep their state.</param>
    /// <param name="maxSteps">Most steps to take, 1 to <see cref="LinearChunk"/>.</param>
    /// <param name="policy">The four lanes' weights.</param>
    /// <param name="normalization">The normalizer's constants.</param>
    /// <param name="observations">Component-major observations of all lanes: read before the first step, written after the last.</param>
    /// <param name="stride">Floats between one component's lane 0 and the next component's.</param>
    /// <param name="history">Receives the observations the policy saw, <see cref="LinearHistoryLength"/> floats.</param>
    /// <param name="returns">Each lane's return so far (lane k's at k), to which the steps before the last add their rewards.</param>
    /// <param name="results">Receives each busy lane's last reward and flags (lane k's at k).</param>
    /// <exception cref="ArgumentException">A count, step limit or buffer is out of range, or a busy lane's episode has terminated.</exception>
    internal int StepLinear(int first, int count, int maxSteps, in LinearLanes4 policy, in NormalizationLanes4 normalization,
        Span<float> observations, int stride, Span<float> history, Span<double> returns, Span<StepResult> results)
    {
        int limit = Spec.MaxEpisodeSteps;
        if (first < 0 || (first & 3) != 0 || count < 1 || count > 4 || first + count > _elapsed.Length
            || maxSteps < 1 || maxSteps > LinearChunk || first + 4 > stride || observations.Length < 3 * stride + first + 4
            || history.Length < LinearHistoryLength || returns.Length < first + count || results.Length < first + count)
            throw new ArgumentException($"lanes {first} to {first + count - 1}, {maxSteps} steps, stride {stride}: out of range for the buffers.", nameof(count));
        for (int k = first; k < first + count; k++)
        {
            // Past termination a step's reward is 0, not the 1 this loop counts for the steps before its last.
            if (_stepsBeyondTerminated[k] is not null) throw new ArgumentException($"lane {k}'s episode has terminated; reset it first.", nameof(count));
            maxSteps = Math.Min(maxSteps, limit - _elapsed[k]);
        }
        if (maxSteps < 1) throw new ArgumentException("a lane's episode is already at its step limit.", nameof(maxSteps));

        var busy = Vector256.LessThan(Vector256.Create(0.0, 1, 2, 3), Vector256.Create((double)count));
        uint busyBits = (1u << count) - 1;
        var x = Vector256.LoadUnsafe(ref _x[first]);
        var xDot = Vector256.LoadUnsafe(ref _xDot[first]);
        var theta = Vector256.LoadUnsafe(ref _theta[first]);
        var thetaDot = Vector256.LoadUnsafe(ref _thetaDot[first]);
        var (x0, xDot0, theta0, thetaDot0) = (x, xDot, theta, thetaDot);
        var sin = Vector256.LoadUnsafe(ref _sin[first]);
        var cos = Vector256.LoadUnsafe(ref _cos[first]);
        ref float rows = ref Unsafe.Add(ref MemoryMarshal.GetReference(observations), first);
        var o0 = Vector128.LoadUnsafe(ref rows);
        var o1 = Vector128.LoadUnsafe(ref rows, (nuint)stride);
        var o2 = Vector128.LoadUnsafe(ref rows, (nuint)(2 * stride));
        var o3 = Vector128.LoadUnsafe(ref rows, (nuint)(3 * stride));
        LinearLanes4 w = policy;
        NormalizationLanes4 n = normalization;
        var push = Vector256.Create(CartPoleEnvironment.ForceMag);
        var pull = Vector256.Create(-CartPoleEnvironment.ForceMag);
        ref float log = ref MemoryMarshal.GetReference(history);
        Span<double> angles = _linearScratch.AsSpan(0, 4);
        Span<double> sines = _linearScratch.AsSpan(4, 4);
        Span<double> cosines = _linearScratch.AsSpan(8, 4);
        var one = Vector256<double>.One;
        // The lanes' returns: each step but the last adds its reward of 1 here, as the caller adds each step's reward.
        ref double returnsAt = ref Unsafe.Add(ref MemoryMarshal.GetReference(returns), first);
        var sums = Vector256.Create(returnsAt, Unsafe.Add(ref returnsAt, Math.Min(1, count - 1)),
            Unsafe.Add(ref returnsAt, Math.Min(2, count - 1)), Unsafe.Add(ref returnsAt, Math.Min(3, count - 1)));
        uint ended;
        int steps = 0;
        while (true)
        {
            if (steps > 0) sums += one;
            // The observation each lane's policy sees, lane by lane, for the statistics.
            Transpose(o0, o1, o2, o3, out var lane0, out var lane1, out var lane2, out var lane3);
            int at = steps * 4;
            lane0.StoreUnsafe(ref log, (nuint)at);
            lane1.StoreUnsafe(ref log, (nuint)(LinearChunk * 4 + at));
            lane2.StoreUnsafe(ref log, (nuint)(2 * LinearChunk * 4 + at));
            lane3.StoreUnsafe(ref log, (nuint)(3 * LinearChunk * 4 + at));

            var v0 = n.Apply(o0, n.Mean0, n.Std0);
            var v1 = n.Apply(o1, n.Mean1, n.Std1);
            var v2 = n.Apply(o2, n.Mean2, n.Std2);
            var v3 = n.Apply(o3, n.Mean3, n.Std3);
            var out0 = w.B0;
            out0 += v0 * w.W00;
            out0 += v1 * w.W10;
            out0 += v2 * w.W20;
            out0 += v3 * w.W30;
            var out1 = w.B1;
            out1 += v0 * w.W01;
            out1 += v1 * w.W11;
            out1 += v2 * w.W21;
            out1 += v3 * w.W31;
            // Action 1 where output 1 is strictly greater, as Policy.Head; its ±ForceMag as the physics takes it.
            var right = Vector256.WidenLower(Vector128.GreaterThan(out1, out0).AsInt32().ToVector256Unsafe()).AsDouble();
            var force = Vector256.ConditionalSelect(right, push, pull);
            ended = CartPoleEnvironment.Advance(ref x, ref xDot, ref theta, ref thetaDot, force, sin, cos).ExtractMostSignificantBits() & busyBits;
            steps++;
            o0 = Vector256.Narrow(x, x).GetLower();
            o1 = Vector256.Narrow(xDot, xDot).GetLower();
            o2 = Vector256.Narrow(theta, theta).GetLower();
            o3 = Vector256.Narrow(thetaDot, thetaDot).GetLower();
            // The next step's sines and cosines (idle lanes' angles as zeros, which take libm's fast path).
            Vector256.ConditionalSelect(busy, theta, Vector256<double>.Zero).StoreUnsafe(ref MemoryMarshal.GetReference(angles));
            LibmSinCos.SinCos(angles, sines, cosines);
            sin = Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(sines));
            cos = Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(cosines));
            if (ended != 0 || steps == maxSteps) break;
        }

        // Busy lanes take their new state; the others keep theirs.
        Vector256.ConditionalSelect(busy, x, x0).StoreUnsafe(ref _x[first]);
        Vector256.ConditionalSelect(busy, xDot, xDot0).StoreUnsafe(ref _xDot[first]);
        Vector256.ConditionalSelect(busy, theta, theta0).StoreUnsafe(ref _theta[first]);
        Vector256.ConditionalSelect(busy, thetaDot, thetaDot0).StoreUnsafe(ref _thetaDot[first]);
        for (int k = 0; k < count; k++)
        {
            _sin[first + k] = sines[k];
            _cos[first + k] = cosines[k];
            Unsafe.Add(ref returnsAt, k) = sums.GetElement(k);
        }
        var observed = Vector128.LessThan(Vector128.Create(0f, 1, 2, 3), Vector128.Create((float)count));
        ObserveBusy(ref rows, x, observed);
        ObserveBusy(ref Unsafe.Add(ref rows, stride), xDot, observed);
        ObserveBusy(ref Unsafe.Add(ref rows, 2 * stride), theta, observed);
        ObserveBusy(ref Unsafe.Add(ref rows, 3 * stride), thetaDot, observed);
        for (int k = 0; k < count; k++)
        {
            bool done = (ended & (1u << k)) != 0;
            int lane = first + k;
            _elapsed[lane] += steps;
            results[lane] = new StepResult(CartPoleEnvironment.Reward(done, ref _stepsBeyondTerminated[lane]), done, _elapsed[lane] >= limit);
        }
        return steps;
    }

    // Rows of four lanes' components into each lane's four components.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose(Vector128<float> c0, Vector128<float> c1, Vector128<float> c2, Vector128<float> c3,
        out Vector128<float> lane0, out Vector128<float> lane1, out Vector128<float> lane2, out Vector128<float> lane3)
    {
        var low01 = Sse.UnpackLow(c0, c1);   // lanes 0, 1 of components 0, 1
        var high01 = Sse.UnpackHigh(c0, c1); // lanes 2, 3
        var low23 = Sse.UnpackLow(c2, c3);
        var high23 = Sse.UnpackHigh(c2, c3);
        lane0 = Sse.MoveLowToHigh(low01, low23);
        lane1 = Sse.MoveHighToLow(low23, low01);
        lane2 = Sse.MoveLowToHigh(high01, high23);
        lane3 = Sse.MoveHighToLow(high23, high01);
    }
}

/// <summary>A linear policy's weights over CartPole's four observation components and two outputs, four lanes a vector: <c>Wio</c> is W[i, o], <c>Bo</c> the bias b[o].</summary>
internal readonly record struct LinearLanes4(
    Vector128<float> W00, Vector128<float> W01, Vector128<float> W10, Vector128<float> W11,
    Vector128<float> W20, Vector128<float> W21, Vector128<float> W30, Vector128<float> W31,
    Vector128<float> B0, Vector128<float> B1)
{
    /// <summary>The weights of lanes <paramref name="first"/> to <paramref name="first"/> + 3 of <paramref name="policy"/>, a linear policy over four components with two outputs.</summary>
    public static LinearLanes4 Of(LockstepPolicy policy, int first)
    {
        // Policy's linear layer: W[i, o] at i·2 + o, then b[o] at 8 + o.
        Vector128<float> P(int parameter) => policy.FourLanes(parameter, first);
        return new(P(0), P(1), P(2), P(3), P(4), P(5), P(6), P(7), P(8), P(9));
    }
}

/// <summary>An observation normalizer's constants for four components, each broadcast to four lanes; <see cref="Enabled"/> false passes observations through.</summary>
internal readonly record struct NormalizationLanes4(
    bool Enabled, Vector128<float> Low, Vector128<float> High,
    Vector128<float> Mean0, Vector128<float> Std0, Vector128<float> Mean1, Vector128<float> Std1,
    Vector128<float> Mean2, Vector128<float> Std2, Vector128<float> Mean3, Vector128<float> Std3)
{
    /// <summary>The constants of <paramref name="normalizer"/> (four components), as they are now.</summary>
    public static NormalizationLanes4 Of(ObservationNormalizer normalizer)
    {
        ReadOnlySpan<float> meanAndStd = normalizer.MeanAndStd;
        if (meanAndStd.Length != 8) throw new ArgumentException($"the normalizer has {meanAndStd.Length / 2} components, not 4.", nameof(normalizer));
        return new(normalizer.Enabled, Vector128.Create(-normalizer.Clip), Vector128.Create(normalizer.Clip),
            Vector128.Create(meanAndStd[0]), Vector128.Create(meanAndStd[4]), Vector128.Create(meanAndStd[1]), Vector128.Create(meanAndStd[5]),
            Vector128.Create(meanAndStd[2]), Vector128.Create(meanAndStd[6]), Vector128.Create(meanAndStd[3]), Vector128.Create(meanAndStd[7]));
    }

    /// <summary><c>clip((obs − mean)/std)</c> as <see cref="ObservationNormalizer.NormalizeLanes"/> computes it, or <paramref name="obs"/> unchanged when off.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector128<float> Apply(Vector128<float> obs, Vector128<float> mean, Vector128<float> std)
    {
        if (!Enabled) return obs;
        return VectorClamp.Clamp((obs - mean) / std, Low, High);
    }
}
