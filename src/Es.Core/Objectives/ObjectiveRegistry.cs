// The registry of test functions by id, mirroring the environment registry.
namespace Es.Core.Objectives;

/// <summary>Creates test functions by id, so a configuration can name one as it names an environment.</summary>
public static class ObjectiveRegistry
{
    /// <summary>Dimension used for sphere, rosenbrock and rastrigin when none is given.</summary>
    public const int DefaultDimension = 10;

    private static readonly string[] SortedIds =
        [QuadraticObjective.ObjectiveId, RastriginObjective.ObjectiveId, RosenbrockObjective.ObjectiveId, SphereObjective.ObjectiveId];

    /// <summary>Every registered id, sorted.</summary>
    public static IReadOnlyList<string> Ids { get; } = SortedIds.OrderBy(s => s, StringComparer.Ordinal).ToArray();

    /// <summary>True when <paramref name="id"/> names a registered objective.</summary>
    public static bool Contains(string id) => id is not null && Ids.Contains(id, StringComparer.Ordinal);

    /// <summary>A new objective.</summary>
    /// <param name="id">"sphere", "rosenbrock", "rastrigin" or "quadratic".</param>
    /// <param name="dimension">
    /// 0 for the default: 10, or for quadratic the optimum's length (3 with the default optimum).
    /// A quadratic with a dimension but no optimum cycles the default optimum [0.5, 0.1, −0.3] to that length.
    /// </param>
    /// <param name="optimum">The quadratic's optimum; refused for the other functions, whose minimizers are fixed.</param>
    /// <exception cref="ArgumentException">Unknown id, an optimum for a non-quadratic, or a dimension that disagrees with the optimum.</exception>
    public static IObjective Create(string id, int dimension = 0, double[]? optimum = null)
    {
        if (!Contains(id))
            throw new ArgumentException($"unknown objective '{id}'. Known: {string.Join(", ", Ids)}.", nameof(id));
        ArgumentOutOfRangeException.ThrowIfNegative(dimension);
        if (optimum is not null && id != QuadraticObjective.ObjectiveId)
            throw new ArgumentException($"objective '{id}' has a fixed minimizer; only '{QuadraticObjective.ObjectiveId}' takes an optimum.", nameof(optimum));

        int n = dimension == 0 ? DefaultDimension : dimension;
        switch (id)
        {
            case SphereObjective.ObjectiveId:
                return new SphereObjective(n);
            case RosenbrockObjective.ObjectiveId:
                return new RosenbrockObjective(n);
            case RastriginObjective.ObjectiveId:
                return new RastriginObjective(n);
            default:
                if (optimum is not null)
                {
                    if (dimension != 0 && dimension != optimum.Length)
                        throw new ArgumentException($"quadratic: dimension {dimension} but the optimum has {optimum.Length} values.", nameof(dimension));
                    return new QuadraticObjective(optimum);
                }

                if (dimension == 0)
                    return new QuadraticObjective();
                var cycled = new double[dimension];
                for (int i = 0; i < dimension; i++)
                    cycled[i] = QuadraticObjective.DefaultOptimum[i % QuadraticObjective.DefaultOptimum.Count];
                return new QuadraticObjective(cycled);
        }
    }
}
