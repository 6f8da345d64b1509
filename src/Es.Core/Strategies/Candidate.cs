// One member of a generation's population, named compactly so it can travel as a few integers.
namespace Es.Core.Strategies;

/// <summary>
/// A candidate named by its task, a noise-table index and a sign. For OpenAI-ES it is
/// θ + Sign·σ·ε with ε the slice at <see cref="NoiseIndex"/>; other strategies give the three
/// numbers their own meaning (see <see cref="ICandidateSampler"/>), but every strategy keeps one
/// shape: the candidates of task j are (j, index, +1) and, when mirrored, (j, index, −1), so a
/// task travels as its noise index alone. The candidates of one <see cref="Pair"/> share an
/// environment seed.
/// </summary>
/// <param name="Pair">Index of the task (mirrored pair, or single candidate) within the generation.</param>
/// <param name="NoiseIndex">Start of ε in the shared noise table.</param>
/// <param name="Sign">+1 or −1.</param>
public readonly record struct Candidate(int Pair, int NoiseIndex, int Sign);
