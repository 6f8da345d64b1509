// The registry of environments by id (to be filled in by the environments work).
namespace Es.Core.Environments;

/// <summary>Looks environments up by their Gymnasium-style id.</summary>
public static class EnvironmentRegistry
{
    /// <summary>Every registered id, sorted.</summary>
    public static IReadOnlyList<string> Ids => Array.Empty<string>();

    /// <summary>True when <paramref name="id"/> names a registered environment.</summary>
    public static bool Contains(string id) => Ids.Contains(id, StringComparer.Ordinal);
}
