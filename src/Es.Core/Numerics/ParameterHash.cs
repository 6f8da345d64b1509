// Fingerprints of parameter vectors, so runs and replicas can be compared bit for bit.
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Es.Core.Numerics;

/// <summary>SHA-256 over the little-endian bytes of a float32 vector.</summary>
public static class ParameterHash
{
    /// <summary>Lower-case hex SHA-256 of θ's bytes (what <c>es inspect</c> prints).</summary>
    public static string Sha256Hex(ReadOnlySpan<float> parameters) =>
        Convert.ToHexStringLower(SHA256.HashData(MemoryMarshal.AsBytes(parameters)));

    /// <summary>The first 8 bytes of the SHA-256 as a number: the checksum a generation update carries.</summary>
    public static ulong Checksum(ReadOnlySpan<float> parameters)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(MemoryMarshal.AsBytes(parameters), hash);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(hash);
    }
}
