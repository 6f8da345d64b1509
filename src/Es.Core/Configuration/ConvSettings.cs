// Typed es.policy.conv: the convolutional layers of a conv policy and its virtual batch normalization.
namespace Es.Core.Configuration;

/// <summary>The conv layers (<c>es.policy.conv</c>), read by <c>es.policy.type = conv</c> only.</summary>
/// <param name="Channels">Output channels of each conv layer, input side first (<c>channels</c>).</param>
/// <param name="Kernels">Kernel size of each layer (<c>kernels</c>), as many as <paramref name="Channels"/>.</param>
/// <param name="Strides">Stride of each layer (<c>strides</c>), as many as <paramref name="Channels"/>.</param>
/// <param name="VirtualBatchNorm">Normalize every conv and hidden layer with a reference batch (<c>virtual-batch-norm</c>).</param>
/// <param name="ReferenceBatch">Observations in the reference batch (<c>reference-batch</c>); VBN only.</param>
public sealed record ConvSettings(IReadOnlyList<int> Channels, IReadOnlyList<int> Kernels, IReadOnlyList<int> Strides, bool VirtualBatchNorm, int ReferenceBatch)
{
    /// <summary>Compares lists by content.</summary>
    public bool Equals(ConvSettings? other) =>
        other is not null && Channels.SequenceEqual(other.Channels) && Kernels.SequenceEqual(other.Kernels) && Strides.SequenceEqual(other.Strides)
        && VirtualBatchNorm == other.VirtualBatchNorm && ReferenceBatch == other.ReferenceBatch;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Channels.Count, VirtualBatchNorm, ReferenceBatch);
}
