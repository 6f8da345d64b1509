// The core's L1 data and L2 cache sizes, which decide how many episodes run in lockstep.
using System.Globalization;
using System.Runtime.Intrinsics.X86;

namespace Es.Core.Numerics;

/// <summary>
/// Sizes of the caches of the core this process runs on, for choices that must fit them.
/// </summary>
/// <remarks>
/// Linux's sysfs (<c>/sys/devices/system/cpu/cpu0/cache</c>) first; where a VM leaves it empty,
/// the x86 CPUID leaves that describe caches (Intel's leaf 4, AMD's 0x8000001D where the
/// hypervisor passes topology extensions through, else AMD's 0x80000005 and 0x80000006, which
/// VMs keep); else the caller's fallback. A wrong size only changes speed, never results.
/// </remarks>
internal static class CacheSizes
{
    private static readonly Lazy<long?> L1Data = new(() => FromSysfs(1, "Data") ?? FromCpuId(1));

    private static readonly Lazy<long?> L2 = new(() => FromSysfs(2, "Unified") ?? FromCpuId(2));

    /// <summary>The L1 data cache in bytes, else <paramref name="fallback"/>.</summary>
    public static long Level1Data(long fallback) => L1Data.Value ?? fallback;

    /// <summary>The (unified) L2 cache in bytes, else <paramref name="fallback"/>.</summary>
    public static long Level2(long fallback) => L2.Value ?? fallback;

    // The cache of CPU 0 at `level` of `type` from sysfs (cache/indexN), or null.
    private static long? FromSysfs(int level, string type)
    {
        try
        {
            foreach (string index in Directory.EnumerateDirectories("/sys/devices/system/cpu/cpu0/cache", "index*"))
            {
                string Read(string name) => File.ReadAllText(Path.Combine(index, name)).Trim();
                if (Read("level") != level.ToString(CultureInfo.InvariantCulture) || Read("type") != type) continue;
                string text = Read("size");
                long scale = text.EndsWith('K') ? 1024 : text.EndsWith('M') ? 1024 * 1024 : 1;
                return long.TryParse(text.TrimEnd('K', 'M'), out long value) && value > 0 ? value * scale : null;
            }
            return null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private const int MaxExtendedLeaf = unchecked((int)0x80000000);
    private const int ExtendedFeatures = unchecked((int)0x80000001);
    private const int AmdCacheTopology = unchecked((int)0x8000001D);
    private const int AmdLevel1 = unchecked((int)0x80000005);
    private const int AmdLevel2 = unchecked((int)0x80000006);

    // Level 1's data cache or level 2's unified cache from CPUID, or null (not x86, or not told).
    private static long? FromCpuId(int level)
    {
        if (!X86Base.IsSupported) return null;
        (int maxBasic, int vendorB, int vendorC, int vendorD) = X86Base.CpuId(0, 0);
        bool amd = vendorB == 0x68747541 && vendorD == 0x69746E65 && vendorC == 0x444D4163; // "AuthenticAMD"
        int maxExtended = X86Base.CpuId(MaxExtendedLeaf, 0).Eax;
        bool topology = amd && maxExtended >= AmdCacheTopology && (X86Base.CpuId(ExtendedFeatures, 0).Ecx & (1 << 22)) != 0;
        int leaf = topology ? AmdCacheTopology : !amd && maxBasic >= 4 ? 4 : 0;
        if (leaf != 0)
        {
            for (int sub = 0; sub < 16; sub++)
            {
                (int eax, int ebx, int ecx, _) = X86Base.CpuId(leaf, sub);
                if ((eax & 0x1F) == 0) break;
                if (DescribedCache(eax, ebx, ecx, level) is long bytes) return bytes;
            }
        }
        if (level == 1 && amd && maxExtended >= AmdLevel1) return AmdLevel1DataBytes(X86Base.CpuId(AmdLevel1, 0).Ecx);
        if (level == 2 && maxExtended >= AmdLevel2) return Level2Bytes(X86Base.CpuId(AmdLevel2, 0).Ecx);
        return null;
    }

    /// <summary>
    /// The bytes of the cache one subleaf of CPUID leaf 4 (Intel) or 0x8000001D (AMD) describes,
    /// if it is level 1's data cache or level 2's unified cache and <paramref name="level"/>
    /// asks for it; else null.
    /// </summary>
    internal static long? DescribedCache(int eax, int ebx, int ecx, int level)
    {
        int type = eax & 0x1F, cacheLevel = (eax >> 5) & 0x7;
        if (cacheLevel != level || type != (level == 1 ? 1 : 3)) return null;
        long ways = ((ebx >> 22) & 0x3FF) + 1, partitions = ((ebx >> 12) & 0x3FF) + 1, line = (ebx & 0xFFF) + 1;
        long sets = (uint)ecx + 1L;
        return ways * partitions * line * sets;
    }

    /// <summary>Level 1's data cache from ECX of AMD's leaf 0x80000005 (KiB in bits 31–24), or null if zero.</summary>
    internal static long? AmdLevel1DataBytes(int ecx) => (uint)ecx >> 24 is var kib and > 0 ? kib * 1024L : null;

    /// <summary>Level 2's cache from ECX of leaf 0x80000006 (KiB in bits 31–16; AMD and Intel), or null if zero.</summary>
    internal static long? Level2Bytes(int ecx) => (uint)ecx >> 16 is var kib and > 0 ? kib * 1024L : null;
}
