// The registry of environments by id: the one place that maps an id in a configuration to a fresh instance.
namespace Es.Core.Environments;

using Es.Core.Configuration;
using Es.Core.Text;

/// <summary>Looks environments up by their Gymnasium-style id.</summary>
/// <remarks>
/// Every <see cref="Create(string)"/> returns a new instance, because environments are not
/// thread-safe and each evaluator steps its own. The built-in environments are fixed; a library
/// outside Es.Core adds its own ids with <see cref="Register(EnvironmentProvider)"/> (the `es`
/// command registers the MuJoCo tasks this way), which keeps Es.Core free of native code.
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
        [MaskedEnvironment.CartPoleId] = MaskedEnvironment.CartPole,
        [MaskedEnvironment.PendulumId] = MaskedEnvironment.Pendulum,
        [CueMemoryEnvironment.EnvironmentId] = () => new CueMemoryEnvironment(),
        [BreakoutEnvironment.EnvironmentId] = () => new BreakoutEnvironment(),
        [InvadersEnvironment.EnvironmentId] = () => new InvadersEnvironment(),
        [FreewayEnvironment.EnvironmentId] = () => new FreewayEnvironment(),
    };

    private static readonly Lock ProvidersLock = new();

    // Replaced as a whole under the lock, read without it: readers see one consistent snapshot.
    private static volatile Dictionary<string, EnvironmentProvider> Providers = new(StringComparer.Ordinal);

    private static volatile string[] SortedIds = Factories.Keys.ToArray();

    /// <summary>Every registered id, sorted.</summary>
    public static IReadOnlyList<string> Ids => SortedIds;

    /// <summary>True when <paramref name="id"/> names a registered environment.</summary>
    public static bool Contains(string id) => id is not null && (Factories.ContainsKey(id) || Providers.ContainsKey(id));

    /// <summary>True for the environments built into Es.Core (cheap to build, no native code).</summary>
    public static bool IsBuiltIn(string id) => id is not null && Factories.ContainsKey(id);

    /// <summary>
    /// Adds an environment from outside Es.Core, or replaces one added before under the same id
    /// (registering twice is harmless). Call it at start-up, before settings are loaded.
    /// </summary>
    /// <exception cref="ArgumentException">The id is empty or names a built-in environment.</exception>
    public static void Register(EnvironmentProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        if (string.IsNullOrWhiteSpace(provider.Id))
            throw new ArgumentException("an environment id must not be empty.", nameof(provider));
        if (Factories.ContainsKey(provider.Id))
            throw new ArgumentException($"'{provider.Id}' is a built-in environment and cannot be replaced.", nameof(provider));
        lock (ProvidersLock)
        {
            var next = new Dictionary<string, EnvironmentProvider>(Providers, StringComparer.Ordinal) { [provider.Id] = provider };
            Providers = next;
            SortedIds = Factories.Keys.Concat(next.Keys).Order(StringComparer.Ordinal).ToArray();
        }
    }

    /// <summary>A fresh instance of the environment <paramref name="id"/> (the arm with its default options).</summary>
    /// <exception cref="ArgumentException">The id is unknown; the message lists the known ids and a near miss.</exception>
    public static IStatefulEnvironment Create(string id)
    {
        if (id is not null && Factories.TryGetValue(id, out var factory))
            return factory();
        if (id is not null && Providers.TryGetValue(id, out var provider))
            return provider.Create(null);
        throw UnknownId(id);
    }

    /// <summary>
    /// A fresh instance of the environment <paramref name="settings"/> name, built with them where the
    /// environment reads settings (registered providers); built-in ids use their defaults.
    /// </summary>
    /// <exception cref="ArgumentException">The id is unknown.</exception>
    public static IStatefulEnvironment Create(EnvSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Providers.TryGetValue(settings.Id, out var provider) ? provider.Create(settings) : Create(settings.Id);
    }

    /// <summary>The problem a registered provider finds with <paramref name="settings"/>, or null (always null for built-in ids).</summary>
    public static EnvironmentProblem? Check(EnvSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Providers.TryGetValue(settings.Id, out var provider) ? provider.Check?.Invoke(settings) : null;
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

    /// <summary>The known id closest to <paramref name="id"/>, when close enough to be a typo (a third of its length, at least 2 edits).</summary>
    private static string? NearestId(string id) => NearMiss.Best(id, SortedIds, Math.Max(2, id.Length / 3));
}
