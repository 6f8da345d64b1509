// A float buffer whose first element starts a 64-byte cache line, for kernels that read it with
// vectors as wide as a line.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Es.Core.Numerics;

/// <summary>
/// <see cref="Length"/> floats starting on a 64-byte boundary, so that 512-bit loads at multiples
/// of 16 floats never straddle two cache lines (a .NET array's elements start 16 bytes into the
/// object, at an address the allocator chooses).
/// </summary>
/// <remarks>
/// The array lives on the pinned object heap, so the garbage collector never moves it and the
/// alignment found once holds for the buffer's lifetime.
/// </remarks>
internal sealed class AlignedFloats
{
    private const int Alignment = 64;
    private readonly float[] _array;
    private readonly int _offset;

    /// <summary>Allocates <paramref name="length"/> zeroed floats.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is negative or does not fit an array with its padding.</exception>
    public AlignedFloats(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, Array.MaxLength - Alignment / sizeof(float));
        _array = GC.AllocateArray<float>(length + Alignment / sizeof(float), pinned: true);
        nint address = (nint)Unsafe.ByteOffset(ref Unsafe.NullRef<byte>(), ref Unsafe.As<float, byte>(ref MemoryMarshal.GetArrayDataReference(_array)));
        _offset = (int)((Alignment - address % Alignment) % Alignment) / sizeof(float);
        Length = length;
    }

    /// <summary>Number of floats.</summary>
    public int Length { get; }

    /// <summary>The floats.</summary>
    public Span<float> Span => _array.AsSpan(_offset, Length);

    /// <summary>The first float (on a 64-byte boundary).</summary>
    public ref float Start => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_array), _offset);
}
