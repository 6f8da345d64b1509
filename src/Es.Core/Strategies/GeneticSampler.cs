// The sampler of the genetic algorithm: a child of two elite parents (uniform crossover) plus σ·ε, rebuilt from its task alone.
using Es.Core.Noise;
using Es.Core.Random;

namespace Es.Core.Strategies;

/// <summary>
/// Rebuilds the candidates of one <see cref="SimpleGA"/> generation. The parents and the
/// crossover mask of task j are drawn from a stream seeded by (run seed, generation, j), the
/// mutation is σ·ε with ε the task's noise slice, so a task travels as its noise index and every
/// node that holds the elites rebuilds the same child.
/// </summary>
public sealed class GeneticSampler : ICandidateSampler
{
    /// <summary>Domain of the parent-and-mask streams, apart from the noise-index streams.</summary>
    internal const ulong ParentDomain = 0x4741_5041_5245_4E54UL; // "GAPARENT"

    private readonly float[][] _elites;
    private readonly NoiseTable _noise;
    private readonly ulong _seed;
    private readonly float _sigma;
    private readonly bool _crossover;
    private readonly bool _elitism;

    /// <summary>Creates the sampler.</summary>
    /// <param name="generation">The generation it rebuilds.</param>
    /// <param name="elites">The elite parameter vectors, best first; the sampler keeps the arrays, so pass ones nobody modifies.</param>
    /// <param name="noise">The shared noise table.</param>
    /// <param name="seed">The run seed.</param>
    /// <param name="sigma">Mutation σ of this generation.</param>
    /// <param name="crossover">Uniform crossover between two parents.</param>
    /// <param name="elitism">Task 0 is the best elite, unmutated.</param>
    /// <exception cref="ArgumentException">No elite, or elites of different lengths.</exception>
    public GeneticSampler(long generation, float[][] elites, NoiseTable noise, ulong seed, float sigma, bool crossover, bool elitism)
    {
        if (elites.Length == 0) throw new ArgumentException("at least one elite is needed.", nameof(elites));
        if (elites.Any(e => e.Length != elites[0].Length)) throw new ArgumentException("elites differ in length.", nameof(elites));
        Generation = generation;
        _elites = (float[][])elites.Clone();
        _noise = noise;
        _seed = seed;
        _sigma = sigma;
        _crossover = crossover;
        _elitism = elitism;
    }

    /// <inheritdoc/>
    public long Generation { get; }

    /// <inheritdoc/>
    public int Dimension => _elites[0].Length;

    /// <inheritdoc/>
    public int CandidatesPerTask => 1;

    /// <inheritdoc/>
    /// <remarks>The best elite.</remarks>
    public ReadOnlySpan<float> Center => _elites[0];

    /// <inheritdoc/>
    public void Materialize(in Candidate candidate, Span<float> destination) =>
        Child(_elites, _noise, _seed, Generation, _sigma, _crossover, _elitism, candidate, destination);

    /// <summary>The parents (indices into the elites) of task <paramref name="task"/>: a pure function of (seed, generation, task, elite count).</summary>
    internal static (int A, int B) ParentsOf(ulong seed, long generation, int task, int eliteCount, bool crossover, out Rng rng)
    {
        rng = FitnessReplay.StreamOf(seed, ParentDomain, generation, task);
        int a = (int)rng.NextInt64(eliteCount);
        int b = crossover ? (int)rng.NextInt64(eliteCount) : a;
        return (a, b);
    }

    /// <summary>The formula every node uses: child = crossover(a, b) + σ·ε, or the best elite for task 0 under elitism.</summary>
    internal static void Child(float[][] elites, NoiseTable noise, ulong seed, long generation, float sigma, bool crossover, bool elitism, in Candidate candidate, Span<float> destination)
    {
        int n = elites[0].Length;
        if (destination.Length != n)
            throw new ArgumentException($"destination has {destination.Length} elements, θ has {n}.", nameof(destination));
        if (elitism && candidate.Pair == 0)
        {
            elites[0].CopyTo(destination);
            return;
        }
        (int ia, int ib) = ParentsOf(seed, generation, candidate.Pair, elites.Length, crossover, out Rng rng);
        float[] a = elites[ia];
        float[] b = elites[ib];
        ReadOnlySpan<float> eps = noise.Slice(candidate.NoiseIndex, n);
        float scale = candidate.Sign * sigma;
        if (!crossover || ia == ib)
        {
            for (int i = 0; i < n; i++)
            {
                float delta = scale * eps[i];
                destination[i] = a[i] + delta;
            }
            return;
        }
        // Uniform crossover, 64 genes per draw: gene i comes from b when its bit is set (a child of one parent twice draws no mask).
        ulong bits = 0;
        for (int i = 0; i < n; i++)
        {
            if ((i & 63) == 0) bits = rng.NextUInt64();
            float parent = ((bits >> (i & 63)) & 1) != 0 ? b[i] : a[i];
            float delta = scale * eps[i];
            destination[i] = parent + delta;
        }
    }
}
