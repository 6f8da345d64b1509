// Typed es.policy: the architecture of the evolved policy.
namespace Es.Core.Configuration;
using Es.Core.Policies;

/// <summary>The policy network (<c>es.policy</c>).</summary>
/// <param name="Type">Architecture (<c>type</c>).</param>
/// <param name="Hidden">Hidden layer sizes, input side first; MLP only (<c>hidden</c>).</param>
/// <param name="Activation">Hidden layer activation (<c>activation</c>).</param>
/// <param name="ActionNoise">Std of Gaussian noise on continuous actions during training (<c>action-noise</c>).</param>
/// <param name="InitOutputStd">Normalized-column init std of the output layer (<c>init-output-std</c>).</param>
/// <param name="CellSize">Width of the recurrent cell; gru and lstm only (<c>cell-size</c>).</param>
/// <param name="Conv">The conv layers; conv only (<c>conv</c>); null means reference.conf's.</param>
public sealed record PolicySettings(PolicyKind Type, IReadOnlyList<int> Hidden, Activation Activation, double ActionNoise, double InitOutputStd, int CellSize = 32, ConvSettings? Conv = null)
{
    /// <summary>Compares lists by content, so settings read twice from the same text are equal.</summary>
    public bool Equals(PolicySettings? other) =>
        other is not null && Type == other.Type && Hidden.SequenceEqual(other.Hidden) && Activation == other.Activation
        && ActionNoise.Equals(other.ActionNoise) && InitOutputStd.Equals(other.InitOutputStd) && CellSize == other.CellSize && Equals(Conv, other.Conv);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Type, Hidden.Count, Activation, ActionNoise, InitOutputStd, CellSize);
}
