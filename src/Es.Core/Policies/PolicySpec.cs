// The configuration of a policy network: its shape, nonlinearity and action noise.
namespace Es.Core.Policies;

/// <summary>
/// Describes a policy network independently of any environment; together with an
/// <see cref="Environments.EnvironmentSpec"/> it fixes the parameter layout of a <see cref="Policy"/>.
/// </summary>
/// <param name="Kind">Linear (no hidden layers), MLP, or a recurrent cell (GRU, LSTM).</param>
/// <param name="HiddenSizes">Widths of the hidden layers, input side first; empty for <see cref="PolicyKind.Linear"/>.</param>
/// <param name="Activation">Nonlinearity after each hidden layer.</param>
/// <param name="ActionNoiseStd">
/// Standard deviation of Gaussian noise added to continuous actions during training rollouts
/// (the starter's <c>ac_noise_std</c>); 0 for none. Discrete actions ignore it.
/// </param>
/// <param name="InitOutputStd">
/// Norm of each output unit's incoming weight vector at initialization. Small (0.01) so the
/// initial policy is nearly constant and perturbations dominate its behaviour, as in the starter.
/// </param>
/// <param name="CellSize">Width H of the recurrent cell (<see cref="PolicyKind.Gru"/>, <see cref="PolicyKind.Lstm"/>); 0 for the feed-forward kinds.</param>
public sealed record PolicySpec(PolicyKind Kind, int[] HiddenSizes, Activation Activation, float ActionNoiseStd, float InitOutputStd = 0.01f, int CellSize = 0)
{
    /// <summary>A recurrent policy: a GRU or LSTM cell of <paramref name="cellSize"/> units and a linear head.</summary>
    public static PolicySpec Recurrent(PolicyKind kind, int cellSize, float actionNoiseStd = 0f, float initOutputStd = 0.01f) =>
        new(kind, [], Activation.Tanh, actionNoiseStd, initOutputStd, cellSize);

    /// <summary>
    /// The convolutional layers of a <see cref="PolicyKind.Conv"/> policy, input side first; empty for
    /// the other kinds. <see cref="HiddenSizes"/> then gives the dense layers between the flattened
    /// last convolution and the output (possibly none).
    /// </summary>
    public ConvLayer[] ConvLayers { get; init; } = [];

    /// <summary>
    /// Virtual batch normalization (Salimans et al. 2016, used for Atari by Salimans et al. 2017) of
    /// every conv and hidden dense layer of a <see cref="PolicyKind.Conv"/> policy: each layer's
    /// pre-activations are normalized with the mean and variance they have over a fixed reference
    /// batch of observations under the same parameters, then scaled by γ and shifted by the bias.
    /// </summary>
    public bool VirtualBatchNorm { get; init; }

    /// <summary>A convolutional policy over pixel observations.</summary>
    public static PolicySpec Convolutional(ConvLayer[] layers, int[] hiddenSizes, bool virtualBatchNorm = false, Activation activation = Activation.Relu, float actionNoiseStd = 0f, float initOutputStd = 0.01f) =>
        new(PolicyKind.Conv, hiddenSizes, activation, actionNoiseStd, initOutputStd) { ConvLayers = layers, VirtualBatchNorm = virtualBatchNorm };

    /// <summary>True for the kinds that carry a state from one step to the next.</summary>
    public bool IsRecurrent => Kind is PolicyKind.Gru or PolicyKind.Lstm;

    /// <summary>A linear policy (the usual choice for MuJoCo-style tasks in ARS-like settings).</summary>
    public static PolicySpec Linear(float actionNoiseStd = 0f, float initOutputStd = 0.01f) =>
        new(PolicyKind.Linear, [], Activation.Tanh, actionNoiseStd, initOutputStd);

    /// <summary>An MLP with the given hidden widths (the starter used 64-64 tanh).</summary>
    public static PolicySpec Mlp(int[] hiddenSizes, Activation activation = Activation.Tanh, float actionNoiseStd = 0f, float initOutputStd = 0.01f) =>
        new(PolicyKind.Mlp, hiddenSizes, activation, actionNoiseStd, initOutputStd);

    /// <summary>Value equality, comparing hidden sizes element by element (records compare arrays by reference).</summary>
    public bool Equals(PolicySpec? other) =>
        other is not null
        && Kind == other.Kind
        && Activation == other.Activation
        && ActionNoiseStd.Equals(other.ActionNoiseStd)
        && InitOutputStd.Equals(other.InitOutputStd)
        && CellSize == other.CellSize
        && VirtualBatchNorm == other.VirtualBatchNorm
        && ConvLayers.AsSpan().SequenceEqual(other.ConvLayers)
        && HiddenSizes.AsSpan().SequenceEqual(other.HiddenSizes);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Kind);
        hash.Add(Activation);
        hash.Add(ActionNoiseStd);
        hash.Add(InitOutputStd);
        hash.Add(CellSize);
        hash.Add(VirtualBatchNorm);
        foreach (ConvLayer layer in ConvLayers) hash.Add(layer);
        foreach (int size in HiddenSizes) hash.Add(size);
        return hash.ToHashCode();
    }

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        PolicyKind.Linear => $"Linear(noise={ActionNoiseStd}, init={InitOutputStd})",
        PolicyKind.Gru or PolicyKind.Lstm => $"{Kind}({CellSize}, noise={ActionNoiseStd}, init={InitOutputStd})",
        PolicyKind.Conv => $"Conv([{string.Join(", ", ConvLayers)}], [{string.Join(", ", HiddenSizes)}], {Activation}{(VirtualBatchNorm ? ", vbn" : "")}, noise={ActionNoiseStd}, init={InitOutputStd})",
        _ => $"Mlp([{string.Join(", ", HiddenSizes)}], {Activation}, noise={ActionNoiseStd}, init={InitOutputStd})",
    };
}
