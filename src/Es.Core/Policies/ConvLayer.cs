// One convolutional layer of a conv policy: output channels, square kernel, stride.
namespace Es.Core.Policies;

/// <summary>A convolution with <paramref name="Channels"/> output channels, a <paramref name="Kernel"/>×<paramref name="Kernel"/> kernel and a stride, without padding ("valid").</summary>
/// <param name="Channels">Output channels (filters).</param>
/// <param name="Kernel">Kernel width and height.</param>
/// <param name="Stride">Step between two kernel positions, in both directions.</param>
public readonly record struct ConvLayer(int Channels, int Kernel, int Stride)
{
    /// <summary>Output rows (or columns) for <paramref name="input"/> input rows: (input − kernel) / stride + 1, or 0 when the kernel does not fit.</summary>
    public int OutputSize(int input) => input < Kernel || Stride < 1 ? 0 : (input - Kernel) / Stride + 1;

    /// <inheritdoc/>
    public override string ToString() => $"{Channels}x{Kernel}/{Stride}";
}
