// Typed es.noise: the shared noise table.
namespace Es.Core.Configuration;

/// <summary>The shared noise table (<c>es.noise</c>).</summary>
/// <param name="Seed">Seed of the table (<c>seed</c>).</param>
/// <param name="Size">Number of float32 values (<c>size</c>; size suffixes such as 32M are accepted).</param>
public sealed record NoiseSettings(ulong Seed, int Size);
