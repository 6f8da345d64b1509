// One member of a generation's population, named compactly so it can travel as a few integers.
namespace Es.Core.Strategies;

/// <summary>
/// A candidate θ + Sign·σ·ε where ε is the noise-table slice starting at <see cref="NoiseIndex"/>.
/// The candidates of one <see cref="Pair"/> share an environment seed (mirrored sampling).
/// </summary>
/// <param name="Pair">Index of the task (mirrored pair, or single candidate) within the generation.</param>
/// <param name="NoiseIndex">Start of ε in the shared noise table.</param>
/// <param name="Sign">+1 or −1.</param>
public readonly record struct Candidate(int Pair, int NoiseIndex, int Sign);
