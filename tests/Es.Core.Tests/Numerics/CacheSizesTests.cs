// Pins how CacheSizes reads CPUID's cache descriptions (the registers of real CPUs), which the
// lane count falls back to where a VM's sysfs lists no caches.
using Es.Core.Numerics;

namespace Es.Core.Tests.Numerics;

public sealed class CacheSizesTests
{
    // A 48 KiB, 12-way L1 data cache with 64 sets of 64-byte lines (Intel leaf 4 / AMD 0x8000001D):
    // EAX type 1 (data), level 1, self-initializing; EBX ways − 1 = 11, partitions − 1 = 0, line − 1 = 63.
    private const int L1DataEax = 0x121, L1DataEbx = (11 << 22) | 63, L1DataEcx = 63;

    // A 1 MiB, 16-way unified L2 with 1,024 sets of 64-byte lines: type 3, level 2.
    private const int L2Eax = 0x143, L2Ebx = (15 << 22) | 63, L2Ecx = 1023;

    // The L1 instruction cache (type 2) beside them: never taken for data.
    private const int L1CodeEax = 0x122;

    [Fact]
    public void DescribedCache_MultipliesWaysPartitionsLinesAndSets()
    {
        Assert.Equal(48 * 1024, CacheSizes.DescribedCache(L1DataEax, L1DataEbx, L1DataEcx, level: 1));
        Assert.Equal(1024 * 1024, CacheSizes.DescribedCache(L2Eax, L2Ebx, L2Ecx, level: 2));
    }

    [Fact]
    public void DescribedCache_SkipsOtherLevelsAndTheInstructionCache()
    {
        Assert.Null(CacheSizes.DescribedCache(L1DataEax, L1DataEbx, L1DataEcx, level: 2));
        Assert.Null(CacheSizes.DescribedCache(L2Eax, L2Ebx, L2Ecx, level: 1));
        Assert.Null(CacheSizes.DescribedCache(L1CodeEax, L1DataEbx, L1DataEcx, level: 1));
    }

    [Fact]
    public void AmdLegacyLeaves_GiveKibibytesFromTheHighBits()
    {
        // ECX of 0x80000005 and 0x80000006 on an AMD EPYC (family 26) VM whose 0x8000001D is empty.
        Assert.Equal(48 * 1024, CacheSizes.AmdLevel1DataBytes(0x300C0140));
        Assert.Equal(1024 * 1024, CacheSizes.Level2Bytes(0x04006140));
        Assert.Null(CacheSizes.AmdLevel1DataBytes(0));
        Assert.Null(CacheSizes.Level2Bytes(0));
    }

    [Fact]
    public void Sizes_ArePositiveWhateverTheMachineTells()
    {
        Assert.True(CacheSizes.Level1Data(32 * 1024) > 0);
        Assert.True(CacheSizes.Level2(512 * 1024) > 0);
    }
}
