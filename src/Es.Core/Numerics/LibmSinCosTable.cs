// Finds glibc's table of sines and cosines at k/128 in the libm this process has loaded, so that
// LibmSinCos can compute with the very numbers libm's sincos reads.
using System.Runtime.InteropServices;

namespace Es.Core.Numerics;

/// <summary>
/// glibc's double-precision <c>sin</c>, <c>cos</c> and <c>sincos</c> (the IBM Accurate Mathematical
/// Library) look up <c>sin(k/128)</c> and <c>cos(k/128)</c> as double-double pairs
/// <c>[sn, ssn, cs, ccs]</c> for <c>k = 0 … 109</c>. The high parts are the correctly rounded
/// values, but the low parts are not always the correctly rounded remainders (17 of the 110
/// entries of glibc 2.36's differ by an ulp from a 300-bit computation), so they cannot be
/// recomputed here: they are read from the loaded <c>libm.so</c> file itself.
/// </summary>
/// <remarks>
/// The table is found by content, not by address: its high parts are what this process's own
/// libm returns for <c>cos(k/128)</c> (and <c>sin(k/128)</c> where its table path runs), the
/// table's low part being below half an ulp. Nothing found, or a mismatch anywhere, gives
/// <see langword="null"/>; <see cref="LibmSinCos"/> then keeps calling libm per angle.
/// </remarks>
internal static class LibmSinCosTable
{
    /// <summary>Entries: <c>k/128</c> for k up to 109, the nearest to every angle below 0.85546875 = 109.5/128, where the table path ends.</summary>
    public const int Entries = 110;

    /// <summary>The table as <c>[sn, ssn, cs, ccs]</c> for <c>k = 0 … Entries − 1</c>, or <see langword="null"/> where it was not found.</summary>
    public static double[]? TryLoad()
    {
        try
        {
            string? path = LoadedLibm();
            return path is null ? null : Find(File.ReadAllBytes(path));
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    // The file mapped as libm.so.* in this process (Linux only; elsewhere null).
    private static string? LoadedLibm()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/proc/self/maps")) return null;
        // Make sure libm is loaded: the runtime calls it for Math.Cos.
        _ = Math.Cos(0.5);
        foreach (string line in File.ReadLines("/proc/self/maps"))
        {
            int slash = line.IndexOf('/');
            if (slash < 0) continue;
            string path = line[slash..];
            if (Path.GetFileName(path).StartsWith("libm.so", StringComparison.Ordinal)) return path;
        }
        return null;
    }

    internal static double[]? Find(byte[] file)
    {
        ReadOnlySpan<long> words = MemoryMarshal.Cast<byte, long>(file.AsSpan(0, file.Length & ~7));
        long cos1 = BitConverter.DoubleToInt64Bits(Math.Cos(1.0 / 128));
        long cos2 = BitConverter.DoubleToInt64Bits(Math.Cos(2.0 / 128));
        long one = BitConverter.DoubleToInt64Bits(1.0);
        // Entry 1's cosine, entry 2's four doubles later, and entry 0 = [0, 0, 1, 0] before it.
        for (int i = 6; i + 4 * Entries < words.Length; i++)
        {
            if (words[i] != cos1 || words[i + 4] != cos2 || words[i - 4] != one || words[i - 6] != 0) continue;
            int start = i - 6;
            var table = new double[4 * Entries];
            for (int j = 0; j < table.Length; j++) table[j] = BitConverter.Int64BitsToDouble(words[start + j]);
            if (Matches(table)) return table;
        }
        return null;
    }

    // Every high part as this libm computes it: cos(k/128) always takes the table path, sin(k/128)
    // from 0.126 on; the low parts must be below the high parts' half ulp.
    private static bool Matches(double[] table)
    {
        for (int k = 0; k < Entries; k++)
        {
            double x = k / 128.0;
            if (table[4 * k + 2] != Math.Cos(x)) return false;
            if (x >= 0.126 && table[4 * k] != Math.Sin(x)) return false;
            if (Math.Abs(table[4 * k + 1]) > Math.Abs(table[4 * k]) * 1.2e-16 || Math.Abs(table[4 * k + 3]) > table[4 * k + 2] * 1.2e-16) return false;
        }
        return true;
    }
}
