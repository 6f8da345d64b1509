// LibmSinCos must give Math.SinCos's bits for every angle, and be vectorized where glibc 2.36's FMA code runs.
namespace Es.Core.Tests.Numerics;

using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using Es.Core.Numerics;

public sealed class LibmSinCosTests
{
    [Fact]
    public void SinCos_OnGlibc236WithFma_IsVectorized()
    {
        // The machines this project builds and measures on: if the table is not found or the
        // self-check fails there, the lanes silently lose their fast path, so say it.
        if (!OperatingSystem.IsLinux() || !Fma.IsSupported || !Avx2.IsSupported || GlibcVersion() != "2.36") return;
        Assert.True(LibmSinCos.IsVectorized, LibmSinCos.Unavailable);
        Assert.Null(LibmSinCos.Unavailable);
    }

    [Fact]
    public void SinCos_OnTheSelfCheckAngles_GivesTheBitsOfMathSinCos() => AssertSameBits(LibmSinCos.CheckAngles());

    [Fact]
    public void SinCos_OnRandomAnglesOfEveryRange_GivesTheBitsOfMathSinCos()
    {
        var random = new System.Random(20261203);
        var angles = new double[1_200_000];
        int n = 0;
        for (int i = 0; i < 500_000; i++) angles[n++] = (random.NextDouble() * 2 - 1) * 0.9;   // the table and Taylor paths
        for (int i = 0; i < 200_000; i++) angles[n++] = (random.NextDouble() * 2 - 1) * 0.25;  // CartPole's θ
        for (int i = 0; i < 200_000; i++) angles[n++] = (random.NextDouble() * 2 - 1) * 30;    // mostly libm's own paths
        for (int i = 0; i < 200_000; i++)
        {
            // Random bit patterns with exponents 2^-1074 … 2^1: subnormals, tiny and small angles.
            long bits = random.NextInt64(0, 0x3ff0_0000_0000_0000L + (1L << 52));
            angles[n++] = BitConverter.Int64BitsToDouble(random.Next(2) == 0 ? bits : bits | long.MinValue);
        }
        for (int i = 0; i < 100_000; i++) angles[n++] = BitConverter.Int64BitsToDouble(random.NextInt64(long.MinValue, long.MaxValue));
        AssertSameBits(angles);
        // In spans of 12, so that each angle also goes through the four-lane pass (8 + 4) where
        // the CPU runs eight lanes a pass.
        AssertSameBits(angles, slice: 12);
    }

    [Fact]
    public void SinCos_OnSpecialValuesAndEveryTailLength_GivesTheBitsOfMathSinCos()
    {
        double[] special = [double.NaN, 0.5, double.PositiveInfinity, -0.0, double.NegativeInfinity, 0.85546875, -0.126, double.Epsilon, 1e300, 3.0, -2.5, 0.0];
        for (int length = 0; length <= special.Length; length++) AssertSameBits(special[..length]);
    }

    [Fact]
    public void SinCos_WithShortOutputs_Throws()
    {
        Assert.Throws<ArgumentException>(() => LibmSinCos.SinCos(new double[5], new double[4], new double[5]));
        Assert.Throws<ArgumentException>(() => LibmSinCos.SinCos(new double[5], new double[5], new double[4]));
    }

    [Fact]
    public void Find_InBytesWithoutTheTable_ReturnsNull()
    {
        var bytes = new byte[1 << 16];
        new System.Random(1).NextBytes(bytes);
        Assert.Null(LibmSinCosTable.Find(bytes));
    }

    private static void AssertSameBits(double[] angles, int slice = int.MaxValue)
    {
        var sin = new double[angles.Length];
        var cos = new double[angles.Length];
        for (int start = 0; start < angles.Length; start += slice)
        {
            int length = Math.Min(slice, angles.Length - start);
            LibmSinCos.SinCos(angles.AsSpan(start, length), sin.AsSpan(start, length), cos.AsSpan(start, length));
        }
        for (int i = 0; i < angles.Length; i++)
        {
            (double s, double c) = Math.SinCos(angles[i]);
            if (BitConverter.DoubleToInt64Bits(s) != BitConverter.DoubleToInt64Bits(sin[i]) || BitConverter.DoubleToInt64Bits(c) != BitConverter.DoubleToInt64Bits(cos[i]))
                Assert.Fail($"x = {angles[i]:R} (0x{BitConverter.DoubleToInt64Bits(angles[i]):x16}): sin {sin[i]:R} against {s:R}, cos {cos[i]:R} against {c:R}");
        }
    }

    [DllImport("libc", EntryPoint = "gnu_get_libc_version")]
    private static extern IntPtr GnuGetLibcVersion();

    private static string? GlibcVersion()
    {
        try { return Marshal.PtrToStringAnsi(GnuGetLibcVersion()); }
        catch (DllNotFoundException) { return null; }
        catch (EntryPointNotFoundException) { return null; }
    }
}
