// The registry of environments by id: the one place that maps an id in a configuration to a fresh instance.
namespace Es.Core.Environments;

/// <summary>Looks environments up by their Gymnasium-style id.</summary>
/// <remarks>
/// Every <see cref="Create(string)"/> returns a new instance, because environments are not
/// thread-safe and each evaluator steps its own.
/// </remarks>
public static class EnvironmentRegistry
{
    private static readonly SortedDictionary<string, Func<IStatefulEnvironment>> Factories = new(StringComparer.Ordinal)
    {
        [CartPoleEnvironment.EnvironmentId] = () => new CartPoleEnvironment(),
        [MountainCarEnvironment.EnvironmentId] = () => new MountainCarEnvironment(),
        [MountainCarContinuousEnvironment.EnvironmentId] = () => new MountainCarContinuousEnvironment(),
        [PendulumEnvironment.EnvironmentId] = () => new PendulumEnvironment(),
        [AcrobotEnvironment.EnvironmentId] = () => new AcrobotEnvironment(),
        [ArmEnvironment.EnvironmentId] = () => new ArmEnvironment(),
    };

    private static readonly string[] SortedIds = Factories.Keys.ToArray();

    /// <summary>Every registered id, sorted.</summary>
    public static IReadOnlyList<string> Ids => SortedIds;

    /// <summary>True when <paramref name="id"/> names a registered environment.</summary>
    public static bool Contains(string id) => id is not null && Factories.ContainsKey(id);

    /// <summary>A fresh instance of the environment <paramref name="id"/> (the arm with its default options).</summary>
    /// <exception cref="ArgumentException">The id is unknown; the message lists the known ids and a near miss.</exception>
    public static IStatefulEnvironment Create(string id)
    {
        if (id is not null && Factories.TryGetValue(id, out var factory))
            return factory();
        throw UnknownId(id);
    }

    /// <summary>A fresh arm built with <paramref name="options"/> (id <see cref="ArmEnvironment.EnvironmentId"/>).</summary>
    /// <exception cref="ArgumentException">An option cannot make a working arm.</exception>
    public static ArmEnvironment CreateArm(ArmOptions options) => new(options);

    /// <summary>
    /// A fresh instance of <paramref name="id"/>, where <paramref name="armOptions"/> configures the arm;
    /// lets a caller pass arm settings without special-casing the id.
    /// </summary>
    /// <exception cref="ArgumentException">The id is unknown, or options were given for an environment other than the arm.</exception>
    public static IStatefulEnvironment Create(string id, ArmOptions? armOptions)
    {
        if (armOptions is null)
            return Create(id);
        if (!string.Equals(id, ArmEnvironment.EnvironmentId, StringComparison.Ordinal))
        {
            if (!Contains(id))
                throw UnknownId(id);
            throw new ArgumentException($"ArmOptions apply only to '{ArmEnvironment.EnvironmentId}', not to '{id}'.", nameof(armOptions));
        }

        return new ArmEnvironment(armOptions);
    }

    /// <summary>The spec (spaces and step limit) of <paramref name="id"/>, for sizing a policy before any environment runs.</summary>
    /// <exception cref="ArgumentException">The id is unknown.</exception>
    public static EnvironmentSpec GetSpec(string id) => Create(id).Spec;

    private static ArgumentException UnknownId(string? id)
    {
        string known = string.Join(", ", SortedIds);
        string? suggestion = NearestId(id ?? string.Empty);
        string hint = suggestion is null ? string.Empty : $" did you mean '{suggestion}'?";
        return new ArgumentException($"unknown environment '{id}';{hint} Known: {known}.", nameof(id));
    }

    /// <summary>The known id closest to <paramref name="id"/> in case-insensitive edit distance, when close enough to be a typo.</summary>
    private static string? NearestId(string id)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string candidate in SortedIds)
        {
            int d = EditDistance(id.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (d < bestDistance)
            {
                bestDistance = d;
                best = candidate;
            }
        }

        // A third of the longer name is a generous typo bound that still rejects unrelated names.
        return best is not null && bestDistance <= Math.Max(2, Math.Max(id.Length, best.Length) / 3) ? best : null;
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
