// The painted landscape: values between cells, the pull back into the square, and refusal of what a page must not send.
using Es.Viz.Playground;

namespace Es.Viz.Tests.Playground;

public sealed class LandscapeTests
{
    [Fact]
    public void At_InterpolatesBetweenCellCentres()
    {
        // 4 × 4 with value = column index: cell centres at x = -0.75, -0.25, 0.25, 0.75.
        double[] values = Enumerable.Range(0, 16).Select(k => (double)(k % 4)).ToArray();
        var landscape = new Landscape(4, values);
        Assert.Equal(1.5, landscape.At(0, 0.3), 12);
        Assert.Equal(0.0, landscape.At(-0.75, 0), 12);
        Assert.Equal(3.0, landscape.At(0.9, 0), 12);
    }

    [Fact]
    public void At_OutsideTheSquare_FallsWithDistance()
    {
        Landscape flat = Landscape.Flat(8);
        Assert.Equal(0, flat.At(1, 1));
        Assert.Equal(-1, flat.At(1.5, 0), 12);
    }

    [Theory]
    [InlineData(2, 4)]
    [InlineData(8, 63)]
    [InlineData(8, -1)]
    public void Constructor_RefusesBadSizesAndNonFiniteValues(int size, int count)
    {
        double[] values = count < 0 ? Enumerable.Repeat(double.NaN, size * size).ToArray() : new double[count];
        Assert.Throws<ArgumentException>(() => new Landscape(size, values));
    }
}
