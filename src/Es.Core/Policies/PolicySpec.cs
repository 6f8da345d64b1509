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
        foreach (int size in HiddenSizes) hash.Add(size);
        return hash.ToHashCode();
    }

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        PolicyKind.Linear => $"Linear(noise={ActionNoiseStd}, init={InitOutputStd})",
        PolicyKind.Gru or PolicyKind.Lstm => $"{Kind}({CellSize}, noise={ActionNoiseStd}, init={InitOutputStd})",
        _ => $"Mlp([{string.Join(", ", HiddenSizes)}], {Activation}, noise={ActionNoiseStd}, init={InitOutputStd})",
    };
}
