// The deterministic forward-pass kernels: tanh accuracy and symmetry, and bit-identity of every vector path with scalar code.
using Es.Core.Policies;

namespace Es.Core.Tests.Policies;

public sealed class PolicyKernelsTests
{
    // (512, 256, 128) path choices: every width, alone and mixed, must give the scalar bits.
    public static TheoryData<bool, bool, bool> Paths => new()
    {
        { false, false, false },
        { false, false, true },
        { false, true, false },
        { false, true, true },
        { true, false, false },
        { true, true, true },
    };

    [Fact]
    public void Tanh_IsWithinOneUlpOfMathTanh_OverASweep()
    {
        int worst = 0;
        float worstAt = 0;
        foreach (float x in SweepValues())
        {
            int ulps = UlpDistance(PolicyKernels.Tanh(x), (float)Math.Tanh(x));
            if (ulps > worst)
            {
                worst = ulps;
                worstAt = x;
            }
        }

        Assert.True(worst <= 1, $"{worst} ulps at {worstAt:R}"); // the brief asks for 2
    }

    [Fact]
    public void Tanh_IsExactlyOdd()
    {
        foreach (float x in SweepValues())
            Assert.Equal(BitConverter.SingleToUInt32Bits(PolicyKernels.Tanh(x)) ^ 0x8000_0000u, BitConverter.SingleToUInt32Bits(PolicyKernels.Tanh(-x)));
    }

    [Theory]
    [InlineData(9.1f)]
    [InlineData(9.5f)]
    [InlineData(20f)]
    [InlineData(1e30f)]
    [InlineData(float.MaxValue)]
    [InlineData(float.PositiveInfinity)]
    public void Tanh_SaturatesToExactlyOne(float x)
    {
        Assert.Equal(1f, PolicyKernels.Tanh(x));
        Assert.Equal(-1f, PolicyKernels.Tanh(-x));
    }

    [Fact]
    public void Tanh_KeepsSignedZeroAndTinyValues_AndPropagatesNaN()
    {
        Assert.Equal(0u, BitConverter.SingleToUInt32Bits(PolicyKernels.Tanh(0f)));
        Assert.Equal(0x8000_0000u, BitConverter.SingleToUInt32Bits(PolicyKernels.Tanh(-0f)));
        Assert.Equal(1e-30f, PolicyKernels.Tanh(1e-30f));
        Assert.Equal(float.Epsilon, PolicyKernels.Tanh(float.Epsilon));
        Assert.True(float.IsNaN(PolicyKernels.Tanh(float.NaN)));
    }

    [Fact]
    public void Tanh_IsMonotonic()
    {
        float previous = -1f;
        for (float x = -10f; x <= 10f; x += 1e-3f)
        {
            float y = PolicyKernels.Tanh(x);
            Assert.True(y >= previous, $"tanh decreased at {x:R}");
            previous = y;
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void TanhVectorPaths_GiveTheScalarBits(bool use512, bool use256, bool use128)
    {
        float[] values = SweepValues().Concat([0f, -0f, 9.1f, -9.1f, float.PositiveInfinity, float.NegativeInfinity]).ToArray();
        var expected = values.Select(PolicyKernels.Tanh).ToArray();
        var actual = new float[values.Length];

        PolicyKernels.TanhCore(values, actual, use512, use256, use128);

        Assert.Equal(expected.Select(BitConverter.SingleToUInt32Bits), actual.Select(BitConverter.SingleToUInt32Bits));
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void TanhVectorPaths_GiveTheScalarBits_ForEveryLengthAndOffset(bool use512, bool use256, bool use128)
    {
        // Every block size and remainder (64, 32, 16, 8, the 4–7 tail through a buffer, scalar)
        // at every start: the values include NaN, ±0, ±∞, subnormals and the saturation point.
        float[] pool = [.. Enumerable.Range(0, 160).Select(i => (i - 80) * 0.19f), float.NaN, -0f, 0f, float.PositiveInfinity,
            float.NegativeInfinity, float.Epsilon, -1e-40f, 9.1f, -9.1f, 1e-30f, 20f, -0.001f];
        for (int length = 0; length <= 150; length++)
        {
            float[] values = pool.AsSpan(length % 23, length).ToArray();
            float[] actual = new float[length + 1];
            actual[length] = 42f;

            PolicyKernels.TanhCore(values, actual, use512, use256, use128);

            Assert.Equal(values.Select(v => BitConverter.SingleToUInt32Bits(PolicyKernels.Tanh(v))), actual[..length].Select(BitConverter.SingleToUInt32Bits));
            Assert.Equal(42f, actual[length]);
        }
    }

    [Fact]
    public void TanhSpan_WorksInPlace_AndChecksTheDestination()
    {
        float[] values = [-3f, -0.5f, 0f, 0.25f, 1f, 2f, 4f, 8f, 16f, 0.1f, 0.2f];
        var expected = values.Select(PolicyKernels.Tanh).ToArray();

        PolicyKernels.Tanh(values, values);

        Assert.Equal(expected, values);
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => PolicyKernels.Tanh(new float[3], new float[2])).ParamName);
    }

    [Fact]
    public void Relu_ZeroesNegatives_KeepsTheRest()
    {
        float[] values = [-2f, -0f, 0f, 1.5f, -1e-30f, 3f, -4f, 5f, 6f, -7f, 8f, 9f, -10f];

        var result = new float[values.Length];
        PolicyKernels.Relu(values, result);

        Assert.Equal(values.Select(v => v < 0f ? 0f : v), result);
        Assert.Equal(0x8000_0000u, BitConverter.SingleToUInt32Bits(result[1])); // −0 is not below 0
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => PolicyKernels.Relu(new float[3], new float[2])).ParamName);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void AffineVectorPaths_GiveTheSequentialScalarBits(bool use512, bool use256, bool use128)
    {
        var random = new System.Random(20230828);
        foreach (int inputs in new[] { 0, 1, 3, 4, 9, 64 })
        {
            foreach (int outputs in new[] { 1, 2, 3, 5, 8, 13, 16, 31, 33, 64, 70, 100 })
            {
                float[] x = RandomArray(random, inputs, 3f);
                float[] w = RandomArray(random, inputs * outputs, 1f);
                float[] b = RandomArray(random, outputs, 1f);
                var actual = new float[outputs];

                PolicyKernels.AffineCore(x, w, b, actual, use512, use256, use128);

                Assert.Equal(SequentialAffine(x, w, b), actual);
            }
        }
    }

    [Fact]
    public void Affine_MatchesAHandComputation()
    {
        float[] x = [1f, 2f];
        float[] w = [1f, 0f, -1f, 0.5f, 0.25f, 2f]; // [in = 2][out = 3]
        float[] b = [0.5f, -1f, 0f];
        var y = new float[3];

        PolicyKernels.Affine(x, w, b, y);

        Assert.Equal([0.5f + 1f + 1f, -1f + 0f + 0.5f, 0f - 1f + 4f], y);
    }

    [Fact]
    public void Affine_WithMismatchedLengths_Throws()
    {
        Assert.Equal("bias", Assert.Throws<ArgumentException>(() => PolicyKernels.Affine(new float[2], new float[6], new float[2], new float[3])).ParamName);
        Assert.Equal("weights", Assert.Throws<ArgumentException>(() => PolicyKernels.Affine(new float[2], new float[5], new float[3], new float[3])).ParamName);
    }

    private static float[] SequentialAffine(float[] x, float[] w, float[] b)
    {
        var y = new float[b.Length];
        for (int o = 0; o < b.Length; o++)
        {
            float s = b[o];
            for (int i = 0; i < x.Length; i++) s += x[i] * w[i * b.Length + o];
            y[o] = s;
        }
        return y;
    }

    private static float[] RandomArray(System.Random random, int length, float scale) =>
        Enumerable.Range(0, length).Select(_ => (float)((random.NextDouble() * 2 - 1) * scale)).ToArray();

    // Dense near 0 and around every region the algorithm treats differently (k = 0, k ≥ 1,
    // saturation), plus a stride through all positive floats below 10.
    private static IEnumerable<float> SweepValues()
    {
        for (float x = 0f; x < 10f; x += 1.0e-4f) yield return x;
        for (float x = 1e-10f; x < 1f; x *= 1.0001f) yield return x;
        for (uint bits = 0; bits < BitConverter.SingleToUInt32Bits(10f); bits += 4099) yield return BitConverter.UInt32BitsToSingle(bits);
    }

    private static int UlpDistance(float a, float b)
    {
        int ia = BitConverter.SingleToInt32Bits(a), ib = BitConverter.SingleToInt32Bits(b);
        if (ia < 0) ia = int.MinValue - ia;
        if (ib < 0) ib = int.MinValue - ib;
        return Math.Abs(ia - ib);
    }
}
