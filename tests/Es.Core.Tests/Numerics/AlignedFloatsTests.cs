// Pins AlignedFloats: its first float starts a 64-byte line, it holds exactly the length asked
// for, zeroed, and its span and start are the same memory.
using System.Runtime.CompilerServices;
using Es.Core.Numerics;

namespace Es.Core.Tests.Numerics;

public sealed class AlignedFloatsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(17)]
    [InlineData(4096)]
    public void Start_IsOnA64ByteBoundary_AndTheSpanHasTheLength(int length)
    {
        // Several at once, so that some land at every offset the allocator gives.
        for (int i = 0; i < 16; i++)
        {
            var buffer = new AlignedFloats(length);
            nint address = (nint)Unsafe.ByteOffset(ref Unsafe.NullRef<byte>(), ref Unsafe.As<float, byte>(ref buffer.Start));

            Assert.Equal(0, address % 64);
            Assert.Equal(length, buffer.Length);
            Assert.Equal(length, buffer.Span.Length);
            Assert.All(buffer.Span.ToArray(), v => Assert.Equal(0f, v));
        }
    }

    [Fact]
    public void SpanAndStart_AreTheSameMemory()
    {
        var buffer = new AlignedFloats(40);
        buffer.Span[0] = 1.5f;
        Unsafe.Add(ref buffer.Start, 39) = 2.5f;

        Assert.Equal(1.5f, buffer.Start);
        Assert.Equal(2.5f, buffer.Span[39]);
    }

    [Fact]
    public void NegativeLength_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new AlignedFloats(-1));
}
