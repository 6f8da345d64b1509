// The network of a convolutional policy: valid convolutions over a pixel observation, dense layers, optional virtual batch normalization.
namespace Es.Core.Policies;

using Es.Core.Normalization;
using Es.Core.Random;

/// <summary>
/// Convolutions (im2col into <see cref="PolicyKernels.Affine"/>), then dense layers, over one flat
/// parameter vector; optionally with virtual batch normalization (VBN) of every conv and hidden
/// layer, its statistics taken over a fixed reference batch under the same parameters.
/// </summary>
/// <remarks>
/// <para>
/// Layout of θ, layer by layer from the input: a conv layer holds W as [in·k·k][out] (row index
/// <c>(c·k + dy)·k + dx</c> for input channel c and kernel offset (dy, dx); out = output
/// channels), then the bias [out], then with VBN γ [out]. A dense layer holds W [in][out], the
/// bias [out], then with VBN (hidden layers only) γ [out]. The output layer has no VBN.
/// </para>
/// <para>
/// The observation is read channel-major (channels × rows × columns); each conv layer writes
/// rows × columns × channels (channel-minor), which the next layer and the flattening read. Each
/// output element is one <see cref="PolicyKernels.Affine"/> sum over its patch in patch order,
/// so the result is the same bits on every machine (DESIGN.md rule 4).
/// </para>
/// <para>
/// VBN: pre-activation z (without the bias) is mapped to (z − μ)·(γ·s) + b, with μ and
/// s = 1/√(σ² + 1e-5) the mean and inverse standard deviation of z over the reference batch
/// (and, for a conv layer, over all positions), accumulated in double in a fixed order and
/// rounded once. <see cref="Prepare"/> computes them for the parameters of an episode.
/// </para>
/// </remarks>
internal sealed class ConvNetwork
{
    private const double VbnEpsilon = 1e-5;

    private readonly Layer[] _layers;
    private readonly bool _vbn;
    private readonly float[] _bufferA;
    private readonly float[] _bufferB;
    private readonly float[] _patch;
    private readonly float[] _zeros;
    private readonly Activation _activation;
    private float[]? _reference;
    private int _referenceCount;
    private bool _prepared;

    public ConvNetwork(PolicySpec spec, int[] shape, int outputs)
    {
        _vbn = spec.VirtualBatchNorm;
        _activation = spec.Activation;
        var layers = new List<Layer>();
        int channels = shape[0], rows = shape[1], columns = shape[2];
        long offset = 0;
        int widestPatch = 1, widest = 1;
        bool channelMajor = true;
        for (int l = 0; l < spec.ConvLayers.Length; l++)
        {
            ConvLayer c = spec.ConvLayers[l];
            int outRows = c.OutputSize(rows), outColumns = c.OutputSize(columns);
            if (outRows < 1 || outColumns < 1)
                throw new ArgumentException($"conv layer {l + 1} ({c}) does not fit its {rows}×{columns} input.", nameof(spec));
            var layer = new Layer(channels * c.Kernel * c.Kernel, c.Channels, offset, _vbn)
            {
                Conv = c, InChannels = channels, InRows = rows, InColumns = columns, OutRows = outRows, OutColumns = outColumns, ChannelMajorInput = channelMajor,
            };
            layers.Add(layer);
            offset += layer.ParameterCount;
            widestPatch = Math.Max(widestPatch, layer.Inputs);
            channels = c.Channels;
            rows = outRows;
            columns = outColumns;
            channelMajor = false;
            widest = Math.Max(widest, layer.OutputSize);
        }
        int inputs = channels * rows * columns;
        int[] dense = [.. spec.HiddenSizes, outputs];
        for (int l = 0; l < dense.Length; l++)
        {
            bool hidden = l + 1 < dense.Length;
            var layer = new Layer(inputs, dense[l], offset, _vbn && hidden);
            layers.Add(layer);
            offset += layer.ParameterCount;
            inputs = dense[l];
            widest = Math.Max(widest, dense[l]);
        }
        if (offset > Array.MaxLength) throw new ArgumentException($"the network would have {offset} parameters.", nameof(spec));
        _layers = [.. layers];
        ParameterCount = (int)offset;
        _bufferA = new float[widest];
        _bufferB = new float[widest];
        _patch = new float[widestPatch];
        _zeros = new float[_layers.Max(x => x.Outputs)];
    }

    public int ParameterCount { get; }

    /// <summary>Whether the network normalizes its layers with a reference batch.</summary>
    public bool UsesReferenceBatch => _vbn;

    /// <summary>Sets the reference batch (rows of raw observations, concatenated); VBN only.</summary>
    public void SetReferenceBatch(float[] observations, int observationSize)
    {
        if (observations.Length == 0 || observations.Length % observationSize != 0)
            throw new ArgumentException($"a reference batch of {observations.Length} values is not a whole number of {observationSize}-value observations.", nameof(observations));
        _reference = observations;
        _referenceCount = observations.Length / observationSize;
        _prepared = false;
    }

    /// <summary>Writes initial parameters: normalized columns (1 for hidden layers, <paramref name="outputStd"/> for the output), biases 0, γ 1.</summary>
    public void Initialize(Span<float> parameters, ref Rng rng, double outputStd)
    {
        for (int l = 0; l < _layers.Length; l++)
        {
            Layer layer = _layers[l];
            double std = l + 1 == _layers.Length ? outputStd : 1.0;
            var raw = new double[layer.Inputs * layer.Outputs];
            for (int k = 0; k < raw.Length; k++) raw[k] = rng.NextGaussian();
            Span<float> w = parameters.Slice((int)layer.Offset, raw.Length);
            for (int o = 0; o < layer.Outputs; o++)
            {
                double sumSquares = 0;
                for (int i = 0; i < layer.Inputs; i++) sumSquares += raw[i * layer.Outputs + o] * raw[i * layer.Outputs + o];
                double scale = std / Math.Sqrt(sumSquares);
                for (int i = 0; i < layer.Inputs; i++) w[i * layer.Outputs + o] = (float)(raw[i * layer.Outputs + o] * scale);
            }
            parameters.Slice((int)layer.Offset + raw.Length, layer.Outputs).Clear();
            if (layer.Normalized) parameters.Slice((int)layer.Offset + raw.Length + layer.Outputs, layer.Outputs).Fill(1f);
        }
    }

    /// <summary>
    /// Computes the VBN statistics of every normalized layer for <paramref name="parameters"/>, passing the
    /// reference batch (normalized by <paramref name="normalizer"/>, as the episode's observations will be)
    /// through the network. Nothing to do without VBN.
    /// </summary>
    /// <exception cref="InvalidOperationException">VBN is on and no reference batch was set.</exception>
    public void Prepare(ReadOnlySpan<float> parameters, ObservationNormalizer? normalizer)
    {
        if (!_vbn) return;
        float[] reference = _reference ?? throw new InvalidOperationException("a policy with virtual batch normalization needs its reference batch (TrainingSetup sets it).");
        int batch = _referenceCount, size = reference.Length / batch;
        int widest = Math.Max(size, _layers.Max(l => l.OutputSize));
        var current = new float[batch * widest];
        var next = new float[batch * widest];
        for (int b = 0; b < batch; b++)
        {
            Span<float> row = current.AsSpan(b * size, size);
            reference.AsSpan(b * size, size).CopyTo(row);
            if (normalizer is not null) normalizer.Normalize(row, row);
        }
        int inputSize = size;
        for (int l = 0; l < _layers.Length; l++)
        {
            Layer layer = _layers[l];
            int outSize = layer.OutputSize;
            for (int b = 0; b < batch; b++)
                PreActivation(layer, parameters, current.AsSpan(b * inputSize, inputSize), next.AsSpan(b * outSize, outSize), layer.Normalized);
            if (layer.Normalized)
            {
                int positions = outSize / layer.Outputs;
                for (int o = 0; o < layer.Outputs; o++)
                {
                    double sum = 0;
                    for (int b = 0; b < batch; b++)
                        for (int p = 0; p < positions; p++) sum += next[b * outSize + p * layer.Outputs + o];
                    double count = (double)batch * positions;
                    double mean = sum / count;
                    double squares = 0;
                    for (int b = 0; b < batch; b++)
                        for (int p = 0; p < positions; p++)
                        {
                            double d = next[b * outSize + p * layer.Outputs + o] - mean;
                            squares += d * d;
                        }
                    layer.Mean[o] = (float)mean;
                    layer.InverseStd[o] = (float)(1.0 / Math.Sqrt(squares / count + VbnEpsilon));
                }
            }
            layer.Prepare(parameters);
            if (l + 1 < _layers.Length)
            {
                for (int b = 0; b < batch; b++) Finish(layer, parameters, next.AsSpan(b * outSize, outSize));
            }
            (current, next) = (next, current);
            inputSize = outSize;
        }
        _prepared = true;
    }

    /// <summary>Raw outputs for one observation; the span is scratch.</summary>
    public ReadOnlySpan<float> Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> observation)
    {
        if (_vbn && !_prepared)
            throw new InvalidOperationException("call Policy.BeginEpisode before acting: virtual batch normalization needs the statistics of these parameters.");
        ReadOnlySpan<float> input = observation;
        for (int l = 0; l < _layers.Length; l++)
        {
            Layer layer = _layers[l];
            Span<float> output = ((l & 1) == 0 ? _bufferA : _bufferB).AsSpan(0, layer.OutputSize);
            PreActivation(layer, parameters, input, output, layer.Normalized);
            if (l + 1 < _layers.Length) Finish(layer, parameters, output);
            input = output;
        }
        return input;
    }

    // z = x·W (+ b unless the layer is normalized, which adds b after normalizing), for every position of a conv layer.
    private void PreActivation(Layer layer, ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> output, bool withoutBias)
    {
        ReadOnlySpan<float> weights = parameters.Slice((int)layer.Offset, layer.Inputs * layer.Outputs);
        ReadOnlySpan<float> bias = withoutBias ? _zeros.AsSpan(0, layer.Outputs) : parameters.Slice((int)layer.Offset + layer.Inputs * layer.Outputs, layer.Outputs);
        if (layer.Conv is null)
        {
            PolicyKernels.Affine(input, weights, bias, output);
            return;
        }
        Span<float> patch = _patch.AsSpan(0, layer.Inputs);
        int[] gather = layer.Gather;
        int positions = layer.OutRows * layer.OutColumns, size = layer.Inputs;
        for (int p = 0; p < positions; p++)
        {
            ReadOnlySpan<int> indices = gather.AsSpan(p * size, size);
            for (int j = 0; j < size; j++) patch[j] = input[indices[j]];
            PolicyKernels.Affine(patch, weights, bias, output.Slice(p * layer.Outputs, layer.Outputs));
        }
    }

    // VBN (when on) then the activation, in place.
    private void Finish(Layer layer, ReadOnlySpan<float> parameters, Span<float> values)
    {
        if (layer.Normalized)
        {
            ReadOnlySpan<float> bias = parameters.Slice((int)layer.Offset + layer.Inputs * layer.Outputs, layer.Outputs);
            float[] mean = layer.Mean, scale = layer.Scale;
            int outputs = layer.Outputs;
            for (int start = 0; start < values.Length; start += outputs)
                for (int o = 0; o < outputs; o++)
                    values[start + o] = (values[start + o] - mean[o]) * scale[o] + bias[o];
        }
        if (_activation == Activation.Tanh) PolicyKernels.Tanh(values, values);
        else PolicyKernels.Relu(values, values);
    }

    private sealed class Layer(int inputs, int outputs, long offset, bool normalized)
    {
        public int Inputs { get; } = inputs;

        public int Outputs { get; } = outputs;

        public long Offset { get; } = offset;

        public bool Normalized { get; } = normalized;

        public ConvLayer? Conv { get; init; }

        public int InChannels { get; init; }

        public int InRows { get; init; }

        public int InColumns { get; init; }

        public int OutRows { get; init; } = 1;

        public int OutColumns { get; init; } = 1;

        public bool ChannelMajorInput { get; init; }

        // im2col as an index table: entry p·Inputs + j is where patch element j of output position p
        // lies in the layer's input (element j = (c·k + dy)·k + dx). Built once, so a step only copies.
        public int[] Gather => _gather ??= BuildGather();

        private int[]? _gather;

        private int[] BuildGather()
        {
            ConvLayer c = Conv!.Value;
            int k = c.Kernel;
            var table = new int[OutRows * OutColumns * Inputs];
            int n = 0;
            for (int oy = 0; oy < OutRows; oy++)
                for (int ox = 0; ox < OutColumns; ox++)
                    for (int ch = 0; ch < InChannels; ch++)
                        for (int dy = 0; dy < k; dy++)
                            for (int dx = 0; dx < k; dx++)
                            {
                                int row = oy * c.Stride + dy, column = ox * c.Stride + dx;
                                table[n++] = ChannelMajorInput ? (ch * InRows + row) * InColumns + column : (row * InColumns + column) * InChannels + ch;
                            }
            return table;
        }

        public int OutputSize => OutRows * OutColumns * Outputs;

        public long ParameterCount => (long)Inputs * Outputs + Outputs + (Normalized ? Outputs : 0);

        public float[] Mean { get; } = new float[normalized ? outputs : 0];

        public float[] InverseStd { get; } = new float[normalized ? outputs : 0];

        public float[] Scale { get; } = new float[normalized ? outputs : 0];

        // scale = γ · s, one float product, fixed per episode.
        public void Prepare(ReadOnlySpan<float> parameters)
        {
            if (!Normalized) return;
            ReadOnlySpan<float> gamma = parameters.Slice((int)Offset + Inputs * Outputs + Outputs, Outputs);
            for (int o = 0; o < Outputs; o++) Scale[o] = gamma[o] * InverseStd[o];
        }
    }
}
