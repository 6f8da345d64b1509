// Which family of policy network a run trains.
namespace Es.Core.Policies;

/// <summary>Shape family of a policy network.</summary>
public enum PolicyKind
{
    /// <summary>One affine layer from observation to outputs (no hidden layers).</summary>
    Linear,

    /// <summary>A multi-layer perceptron with the hidden sizes of <see cref="PolicySpec.HiddenSizes"/>.</summary>
    Mlp,

    /// <summary>A GRU cell of <see cref="PolicySpec.CellSize"/> units, then a linear head; its state is reset at each episode start.</summary>
    Gru,

    /// <summary>An LSTM cell of <see cref="PolicySpec.CellSize"/> units, then a linear head; its state is reset at each episode start.</summary>
    Lstm,

    /// <summary>Convolutions over a pixel observation (<see cref="PolicySpec.ConvLayers"/>), then dense layers (<see cref="PolicySpec.HiddenSizes"/>).</summary>
    Conv,
}
