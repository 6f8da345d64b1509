// The GRU and LSTM cells of a recurrent policy: fixed-order arithmetic over a slice of θ, with the state they carry between steps.
namespace Es.Core.Policies;

using Es.Core.Random;

/// <summary>
/// One recurrent layer (GRU or LSTM, PyTorch's equations and parameter order) that a
/// <see cref="Policy"/> runs between the observation and its linear head, and the hidden state it
/// carries from one step of an episode to the next.
/// </summary>
/// <remarks>
/// <para>
/// Parameter layout (within θ, from <c>offset</c>): input weights W_x as [in][G·H] (row <c>i</c>
/// holds the weights leaving input <c>i</c>, like every layer of <see cref="Policy"/>), their bias
/// b_x [G·H], recurrent weights W_h as [H][G·H], their bias b_h [G·H]; G = 3 gates for a GRU (reset
/// r, update z, candidate n) and 4 for an LSTM (input i, forget f, cell g, output o), H the cell size.
/// </para>
/// <para>
/// GRU: r = σ(x_r + h_r), z = σ(x_z + h_z), n = tanh(x_n + r·h_n), h′ = (1 − z)·n + z·h.
/// LSTM: i, f, o = σ(x + h), g = tanh(x_g + h_g), c′ = f·c + i·g, h′ = o·tanh(c′);
/// where x_• = b_x + x·W_x and h_• = b_h + h·W_h. σ(v) is computed as 0.5 + 0.5·tanh(0.5·v) with
/// <see cref="PolicyKernels.Tanh(float)"/>, and every other operation is one IEEE float operation in
/// a fixed order, so the cell gives the same bits on every machine (DESIGN.md rule 4).
/// </para>
/// </remarks>
internal sealed class RecurrentCell
{
    /// <summary>
    /// Initial bias of the gate that keeps the state (the LSTM's forget gate, the GRU's update gate):
    /// σ(3) ≈ 0.95, so a fresh cell still holds about a third of what it saw 20 steps before. With a
    /// bias of 0 that fraction is about 1e-6 and ES finds no trace of a remembered cue to climb from.
    /// </summary>
    internal const float MemoryBias = 3f;

    private readonly int _inputs;
    private readonly bool _lstm;
    private readonly float[] _gatesX;
    private readonly float[] _gatesH;
    private readonly float[] _hidden;
    private readonly float[] _cell;

    public RecurrentCell(PolicyKind kind, int inputs, int size)
    {
        _lstm = kind == PolicyKind.Lstm;
        _inputs = inputs;
        Size = size;
        Gates = _lstm ? 4 : 3;
        _gatesX = new float[Gates * size];
        _gatesH = new float[Gates * size];
        _hidden = new float[size];
        _cell = new float[_lstm ? size : 0];
    }

    /// <summary>H, the width of the hidden state.</summary>
    public int Size { get; }

    /// <summary>G: 3 for a GRU, 4 for an LSTM.</summary>
    public int Gates { get; }

    /// <summary>Parameters of the cell: G·H·(in + H + 2).</summary>
    public long ParameterCount => (long)Gates * Size * (_inputs + Size + 2);

    /// <summary>The hidden state h after the last step (the head's input).</summary>
    public ReadOnlySpan<float> Hidden => _hidden;

    /// <summary>Zeroes h (and c): the start of an episode.</summary>
    public void Reset()
    {
        Array.Clear(_hidden);
        Array.Clear(_cell);
    }

    /// <summary>
    /// Writes the initial cell parameters: W_x and W_h drawn N(0, 1) from <paramref name="rng"/> in
    /// storage order and each gate unit's incoming weights scaled to norm 1 (separately for W_x and W_h),
    /// biases 0 except the b_x of the gate that keeps the state (LSTM forget, GRU update), which starts
    /// at <see cref="MemoryBias"/> so that a fresh cell remembers (Jozefowicz et al. 2015 for the LSTM's
    /// forget gate; Tallec and Ollivier 2018 for gate biases as memory length).
    /// </summary>
    public void Initialize(Span<float> parameters, ref Rng rng)
    {
        int width = Gates * Size;
        int offset = 0;
        Normalized(parameters.Slice(offset, _inputs * width), _inputs, width, ref rng);
        offset += _inputs * width;
        Span<float> biasX = parameters.Slice(offset, width);
        biasX.Clear();
        biasX.Slice(Size, Size).Fill(MemoryBias); // the second gate: the LSTM's forget gate f, the GRU's update gate z
        offset += width;
        Normalized(parameters.Slice(offset, Size * width), Size, width, ref rng);
        offset += Size * width;
        parameters.Slice(offset, width).Clear();
    }

    /// <summary>Advances the state by one step on input <paramref name="x"/>, reading the cell's parameters from <paramref name="parameters"/>.</summary>
    public void Step(ReadOnlySpan<float> parameters, ReadOnlySpan<float> x)
    {
        int width = Gates * Size, h = Size;
        int offset = 0;
        PolicyKernels.Affine(x, parameters.Slice(offset, _inputs * width), parameters.Slice(offset + _inputs * width, width), _gatesX);
        offset += _inputs * width + width;
        PolicyKernels.Affine(_hidden, parameters.Slice(offset, h * width), parameters.Slice(offset + h * width, width), _gatesH);

        float[] gx = _gatesX, gh = _gatesH, state = _hidden;
        if (_lstm)
        {
            for (int j = 0; j < h; j++)
            {
                float i = Sigmoid(gx[j] + gh[j]);
                float f = Sigmoid(gx[h + j] + gh[h + j]);
                float g = PolicyKernels.Tanh(gx[2 * h + j] + gh[2 * h + j]);
                float o = Sigmoid(gx[3 * h + j] + gh[3 * h + j]);
                float c = f * _cell[j] + i * g;
                _cell[j] = c;
                state[j] = o * PolicyKernels.Tanh(c);
            }
            return;
        }
        for (int j = 0; j < h; j++)
        {
            float r = Sigmoid(gx[j] + gh[j]);
            float z = Sigmoid(gx[h + j] + gh[h + j]);
            float n = PolicyKernels.Tanh(gx[2 * h + j] + r * gh[2 * h + j]);
            state[j] = (1f - z) * n + z * state[j];
        }
    }

    private static float Sigmoid(float v) => 0.5f + 0.5f * PolicyKernels.Tanh(0.5f * v);

    private static void Normalized(Span<float> weights, int inputs, int outputs, ref Rng rng)
    {
        var raw = new double[inputs * outputs];
        for (int k = 0; k < raw.Length; k++) raw[k] = rng.NextGaussian();
        for (int o = 0; o < outputs; o++)
        {
            double sumSquares = 0;
            for (int i = 0; i < inputs; i++) sumSquares += raw[i * outputs + o] * raw[i * outputs + o];
            double scale = 1.0 / Math.Sqrt(sumSquares);
            for (int i = 0; i < inputs; i++) weights[i * outputs + o] = (float)(raw[i * outputs + o] * scale);
        }
    }
}
