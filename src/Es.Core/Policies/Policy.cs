// A feed-forward or recurrent policy over one flat float32 parameter vector: the object ES perturbs, and the
// forward pass every evaluator runs, deterministic to the bit across machines.
using System.Runtime.Intrinsics;
using Es.Core.Environments;
using Es.Core.Noise;
using Es.Core.Normalization;
using Es.Core.Numerics;
using Es.Core.Random;

namespace Es.Core.Policies;

/// <summary>
/// Maps a normalized observation to an action with a linear map, an MLP, a recurrent cell
/// (GRU, LSTM) or a convolutional network whose parameters live in one flat <see cref="float"/> vector, so that ES can
/// perturb it with a noise-table slice.
/// </summary>
/// <remarks>
/// <para>
/// Parameter layout: layers in order from the observation to the outputs; for each layer of
/// shape in → out, the weights W as <c>in·out</c> floats row-major [in][out] (row <c>i</c> holds
/// the weights leaving input <c>i</c>, so y = x·W + b as in evolution-strategies-starter), then
/// the <c>out</c> biases. Hidden layers apply <see cref="PolicySpec.Activation"/>; the output
/// layer is linear.
/// </para>
/// <para>
/// Recurrent kinds (<see cref="PolicySpec.IsRecurrent"/>): θ holds the cell's parameters first
/// (layout in <see cref="RecurrentCell"/>), then the linear head [H][out] and its biases. The
/// policy carries the cell's state from one <c>Act</c> to the next; <see cref="ResetState"/>
/// zeroes it, and <see cref="Evaluation.EpisodeRunner"/> calls it at every episode start, so an
/// episode's actions depend only on θ and that episode.
/// </para>
/// <para>
/// Convolutional kind (<see cref="PolicyKind.Conv"/>): for observations with a 3-D
/// <see cref="BoxSpace.Shape"/>; layout and virtual batch normalization in <see cref="ConvNetwork"/>.
/// With VBN, <see cref="BeginEpisode"/> computes the statistics of the reference batch
/// (<see cref="SetReferenceBatch"/>) for the episode's parameters.
/// </para>
/// <para>
/// Heads: for a <see cref="DiscreteSpace"/> the outputs are N logits and the action is the
/// index of the largest (lowest index on ties), stored as one float. For a <see cref="BoxSpace"/>
/// each output goes through tanh and is mapped affinely onto [low, high]; during training
/// rollouts Gaussian noise of std <see cref="PolicySpec.ActionNoiseStd"/> is added and the
/// result clipped back into the box.
/// </para>
/// <para>
/// The forward pass uses <see cref="PolicyKernels"/> only, so an evaluator on any machine
/// computes the same action from the same parameters. An instance owns scratch buffers and is
/// not thread-safe: give each evaluator its own (construction is cheap).
/// </para>
/// </remarks>
public sealed class Policy
{
    private readonly int[] _layerSizes;
    // Line-aligned, as the weights the evaluators hand over: the layers store into them in 512-bit vectors.
    private readonly AlignedFloats _bufferA;
    private readonly AlignedFloats _bufferB;
    private readonly float[]? _actionMid;
    private readonly float[]? _actionHalfRange;
    private readonly float[]? _actionLow;
    private readonly float[]? _actionHigh;
    private readonly RecurrentCell? _cell;
    private readonly ConvNetwork? _conv;
    private readonly int[] _shape;

    /// <summary>Builds the network for <paramref name="environment"/>'s observation and action spaces.</summary>
    /// <exception cref="ArgumentException">
    /// The spec is inconsistent (a linear policy with hidden sizes, an MLP without, a width below 1,
    /// a negative or non-finite noise std, a non-positive init std, an unknown enum value), or the
    /// action space is not a <see cref="DiscreteSpace"/> or a <see cref="BoxSpace"/> with finite bounds.
    /// </exception>
    public Policy(PolicySpec spec, EnvironmentSpec environment)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(environment);
        ValidateSpec(spec);
        Spec = spec;
        Environment = environment;

        int observationSize = environment.ObservationSize;
        if (observationSize < 1)
            throw new ArgumentException("The observation space is empty.", nameof(environment));

        switch (environment.ActionSpace)
        {
            case DiscreteSpace discrete:
                if (discrete.N < 1) throw new ArgumentException($"Discrete action space has {discrete.N} actions.", nameof(environment));
                OutputSize = discrete.N;
                break;
            case BoxSpace box:
                if (box.Low.Length != box.High.Length || box.Low.Length < 1)
                    throw new ArgumentException("Box action space needs matching, non-empty bounds.", nameof(environment));
                OutputSize = box.Low.Length;
                _actionLow = (float[])box.Low.Clone();
                _actionHigh = (float[])box.High.Clone();
                _actionMid = new float[OutputSize];
                _actionHalfRange = new float[OutputSize];
                for (int j = 0; j < OutputSize; j++)
                {
                    float low = box.Low[j], high = box.High[j];
                    if (!float.IsFinite(low) || !float.IsFinite(high) || !(low <= high))
                        throw new ArgumentException($"Action bound {j} is [{low}, {high}]; a tanh head needs finite bounds with low ≤ high.", nameof(environment));
                    _actionMid[j] = (float)(0.5 * ((double)low + high));
                    _actionHalfRange[j] = (float)(0.5 * ((double)high - low));
                }
                break;
            default:
                throw new ArgumentException($"Unsupported action space {environment.ActionSpace}.", nameof(environment));
        }

        long count = 0;
        if (spec.Kind == PolicyKind.Conv)
        {
            int[] shape = environment.ObservationSpace.Shape is { Length: 3 } s3 ? s3
                : throw new ArgumentException($"a convolutional policy reads pixel observations (channels × rows × columns); {environment.Id}'s observation is a vector of {observationSize}.", nameof(environment));
            _conv = new ConvNetwork(spec, shape, OutputSize);
            count = _conv.ParameterCount;
            _layerSizes = [OutputSize, OutputSize]; // unused: the network computes everything
            _shape = [observationSize, .. spec.HiddenSizes, OutputSize];
        }
        else if (spec.IsRecurrent)
        {
            _cell = new RecurrentCell(spec.Kind, observationSize, spec.CellSize);
            count = _cell.ParameterCount;
            _layerSizes = [spec.CellSize, OutputSize]; // the head; the cell sits before it
            _shape = [observationSize, spec.CellSize, OutputSize];
        }
        else
        {
            _layerSizes = [observationSize, .. spec.HiddenSizes, OutputSize];
            _shape = _layerSizes;
        }
        int widest = 0;
        for (int l = 0; _conv is null && l + 1 < _layerSizes.Length; l++)
        {
            count += (long)_layerSizes[l] * _layerSizes[l + 1] + _layerSizes[l + 1];
            widest = Math.Max(widest, _layerSizes[l + 1]);
        }
        if (count > Array.MaxLength)
            throw new ArgumentException($"The network would have {count} parameters.", nameof(spec));
        ParameterCount = (int)count;
        _bufferA = new AlignedFloats(widest);
        _bufferB = new AlignedFloats(widest);
    }

    /// <summary>The network configuration.</summary>
    public PolicySpec Spec { get; }

    /// <summary>The environment whose spaces fix the input and output sizes.</summary>
    public EnvironmentSpec Environment { get; }

    /// <summary>Length of the flat parameter vector.</summary>
    public int ParameterCount { get; }

    /// <summary>Length of the observation the policy reads.</summary>
    public int ObservationSize => _shape[0];

    /// <summary>Length of the action buffer <see cref="Act(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, ref Rng, bool)"/> writes (1 for a discrete action).</summary>
    public int ActionSize => Environment.ActionSize;

    /// <summary>Number of network outputs: N logits for a discrete space, one per action component for a box.</summary>
    public int OutputSize { get; }

    /// <summary>Layer widths from the observation to the outputs, e.g. [4, 64, 64, 2]; for a recurrent policy [observation, cell size, outputs].</summary>
    public IReadOnlyList<int> LayerSizes => _shape;

    /// <summary>Whether the policy carries a state between steps (a GRU or LSTM cell).</summary>
    public bool IsRecurrent => _cell is not null;

    /// <summary>
    /// Forgets the recurrent state (zeroes h and c), as at the start of an episode; nothing to do
    /// for a feed-forward policy. Every episode must start with it, or its actions would depend on
    /// the episode before.
    /// </summary>
    public void ResetState() => _cell?.Reset();

    /// <summary>Whether the policy needs a reference batch of observations (virtual batch normalization).</summary>
    public bool UsesReferenceBatch => _conv?.UsesReferenceBatch == true;

    /// <summary>
    /// Gives a policy with virtual batch normalization its reference batch: <paramref name="observations"/>
    /// holds whole raw observations one after the other (the array is kept, not copied: do not change it).
    /// </summary>
    /// <exception cref="InvalidOperationException">The policy does not use a reference batch.</exception>
    /// <exception cref="ArgumentException">The array is empty or not a whole number of observations.</exception>
    public void SetReferenceBatch(float[] observations)
    {
        ArgumentNullException.ThrowIfNull(observations);
        if (!UsesReferenceBatch) throw new InvalidOperationException($"a {Spec.Kind} policy without virtual batch normalization has no reference batch.");
        _conv!.SetReferenceBatch(observations, ObservationSize);
    }

    /// <summary>
    /// Starts an episode with <paramref name="parameters"/>: forgets the recurrent state and, with
    /// virtual batch normalization, computes the reference batch's statistics under these parameters
    /// (its observations normalized by <paramref name="normalizer"/>, like the episode's).
    /// <see cref="Evaluation.EpisodeRunner"/> calls it before every episode.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="parameters"/> has the wrong length.</exception>
    /// <exception cref="InvalidOperationException">VBN is on and no reference batch was set.</exception>
    public void BeginEpisode(ReadOnlySpan<float> parameters, ObservationNormalizer? normalizer)
    {
        CheckParameters(parameters.Length, nameof(parameters));
        ResetState();
        _conv?.Prepare(parameters, normalizer);
    }

    /// <summary>
    /// Writes initial parameters: the starter's normalized-column initializer. A recurrent policy
    /// first initializes its cell (see <see cref="RecurrentCell.Initialize"/>) from the same stream,
    /// then its head as below. Each weight is
    /// drawn N(0, 1) from <c>new Rng(seed)</c> (layers in order, weights in storage order), then
    /// each output unit's incoming weights are scaled to Euclidean norm 1 for hidden layers and
    /// <see cref="PolicySpec.InitOutputStd"/> for the output layer; biases are 0. Unit-norm
    /// columns keep tanh units out of saturation for normalized inputs, and the small output
    /// norm makes the first policy nearly neutral.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="parameters"/> is not <see cref="ParameterCount"/> long.</exception>
    public void Initialize(Span<float> parameters, ulong seed)
    {
        CheckParameters(parameters.Length, nameof(parameters));
        var rng = new Rng(seed);
        if (_conv is not null)
        {
            _conv.Initialize(parameters, ref rng, Spec.InitOutputStd);
            return;
        }
        int offset = 0;
        if (_cell is not null)
        {
            _cell.Initialize(parameters[..(int)_cell.ParameterCount], ref rng);
            offset = (int)_cell.ParameterCount;
        }
        for (int l = 0; l + 1 < _layerSizes.Length; l++)
        {
            int inputs = _layerSizes[l], outputs = _layerSizes[l + 1];
            double std = l + 2 == _layerSizes.Length ? Spec.InitOutputStd : 1.0;
            var weights = new double[inputs * outputs];
            for (int k = 0; k < weights.Length; k++) weights[k] = rng.NextGaussian();
            for (int o = 0; o < outputs; o++)
            {
                double sumSquares = 0;
                for (int i = 0; i < inputs; i++) sumSquares += weights[i * outputs + o] * weights[i * outputs + o];
                double scale = std / Math.Sqrt(sumSquares);
                for (int i = 0; i < inputs; i++) parameters[offset + i * outputs + o] = (float)(weights[i * outputs + o] * scale);
            }
            offset += weights.Length;
            parameters.Slice(offset, outputs).Clear();
            offset += outputs;
        }
    }

    /// <summary>
    /// Computes the action for an already normalized observation (and, for a recurrent policy,
    /// advances its state by one step). When <paramref name="addNoise"/>
    /// is true and the action space is a box with <see cref="PolicySpec.ActionNoiseStd"/> &gt; 0,
    /// one Gaussian per action component is drawn from <paramref name="noise"/> (with the noise
    /// table's deterministic Ziggurat sampler, one 64-bit word per draw almost always); otherwise
    /// <paramref name="noise"/> is left untouched, so evaluation episodes do not disturb it.
    /// </summary>
    /// <exception cref="ArgumentException">A buffer has the wrong length.</exception>
    public void Act(ReadOnlySpan<float> parameters, ReadOnlySpan<float> observation, Span<float> action, ref Rng noise, bool addNoise)
    {
        CheckParameters(parameters.Length, nameof(parameters));
        if (observation.Length != ObservationSize)
            throw new ArgumentException($"Observation has {observation.Length} values; the policy reads {ObservationSize}.", nameof(observation));
        if (action.Length != ActionSize)
            throw new ArgumentException($"Action buffer has {action.Length} values; the policy writes {ActionSize}.", nameof(action));

        Head(Forward(parameters, observation), action, ref noise, addNoise);
    }

    /// <summary>
    /// Turns raw network outputs into the action: argmax for a discrete space, tanh mapped onto
    /// the box (plus action noise when asked) for a continuous one. The one-episode path and
    /// <see cref="LockstepPolicy"/> both call it, so a lane's action is the same bits as an episode's.
    /// </summary>
    internal void Head(ReadOnlySpan<float> outputs, Span<float> action, ref Rng noise, bool addNoise)
    {
        if (_actionMid is null)
        {
            // Discrete: argmax, first index wins ties (strict comparison).
            int best = 0;
            for (int j = 1; j < outputs.Length; j++)
                if (outputs[j] > outputs[best]) best = j;
            action[0] = best;
            return;
        }

        PolicyKernels.Tanh(outputs, action);
        BoxHead(action, ref noise, addNoise);
    }

    /// <summary>True for a continuous (tanh) head, false for a discrete (argmax) one.</summary>
    internal bool HasBoxHead => _actionMid is not null;

    /// <summary>
    /// The continuous head after its tanh: <paramref name="action"/> holds tanh of the outputs and
    /// receives the action. <see cref="LockstepPolicy"/> applies the tanh to all lanes at once (an
    /// element-wise kernel, so the same bits) and calls this per lane.
    /// </summary>
    internal void BoxHead(Span<float> action, ref Rng noise, bool addNoise)
    {
        MapToBox(action);
        if (addNoise && Spec.ActionNoiseStd > 0f) AddActionNoise(action, ref noise);
    }

    /// <summary>
    /// <see cref="BoxHead"/> for lanes 0 to <paramref name="lanes"/> − 1 at once:
    /// <paramref name="squashed"/> holds the tanh of every lane's outputs as
    /// <c>[component][<paramref name="stride"/>]</c>, and lane <c>k</c>'s action goes to
    /// <c>actions[k·ActionSize …]</c>. A one-component box is mapped and clipped in vectors across
    /// lanes with <see cref="Clip"/>'s comparisons (a select on <c>v &lt; low</c>, then on
    /// <c>v &gt; high</c>: NaN and −0 pass as they do there), other lanes and boxes by
    /// <see cref="MapToBox"/>; then each lane's action noise, from its own stream, as in <see cref="BoxHead"/>.
    /// </summary>
    internal void BoxHeadLanes(ReadOnlySpan<float> squashed, int stride, int lanes, Span<float> actions, Span<Rng> noise, ReadOnlySpan<bool> addNoise)
    {
        int size = _actionLow!.Length;
        if (squashed.Length < (size - 1) * stride + lanes || actions.Length < lanes * size)
            throw new ArgumentException($"the buffers hold fewer than {lanes} lanes of {size} components.", nameof(actions));
        int k = 0;
        if (size == 1 && Vector256.IsHardwareAccelerated)
        {
            var m = Vector256.Create(_actionMid![0]);
            var h = Vector256.Create(_actionHalfRange![0]);
            var lo = Vector256.Create(_actionLow[0]);
            var hi = Vector256.Create(_actionHigh![0]);
            for (; k + 8 <= lanes; k += 8)
            {
                var v = m + h * Vector256.Create(squashed.Slice(k, 8));
                v = VectorClamp.Clamp(v, lo, hi);
                v.CopyTo(actions.Slice(k, 8));
            }
        }
        for (; k < lanes; k++)
        {
            Span<float> action = actions.Slice(k * size, size);
            for (int j = 0; j < size; j++) action[j] = squashed[j * stride + k];
            MapToBox(action);
        }
        if (Spec.ActionNoiseStd <= 0f) return;
        for (k = 0; k < lanes; k++)
            if (addNoise[k]) AddActionNoise(actions.Slice(k * size, size), ref noise[k]);
    }

    // tanh outputs onto the box, clipped: mid + half·a, then Clip.
    private void MapToBox(Span<float> action)
    {
        float[] low = _actionLow!, high = _actionHigh!, mid = _actionMid!, half = _actionHalfRange!;
        for (int j = 0; j < action.Length; j++) action[j] = Clip(mid[j] + half[j] * action[j], low[j], high[j]);
    }

    // Gaussian exploration noise on a mapped action, clipped again, one draw per component in order.
    private void AddActionNoise(Span<float> action, ref Rng noise)
    {
        float[] low = _actionLow!, high = _actionHigh!;
        double std = Spec.ActionNoiseStd;
        for (int j = 0; j < action.Length; j++) action[j] = Clip(action[j] + (float)(std * Ziggurat.Next(ref noise)), low[j], high[j]);
    }

    /// <summary>Computes the action without exploration noise (evaluation episodes).</summary>
    /// <exception cref="ArgumentException">A buffer has the wrong length.</exception>
    public void Act(ReadOnlySpan<float> parameters, ReadOnlySpan<float> observation, Span<float> action)
    {
        var unused = default(Rng);
        Act(parameters, observation, action, ref unused, addNoise: false);
    }

    /// <summary>Raw network outputs (logits, or pre-tanh values for a box); the span is scratch, valid until the next call.</summary>
    internal ReadOnlySpan<float> Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> observation)
    {
        if (_conv is not null) return _conv.Forward(parameters, observation);
        ReadOnlySpan<float> input = observation;
        int offset = 0;
        if (_cell is not null)
        {
            _cell.Step(parameters[..(int)_cell.ParameterCount], observation);
            input = _cell.Hidden;
            offset = (int)_cell.ParameterCount;
        }
        int last = _layerSizes.Length - 2;
        for (int l = 0; l <= last; l++)
        {
            int inputs = _layerSizes[l], outputs = _layerSizes[l + 1];
            Span<float> output = ((l & 1) == 0 ? _bufferA : _bufferB).Span[..outputs];
            ReadOnlySpan<float> weights = parameters.Slice(offset, inputs * outputs);
            ReadOnlySpan<float> bias = parameters.Slice(offset + inputs * outputs, outputs);
            PolicyKernels.Affine(input, weights, bias, output);
            if (l < last)
            {
                if (Spec.Activation == Activation.Tanh) PolicyKernels.Tanh(output, output);
                else PolicyKernels.Relu(output, output);
            }
            offset += inputs * outputs + outputs;
            input = output;
        }
        return input;
    }

    private static float Clip(float value, float low, float high) => value < low ? low : value > high ? high : value;

    private void CheckParameters(int length, string name)
    {
        if (length != ParameterCount)
            throw new ArgumentException($"Parameter vector has {length} values; the policy has {ParameterCount}.", name);
    }

    private static void ValidateSpec(PolicySpec spec)
    {
        const string name = nameof(spec);
        ArgumentNullException.ThrowIfNull(spec.HiddenSizes, name);
        if (!Enum.IsDefined(spec.Kind)) throw new ArgumentException($"Unknown policy kind {spec.Kind}.", name);
        if (!Enum.IsDefined(spec.Activation)) throw new ArgumentException($"Unknown activation {spec.Activation}.", name);
        if (spec.Kind == PolicyKind.Linear && spec.HiddenSizes.Length != 0)
            throw new ArgumentException("A linear policy has no hidden layers.", name);
        if (spec.Kind == PolicyKind.Conv ? spec.ConvLayers.Length == 0 : spec.ConvLayers.Length != 0)
            throw new ArgumentException(spec.Kind == PolicyKind.Conv ? "A convolutional policy needs at least one conv layer." : $"A {spec.Kind} policy has no conv layers.", name);
        if (spec.VirtualBatchNorm && spec.Kind != PolicyKind.Conv)
            throw new ArgumentException("Virtual batch normalization is for convolutional policies.", name);
        foreach (ConvLayer layer in spec.ConvLayers)
            if (layer.Channels < 1 || layer.Kernel < 1 || layer.Stride < 1)
                throw new ArgumentException($"Conv layer {layer} needs positive channels, kernel and stride.", name);
        if (spec.Kind == PolicyKind.Mlp && spec.HiddenSizes.Length == 0)
            throw new ArgumentException("An MLP policy needs at least one hidden layer.", name);
        if (spec.IsRecurrent && spec.HiddenSizes.Length != 0)
            throw new ArgumentException("A recurrent policy has a cell and a linear head, no hidden layers.", name);
        if (spec.IsRecurrent != (spec.CellSize != 0))
            throw new ArgumentException(spec.IsRecurrent ? "A recurrent policy needs a cell size." : $"A {spec.Kind} policy has no recurrent cell (cell size {spec.CellSize}).", name);
        if (spec.CellSize < 0)
            throw new ArgumentException($"Cell size {spec.CellSize} is not positive.", name);
        foreach (int size in spec.HiddenSizes)
            if (size < 1) throw new ArgumentException($"Hidden layer width {size} is not positive.", name);
        if (!float.IsFinite(spec.ActionNoiseStd) || spec.ActionNoiseStd < 0f)
            throw new ArgumentException($"Action noise std {spec.ActionNoiseStd} must be finite and non-negative.", name);
        if (!float.IsFinite(spec.InitOutputStd) || !(spec.InitOutputStd > 0f))
            throw new ArgumentException($"Initial output std {spec.InitOutputStd} must be finite and positive.", name);
    }
}
