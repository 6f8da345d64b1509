// The forward pass of K policies at once, one per lane, with SIMD across lanes: each lane does
// the very operations of Policy.Forward in the same order, so it computes the same bits.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Es.Core.Numerics;
using Es.Core.Random;

namespace Es.Core.Policies;

/// <summary>
/// Runs <see cref="Lanes"/> copies of one <see cref="Policy"/> architecture side by side, each with
/// its own parameter vector (the candidates of several tasks), in structure-of-arrays layout so
/// that one vector instruction advances one output unit of 4, 8 or 16 lanes.
/// </summary>
/// <remarks>
/// <para>
/// Layout: parameter <c>p</c> of lane <c>k</c> lives at <c>slot(p)·Stride + k</c>; the inputs and
/// every layer's outputs are <c>[unit][Stride]</c>. <see cref="Stride"/> is <see cref="Lanes"/>
/// rounded up to the vector width, the spare lanes hold zeros and are never read back. A layer's
/// weights are stored in blocks of <see cref="OutputBlock"/> outputs, <c>[block][input][output in
/// the block]</c>, so that the pass computing one block's outputs reads its weights in one
/// sequential stream (one input after another: a prefetcher's pattern, where rows of all outputs
/// put each input's few weights of the block a whole row apart); the biases and any parameter
/// after the layers keep their order.
/// </para>
/// <para>
/// Why the bits match the one-episode path (DESIGN.md, rule 4): <see cref="PolicyKernels.Affine"/>
/// computes <c>y[o] = (…(b[o] + x[0]·W[0,o]) + x[1]·W[1,o]) + …)</c> with separate multiplies and
/// adds rounded to float; here every lane computes exactly that sum, in the same order, with the
/// same separate operations (no FMA: the JIT never contracts them). Tanh and ReLU are the very
/// element-wise kernels of <see cref="PolicyKernels"/>, whose vector and scalar paths agree bit for
/// bit (a continuous head's tanh runs over all lanes at once), and the rest of a continuous action
/// head is <see cref="Policy"/>'s own code, called per lane; a discrete head's argmax runs across
/// lanes with <see cref="Policy.Head"/>'s comparisons (<see cref="ActLanes"/>).
/// </para>
/// <para>Not thread-safe: one per evaluator.</para>
/// </remarks>
public sealed class LockstepPolicy
{
    private readonly Policy _policy;
    private readonly int[] _layerSizes;
    private readonly AlignedFloats _parameters;
    // The parameter that lives at each slot (a slot is Stride floats, one per lane; see the remarks).
    private readonly int[] _parameterAt;
    // The slot of each parameter (the inverse of _parameterAt).
    private readonly int[] _slotOf;
    private readonly AlignedFloats _input;
    private readonly AlignedFloats _bufferA;
    private readonly AlignedFloats _bufferB;
    private readonly float[] _laneOutputs;
    private readonly int _width;
    private AlignedFloats _output;

    /// <summary>Creates <paramref name="lanes"/> lanes of <paramref name="policy"/>'s architecture.</summary>
    /// <param name="policy">The one-episode policy whose architecture and action head every lane uses.</param>
    /// <param name="lanes">Number of lanes, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lanes"/> is below 1.</exception>
    public LockstepPolicy(Policy policy, int lanes)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentOutOfRangeException.ThrowIfLessThan(lanes, 1);
        _policy = policy;
        _layerSizes = [.. policy.LayerSizes];
        Lanes = lanes;
        _width = VectorWidth(lanes);
        Stride = (lanes + _width - 1) / _width * _width;
        int widest = _layerSizes.Skip(1).Max();
        _parameters = new AlignedFloats(checked(policy.ParameterCount * Stride));
        _parameterAt = ParameterAt(_layerSizes, policy.ParameterCount);
        _slotOf = new int[_parameterAt.Length];
        for (int q = 0; q < _parameterAt.Length; q++) _slotOf[_parameterAt[q]] = q;
        _input = new AlignedFloats(policy.ObservationSize * Stride);
        _bufferA = new AlignedFloats(widest * Stride);
        _bufferB = new AlignedFloats(widest * Stride);
        _laneOutputs = new float[policy.OutputSize];
        _output = _bufferA;
    }

    /// <summary>The one-episode policy every lane reproduces.</summary>
    public Policy Policy => _policy;

    /// <summary>Number of lanes.</summary>
    public int Lanes { get; }

    /// <summary>Floats between one unit's lane 0 and the next unit's lane 0: <see cref="Lanes"/> rounded up to the vector width.</summary>
    public int Stride { get; }

    /// <summary>The normalized observations, <c>[component][Stride]</c>: callers write lane <c>k</c>'s component <c>c</c> at <c>c·Stride + k</c> before <see cref="Forward(int)"/>.</summary>
    public Span<float> Inputs => _input.Span;

    /// <summary>Copies <paramref name="parameters"/> into lane <paramref name="lane"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="parameters"/> does not have the policy's parameter count.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lane"/> is not a lane.</exception>
    public void Load(int lane, ReadOnlySpan<float> parameters)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lane);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(lane, Lanes);
        if (parameters.Length != _policy.ParameterCount)
            throw new ArgumentException($"Parameter vector has {parameters.Length} values; the policy has {_policy.ParameterCount}.", nameof(parameters));
        // Slot after slot, so that the lane's writes (one a slot, the lanes of a slot sharing its
        // line) go through memory in order and the reads jump in L1; unchecked and four a pass,
        // since a big policy's episode start is this loop's scattered stores (every index is in
        // range: parameterAt holds a permutation of the parameters, lane < Stride).
        ref float destination = ref Unsafe.Add(ref _parameters.Start, lane);
        ref float source = ref MemoryMarshal.GetReference(parameters);
        ref int at = ref MemoryMarshal.GetArrayDataReference(_parameterAt);
        nint stride = Stride;
        int q = 0, count = _parameterAt.Length;
        for (; q + 4 <= count; q += 4)
        {
            Unsafe.Add(ref destination, q * stride) = Unsafe.Add(ref source, Unsafe.Add(ref at, q));
            Unsafe.Add(ref destination, (q + 1) * stride) = Unsafe.Add(ref source, Unsafe.Add(ref at, q + 1));
            Unsafe.Add(ref destination, (q + 2) * stride) = Unsafe.Add(ref source, Unsafe.Add(ref at, q + 2));
            Unsafe.Add(ref destination, (q + 3) * stride) = Unsafe.Add(ref source, Unsafe.Add(ref at, q + 3));
        }
        for (; q < count; q++) Unsafe.Add(ref destination, q * stride) = Unsafe.Add(ref source, Unsafe.Add(ref at, q));
    }

    /// <summary>
    /// Lanes <paramref name="first"/> to <paramref name="first"/> + 3 of parameter
    /// <paramref name="parameter"/> (one 128-bit vector; <paramref name="first"/> + 4 ≤ <see cref="Stride"/>):
    /// a fused step keeps a small policy's weights in registers.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="parameter"/> is not a parameter, or the four lanes are not in a slot.</exception>
    internal Vector128<float> FourLanes(int parameter, int first)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(first + 4, Stride, nameof(first));
        ArgumentOutOfRangeException.ThrowIfNegative(parameter);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(parameter, _slotOf.Length);
        return Vector128.LoadUnsafe(ref _parameters.Start, (nuint)(_slotOf[parameter] * Stride + first));
    }

    /// <summary>Outputs whose weights a layer stores together, input after input (see the remarks): the most accumulators a pass keeps.</summary>
    public const int OutputBlock = 8;

    // The parameter at every slot: slot offset + start·inputs + i·size + j of a layer holds its
    // weight W[i, start + j] (at i·outputs + start + j of the layer), each block of OutputBlock
    // outputs input after input; biases and the rest stay where they are.
    private static int[] ParameterAt(int[] layerSizes, int parameterCount)
    {
        var parameterAt = new int[parameterCount];
        for (int q = 0; q < parameterCount; q++) parameterAt[q] = q;
        int offset = 0;
        for (int l = 0; l + 1 < layerSizes.Length; l++)
        {
            int inputs = layerSizes[l], outputs = layerSizes[l + 1];
            for (int start = 0; start < outputs; start += OutputBlock)
            {
                int size = Math.Min(OutputBlock, outputs - start);
                for (int i = 0; i < inputs; i++)
                    for (int j = 0; j < size; j++) parameterAt[offset + start * inputs + i * size + j] = offset + i * outputs + start + j;
            }
            offset += inputs * outputs + outputs;
        }
        return parameterAt;
    }

    /// <summary>Copies lane <paramref name="from"/>'s parameters into lane <paramref name="to"/>, so that busy lanes can be kept at the front as episodes end.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A lane index is not a lane.</exception>
    public void Move(int from, int to)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(from);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(from, Lanes);
        ArgumentOutOfRangeException.ThrowIfNegative(to);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(to, Lanes);
        Span<float> parameters = _parameters.Span;
        int stride = Stride;
        for (int p = 0, end = parameters.Length; p < end; p += stride) parameters[p + to] = parameters[p + from];
    }

    /// <summary>
    /// Runs the network on lanes 0 to <paramref name="lanes"/> − 1 of <see cref="Inputs"/> (and on
    /// the rest of their vector; the activations may run over idle lanes' stale values, which are
    /// never read); the outputs stay in scratch until <see cref="Act"/> reads them.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lanes"/> is not between 0 and <see cref="Lanes"/>.</exception>
    public void Forward(int lanes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lanes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lanes, Lanes);
        int stride = Stride;
        // Up to 8 busy lanes (a batch's tail) take 256-bit vectors: the normalized inputs arrive as
        // 256-bit stores, and a 512-bit load over them could not be forwarded from the store buffer.
        int width = _width == 16 && lanes <= 8 ? 8 : _width;
        int used = (lanes + width - 1) / width * width;
        AlignedFloats input = _input;
        int offset = 0;
        int last = _layerSizes.Length - 2;
        for (int l = 0; l <= last; l++)
        {
            int inputs = _layerSizes[l], outputs = _layerSizes[l + 1];
            AlignedFloats output = (l & 1) == 0 ? _bufferA : _bufferB;
            Affine(input, inputs, offset, outputs, output, used, width);
            if (l < last)
            {
                // Element-wise, so any grouping of the units gives each the same bits.
                if (stride - used <= IdleLanesActivated) Activate(output.Span[..(outputs * stride)]);
                else for (int o = 0; o < outputs; o++) Activate(output.Span.Slice(o * stride, used));
            }
            offset += inputs * outputs + outputs;
            input = output;
        }
        // A continuous head's tanh, for all lanes at once (element-wise: each lane's bits as in Policy.Head).
        if (_policy.HasBoxHead)
        {
            int outputs = _layerSizes[^1];
            if (stride - used <= IdleLanesActivated) PolicyKernels.Tanh(input.Span[..(outputs * stride)], input.Span[..(outputs * stride)]);
            else for (int o = 0; o < outputs; o++) PolicyKernels.Tanh(input.Span.Slice(o * stride, used), input.Span.Slice(o * stride, used));
        }
        _output = input;
    }

    // Most idle lanes a slot may have for Forward to activate whole rows: the tanh of the idle
    // lanes' stale values (never read) costs less than a call per unit over the busy lanes' short
    // slices, whose few values the tanh's chains run one after another (a batch of 4 tasks, 8
    // episodes in 16 lanes: 16 calls of 8 values a layer). `es train` on Pendulum, three
    // alternated rounds of seeds 1 and 2 on a loaded host: 2.01–2.75 s against 2.14–2.81 s.
    private const int IdleLanesActivated = 32;

    /// <summary>Runs the network on every lane.</summary>
    public void Forward() => Forward(Lanes);

    private void Activate(Span<float> units)
    {
        if (_policy.Spec.Activation == Activation.Tanh) PolicyKernels.Tanh(units, units);
        else PolicyKernels.Relu(units, units);
    }

    /// <summary>Writes lane <paramref name="lane"/>'s action from the last <see cref="Forward(int)"/>, exactly as <see cref="Policy.Act(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, ref Rng, bool)"/> would.</summary>
    /// <exception cref="ArgumentException"><paramref name="action"/> has the wrong length.</exception>
    public void Act(int lane, Span<float> action, ref Rng noise, bool addNoise)
    {
        if (action.Length != _policy.ActionSize)
            throw new ArgumentException($"Action buffer has {action.Length} values; the policy writes {_policy.ActionSize}.", nameof(action));
        Span<float> source = _output.Span;
        int stride = Stride;
        if (_policy.HasBoxHead)
        {
            // Forward already applied the tanh: the lane's squashed outputs go straight into the action.
            for (int o = 0; o < action.Length; o++) action[o] = source[o * stride + lane];
            _policy.BoxHead(action, ref noise, addNoise);
            return;
        }
        float[] outputs = _laneOutputs;
        for (int o = 0; o < outputs.Length; o++) outputs[o] = source[o * stride + lane];
        _policy.Head(outputs, action, ref noise, addNoise);
    }

    /// <summary>
    /// Writes the actions of lanes 0 to <paramref name="lanes"/> − 1 from the last
    /// <see cref="Forward(int)"/> into <paramref name="actions"/> (lane <c>k</c>'s at
    /// <c>k·ActionSize</c>), exactly as <see cref="Act"/> lane by lane would. A discrete head's
    /// argmax runs in vectors across lanes: a lane keeps its best value and index and takes
    /// output <c>j</c> only when it is strictly greater, which is <see cref="Policy.Head"/>'s
    /// comparison of <c>outputs[j]</c> with <c>outputs[best]</c> (NaN never wins, the first index
    /// wins ties), so every lane gets the same action. A continuous head goes lane by lane.
    /// The discrete head writes whole vectors of eight lanes where <paramref name="actions"/> holds
    /// them, so the slots of idle lanes up to the next multiple of eight may change.
    /// </summary>
    /// <exception cref="ArgumentException">A buffer is shorter than <paramref name="lanes"/> lanes.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lanes"/> is not between 0 and <see cref="Lanes"/>.</exception>
    public void ActLanes(int lanes, Span<float> actions, Span<Rng> noise, ReadOnlySpan<bool> addNoise)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lanes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lanes, Lanes);
        int actionSize = _policy.ActionSize;
        if (actions.Length < lanes * actionSize || noise.Length < lanes || addNoise.Length < lanes)
            throw new ArgumentException($"the buffers hold fewer than {lanes} lanes.", nameof(actions));
        if (_policy.HasBoxHead)
        {
            // Forward already applied the tanh to every lane's outputs.
            _policy.BoxHeadLanes(_output.Span, Stride, lanes, actions, noise, addNoise);
            return;
        }
        ArgmaxLanes(lanes, actions);
    }

    // Policy.Head's discrete argmax for each lane (action size 1), lane k's action into actions[k].
    private void ArgmaxLanes(int lanes, Span<float> actions)
    {
        int stride = Stride, outputs = _laneOutputs.Length;
        ref float source = ref _output.Start;
        ref float target = ref MemoryMarshal.GetReference(actions);
        int k = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            // A batch's last few busy lanes take a whole vector too where the rows and the actions
            // have room: the environment then reads the actions back from one store.
            int room = Math.Min(stride, actions.Length);
            for (; k < lanes && k + 8 <= room; k += 8)
            {
                var bestValue = Vector256.LoadUnsafe(ref source, (nuint)k);
                var bestIndex = Vector256<float>.Zero;
                for (int j = 1; j < outputs; j++)
                {
                    var value = Vector256.LoadUnsafe(ref source, (nuint)(j * stride + k));
                    var greater = Vector256.GreaterThan(value, bestValue);
                    bestValue = Vector256.ConditionalSelect(greater, value, bestValue);
                    bestIndex = Vector256.ConditionalSelect(greater, Vector256.Create((float)j), bestIndex);
                }
                bestIndex.StoreUnsafe(ref target, (nuint)k);
            }
        }
        // The other lanes one at a time, with the same compare and selects in a vector's first
        // element: a balancing policy's action flips from step to step, which a branch would mispredict.
        for (; k < lanes; k++)
        {
            var bestValue = Vector128.CreateScalarUnsafe(Unsafe.Add(ref source, k));
            var bestIndex = Vector128<float>.Zero;
            for (int j = 1; j < outputs; j++)
            {
                var value = Vector128.CreateScalarUnsafe(Unsafe.Add(ref source, j * stride + k));
                var greater = Vector128.GreaterThan(value, bestValue);
                bestValue = Vector128.ConditionalSelect(greater, value, bestValue);
                bestIndex = Vector128.ConditionalSelect(greater, Vector128.Create((float)j), bestIndex);
            }
            Unsafe.Add(ref target, k) = bestIndex.ToScalar();
        }
    }

    // The widest vector that the lanes fill and the CPU accelerates; 1 = scalar.
    private static int VectorWidth(int lanes)
    {
        if (lanes > 8 && Vector512.IsHardwareAccelerated) return 16;
        if (lanes > 4 && Vector256.IsHardwareAccelerated) return 8;
        if (lanes > 1 && Vector128.IsHardwareAccelerated) return 4;
        return 1;
    }

    // y[o][k] = b[o][k] + Σ_i x[i][k]·W[i,o][k], accumulated in increasing i as PolicyKernels.Affine does.
    private void Affine(AlignedFloats x, int inputs, int offset, int outputs, AlignedFloats y, int used, int width)
    {
        int stride = Stride;
        ref float xr = ref x.Start;
        ref float yr = ref y.Start;
        ref float w = ref Unsafe.Add(ref _parameters.Start, (nint)offset * stride);
        ref float b = ref Unsafe.Add(ref w, (nint)inputs * outputs * stride);
        for (int lane = 0; lane < used; lane += width)
        {
            switch (width)
            {
                case 16: Affine512(ref Unsafe.Add(ref xr, lane), ref Unsafe.Add(ref w, lane), ref Unsafe.Add(ref b, lane), ref Unsafe.Add(ref yr, lane), inputs, outputs, stride); break;
                case 8 when stride == 8 && Vector512.IsHardwareAccelerated: Affine512Pairs(ref xr, ref w, ref b, ref yr, inputs, outputs); break;
                case 8: Affine256(ref Unsafe.Add(ref xr, lane), ref Unsafe.Add(ref w, lane), ref Unsafe.Add(ref b, lane), ref Unsafe.Add(ref yr, lane), inputs, outputs, stride); break;
                case 4: Affine128(ref Unsafe.Add(ref xr, lane), ref Unsafe.Add(ref w, lane), ref Unsafe.Add(ref b, lane), ref Unsafe.Add(ref yr, lane), inputs, outputs, stride); break;
                default: AffineScalar(ref Unsafe.Add(ref xr, lane), ref Unsafe.Add(ref w, lane), ref Unsafe.Add(ref b, lane), ref Unsafe.Add(ref yr, lane), inputs, outputs, stride); break;
            }
        }
    }

    // One pass per block of OutputBlock outputs (see the remarks): a whole block keeps eight
    // independent accumulators in flight and reads its weights as one stream (with the weights in
    // rows of all outputs, four accumulators a pass ran CartPole's MLP 64-64 layer 2.6-3x slower
    // in 16 lanes: each input's weights of the pass sat a 4 KiB row apart); a smaller last block
    // takes four, then one, at a time. Every output still adds x[i]·W[i,o] in increasing i.
    private static void Affine512(ref float x, ref float w, ref float b, ref float y, int inputs, int outputs, int stride)
    {
        nint s = stride;
        for (int start = 0; start < outputs; start += OutputBlock)
        {
            int size = Math.Min(OutputBlock, outputs - start);
            // The block's weights: input i's `size` outputs at block + (i·size + j)·s.
            ref float block = ref Unsafe.Add(ref w, start * inputs * s);
            nint next = size * s;
            int j = 0;
            if (size == OutputBlock)
            {
                var a0 = Vector512.LoadUnsafe(ref b, (nuint)(start * s));
                var a1 = Vector512.LoadUnsafe(ref b, (nuint)((start + 1) * s));
                var a2 = Vector512.LoadUnsafe(ref b, (nuint)((start + 2) * s));
                var a3 = Vector512.LoadUnsafe(ref b, (nuint)((start + 3) * s));
                var a4 = Vector512.LoadUnsafe(ref b, (nuint)((start + 4) * s));
                var a5 = Vector512.LoadUnsafe(ref b, (nuint)((start + 5) * s));
                var a6 = Vector512.LoadUnsafe(ref b, (nuint)((start + 6) * s));
                var a7 = Vector512.LoadUnsafe(ref b, (nuint)((start + 7) * s));
                ref float row = ref block;
                for (int i = 0; i < inputs; i++)
                {
                    var xi = Vector512.LoadUnsafe(ref x, (nuint)(i * s));
                    a0 += xi * Vector512.LoadUnsafe(ref row);
                    a1 += xi * Vector512.LoadUnsafe(ref row, (nuint)s);
                    a2 += xi * Vector512.LoadUnsafe(ref row, (nuint)(2 * s));
                    a3 += xi * Vector512.LoadUnsafe(ref row, (nuint)(3 * s));
                    a4 += xi * Vector512.LoadUnsafe(ref row, (nuint)(4 * s));
                    a5 += xi * Vector512.LoadUnsafe(ref row, (nuint)(5 * s));
                    a6 += xi * Vector512.LoadUnsafe(ref row, (nuint)(6 * s));
                    a7 += xi * Vector512.LoadUnsafe(ref row, (nuint)(7 * s));
                    row = ref Unsafe.Add(ref row, next);
                }
                a0.StoreUnsafe(ref y, (nuint)(start * s));
                a1.StoreUnsafe(ref y, (nuint)((start + 1) * s));
                a2.StoreUnsafe(ref y, (nuint)((start + 2) * s));
                a3.StoreUnsafe(ref y, (nuint)((start + 3) * s));
                a4.StoreUnsafe(ref y, (nuint)((start + 4) * s));
                a5.StoreUnsafe(ref y, (nuint)((start + 5) * s));
                a6.StoreUnsafe(ref y, (nuint)((start + 6) * s));
                a7.StoreUnsafe(ref y, (nuint)((start + 7) * s));
                j = OutputBlock;
            }
            for (; j + 4 <= size; j += 4)
            {
                var a0 = Vector512.LoadUnsafe(ref b, (nuint)((start + j) * s));
                var a1 = Vector512.LoadUnsafe(ref b, (nuint)((start + j + 1) * s));
                var a2 = Vector512.LoadUnsafe(ref b, (nuint)((start + j + 2) * s));
                var a3 = Vector512.LoadUnsafe(ref b, (nuint)((start + j + 3) * s));
                ref float row = ref Unsafe.Add(ref block, j * s);
                for (int i = 0; i < inputs; i++)
                {
                    var xi = Vector512.LoadUnsafe(ref x, (nuint)(i * s));
                    a0 += xi * Vector512.LoadUnsafe(ref row);
                    a1 += xi * Vector512.LoadUnsafe(ref row, (nuint)s);
                    a2 += xi * Vector512.LoadUnsafe(ref row, (nuint)(2 * s));
                    a3 += xi * Vector512.LoadUnsafe(ref row, (nuint)(3 * s));
                    row = ref Unsafe.Add(ref row, next);
                }
                a0.StoreUnsafe(ref y, (nuint)((start + j) * s));
                a1.StoreUnsafe(ref y, (nuint)((start + j + 1) * s));
                a2.StoreUnsafe(ref y, (nuint)((start + j + 2) * s));
                a3.StoreUnsafe(ref y, (nuint)((start + j + 3) * s));
            }
            for (; j < size; j++)
            {
                var a0 = Vector512.LoadUnsafe(ref b, (nuint)((start + j) * s));
                ref float row = ref Unsafe.Add(ref block, j * s);
                for (int i = 0; i < inputs; i++)
                {
                    a0 += Vector512.LoadUnsafe(ref x, (nuint)(i * s)) * Vector512.LoadUnsafe(ref row);
                    row = ref Unsafe.Add(ref row, next);
                }
                a0.StoreUnsafe(ref y, (nuint)((start + j) * s));
            }
        }
    }

    // Eight lanes (a stride of 8) on a 512-bit core: two outputs a vector, output j's eight lanes
    // and then j + 1's, which the blocks' layout and the [unit][8] outputs keep side by side, so a
    // block of 8 outputs takes 4 vectors where Affine256 takes 8 (half the multiplies and adds a
    // lane-step). Each lane's output still adds x[i]·W[i,o] in increasing i.
    private static void Affine512Pairs(ref float x, ref float w, ref float b, ref float y, int inputs, int outputs)
    {
        const int s = 8;
        for (int start = 0; start < outputs; start += OutputBlock)
        {
            int size = Math.Min(OutputBlock, outputs - start);
            ref float block = ref Unsafe.Add(ref w, start * inputs * s);
            nint next = size * s;
            int j = 0;
            if (size == OutputBlock)
            {
                var a0 = Vector512.LoadUnsafe(ref b, (nuint)(start * s));
                var a1 = Vector512.LoadUnsafe(ref b, (nuint)((start + 2) * s));
                var a2 = Vector512.LoadUnsafe(ref b, (nuint)((start + 4) * s));
                var a3 = Vector512.LoadUnsafe(ref b, (nuint)((start + 6) * s));
                ref float row = ref block;
                for (int i = 0; i < inputs; i++)
                {
                    var xi = Broadcast(ref Unsafe.Add(ref x, i * s));
                    a0 += xi * Vector512.LoadUnsafe(ref row);
                    a1 += xi * Vector512.LoadUnsafe(ref row, 2 * s);
                    a2 += xi * Vector512.LoadUnsafe(ref row, 4 * s);
                    a3 += xi * Vector512.LoadUnsafe(ref row, 6 * s);
                    row = ref Unsafe.Add(ref row, next);
                }
                a0.StoreUnsafe(ref y, (nuint)(start * s));
                a1.StoreUnsafe(ref y, (nuint)((start + 2) * s));
                a2.StoreUnsafe(ref y, (nuint)((start + 4) * s));
                a3.StoreUnsafe(ref y, (nuint)((start + 6) * s));
                j = OutputBlock;
            }
            for (; j + 2 <= size; j += 2)
            {
                var a0 = Vector512.LoadUnsafe(ref b, (nuint)((start + j) * s));
                ref float row = ref Unsafe.Add(ref block, j * s);
                for (int i = 0; i < inputs; i++)
                {
                    a0 += Broadcast(ref Unsafe.Add(ref x, i * s)) * Vector512.LoadUnsafe(ref row);
                    row = ref Unsafe.Add(ref row, next);
                }
                a0.StoreUnsafe(ref y, (nuint)((start + j) * s));
            }
            if (j < size)
            {
                var a0 = Vector256.LoadUnsafe(ref b, (nuint)((start + j) * s));
                ref float row = ref Unsafe.Add(ref block, j * s);
                for (int i = 0; i < inputs; i++)
                {
                    a0 += Vector256.LoadUnsafe(ref x, (nuint)(i * s)) * Vector256.LoadUnsafe(ref row);
                    row = ref Unsafe.Add(ref row, next);
                }
                a0.StoreUnsafe(ref y, (nuint)((start + j) * s));
            }
        }
    }

    // Eight floats in both halves of a vector, one broadcast load (vbroadcastf64x4: 256 bits,
    // whatever they hold). Written as Vector512.Create(lanes, lanes), the JIT inserted both halves
    // into the previous input's register, a chain from input to input that ran Affine512Pairs at
    // half the speed (2.3-2.5 against 4.5 M steps/s, MLP 4-64-64-2 at generation 20). The buffers
    // are pinned arrays.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector512<float> Broadcast(ref float eight) =>
        Avx512F.BroadcastVector256ToVector512((double*)Unsafe.AsPointer(ref eight)).AsSingle();

    private static void Affine256(ref float x, ref float w, ref float b, ref float y, int inputs, int outputs, int stride)
    {
        nint s = stride;
        for (int start = 0; start < outputs; start += OutputBlock)
        {
            int size = Math.Min(OutputBlock, outputs - start);
            // The block's weights: input i's `size` outputs at block + (i·size + j)·s.
            ref float block = ref Unsafe.Add(ref w, start * inputs * s);
            nint next = size * s;
            int j = 0;
            if (size == OutputBlock)
            {
                var a0 = Vector256.LoadUnsafe(ref b, (nuint)(start * s));
                var a1 = Vector256.LoadUnsafe(ref b, (nuint)((start + 1) * s));
                var a2 = Vector256.LoadUnsafe(ref b, (nuint)((start + 2) * s));
                var a3 = Vector256.LoadUnsafe(ref b, (nuint)((start + 3) * s));
                var a4 = Vector256.LoadUnsafe(ref b, (nuint)((start + 4) * s));
                var a5 = Vector256.LoadUnsafe(ref b, (nuint)((start + 5) * s));
                var a6 = Vector256.LoadUnsafe(ref b, (nuint)((start + 6) * s));
                var a7 = Vector256.LoadUnsafe(ref b, (nuint)((start + 7) * s));
                ref float row = ref block;
                for (int i = 0; i < inputs; i++)
                {
                    var xi = Vector256.LoadUnsafe(ref x, (nuint)(i * s));
                    a0 += xi * Vector256.LoadUnsafe(ref row);
                    a1 += xi * Vector256.LoadUnsafe(ref row, (nuint)s);
                    a2 += xi * Vector256.LoadUnsafe(ref row, (nuint)(2 * s));
                    a3 += xi * Vector256.LoadUnsafe(ref row, (nuint)(3 * s));
                    a4 += xi * Vector256.LoadUnsafe(ref row, (nuint)(4 * s));
                    a5 += xi * Vector256.LoadUnsafe(ref row, (nuint)(5 * s));
                    a6 += xi * Vector256.LoadUnsafe(ref row, (nuint)(6 * s));
                    a7 += xi * Vector256.LoadUnsafe(ref row, (nuint)(7 * s));
                    row = ref Unsafe.Add(ref row, next);
                }
                a0.StoreUnsafe(ref y, (nuint)(start * s));
                a1.StoreUnsafe(ref y, (nuint)((start + 1) * s));
                a2.StoreUnsafe(ref y, (nuint)((start + 2) * s));
                a3.StoreUnsafe(ref y, (nuint)((start + 3) * s));
                a4.StoreUnsafe(ref y, (nuint)((start + 4) * s));
                a5.StoreUnsafe(ref y, (nuint)((start + 5) * s));
                a6.StoreUnsafe(ref y, (nuint)((start + 6) * s));
                a7.StoreUnsafe(ref y, (nuint)((start + 7) * s));
                j = OutputBlock;
            }
            for (; j + 4 <= size; j += 4)
            {
                var a0 = Vector256.LoadUnsafe(ref b, (nuint)((start + j) * s));
                var a1 = Vector256.LoadUnsafe(ref b, (nuint)((start + j + 1) * s));
                var a2 = Vector256.LoadUnsafe(ref b, (nuint)((start + j + 2) * s));
                var a3 = Vector256.LoadUnsafe(ref b, (nuint)((start + j + 3) * s));
                ref float row = ref Unsafe.Add(ref block, j * s);
                for (int i = 0; i < inputs; i++)
                {
                    var xi = Vector256.LoadUnsafe(ref x, (nuint)(i * s));
                    a0 += xi * Vector256.LoadUnsafe(ref row);
                    a1 += xi * Vector256.LoadUnsafe(ref row, (nuint)s);
                    a2 += xi * Vector256.LoadUnsafe(ref row, (nuint)(2 * s));
                    a3 += xi * Vector256.LoadUnsafe(ref row, (nuint)(3 * s));
                    row = ref Unsafe.Add(ref row, next);
                }
                a0.StoreUnsafe(ref y, (nuint)((start + j) * s));
                a1.StoreUnsafe(ref y, (nuint)((start + j + 1) * s));
                a2.StoreUnsafe(ref y, (nuint)((start + j + 2) * s));
                a3.StoreUnsafe(ref y, (nuint)((start + j + 3) * s));
            }
            for (; j < size; j++)
            {
                var a0 = Vector256.LoadUnsafe(ref b, (nuint)((start + j) * s));
                ref float row = ref Unsafe.Add(ref block, j * s);
                for (int i = 0; i < inputs; i++)
                {
                    a0 += Vector256.LoadUnsafe(ref x, (nuint)(i * s)) * Vector256.LoadUnsafe(ref row);
                    row = ref Unsafe.Add(ref row, next);
                }
                a0.StoreUnsafe(ref y, (nuint)((start + j) * s));
            }
        }
    }

    private static void Affine128(ref float x, ref float w, ref float b, ref float y, int inputs, int outputs, int stride)
    {
        nint s = stride;
        for (int start = 0; start < outputs; start += OutputBlock)
        {
            int size = Math.Min(OutputBlock, outputs - start);
            // The block's weights: input i's `size` outputs at block + (i·size + j)·s.
            ref float block = ref Unsafe.Add(ref w, start * inputs * s);
            nint next = size * s;
            int j = 0;
            for (; j + 4 <= size; j += 4)
            {
                var a0 = Vector128.LoadUnsafe(ref b, (nuint)((start + j) * s));
                var a1 = Vector128.LoadUnsafe(ref b, (nuint)((start + j + 1) * s));
                var a2 = Vector128.LoadUnsafe(ref b, (nuint)((start + j + 2) * s));
                var a3 = Vector128.LoadUnsafe(ref b, (nuint)((start + j + 3) * s));
                ref float row = ref Unsafe.Add(ref block, j * s);
                for (int i = 0; i < inputs; i++)
                {
                    var xi = Vector128.LoadUnsafe(ref x, (nuint)(i * s));
                    a0 += xi * Vector128.LoadUnsafe(ref row);
                    a1 += xi * Vector128.LoadUnsafe(ref row, (nuint)s);
                    a2 += xi * Vector128.LoadUnsafe(ref row, (nuint)(2 * s));
                    a3 += xi * Vector128.LoadUnsafe(ref row, (nuint)(3 * s));
                    row = ref Unsafe.Add(ref row, next);
                }
                a0.StoreUnsafe(ref y, (nuint)((start + j) * s));
                a1.StoreUnsafe(ref y, (nuint)((start + j + 1) * s));
                a2.StoreUnsafe(ref y, (nuint)((start + j + 2) * s));
                a3.StoreUnsafe(ref y, (nuint)((start + j + 3) * s));
            }
            for (; j < size; j++)
            {
                var a0 = Vector128.LoadUnsafe(ref b, (nuint)((start + j) * s));
                ref float row = ref Unsafe.Add(ref block, j * s);
                for (int i = 0; i < inputs; i++)
                {
                    a0 += Vector128.LoadUnsafe(ref x, (nuint)(i * s)) * Vector128.LoadUnsafe(ref row);
                    row = ref Unsafe.Add(ref row, next);
                }
                a0.StoreUnsafe(ref y, (nuint)((start + j) * s));
            }
        }
    }

    private static void AffineScalar(ref float x, ref float w, ref float b, ref float y, int inputs, int outputs, int stride)
    {
        nint s = stride;
        for (int start = 0; start < outputs; start += OutputBlock)
        {
            int size = Math.Min(OutputBlock, outputs - start);
            ref float block = ref Unsafe.Add(ref w, start * inputs * s);
            nint next = size * s;
            for (int j = 0; j < size; j++)
            {
                float a0 = Unsafe.Add(ref b, (start + j) * s);
                ref float row = ref Unsafe.Add(ref block, j * s);
                for (int i = 0; i < inputs; i++)
                {
                    a0 += Unsafe.Add(ref x, i * s) * row;
                    row = ref Unsafe.Add(ref row, next);
                }
                Unsafe.Add(ref y, (start + j) * s) = a0;
            }
        }
    }
}
