// Settings read from a user's configuration, with the keys among them that the run would not read.
namespace Es.Core.Configuration;

/// <summary>What <see cref="SettingsLoader.Read"/> returns: the settings, and the settings without effect it did not refuse.</summary>
/// <param name="Settings">The validated settings.</param>
/// <param name="Unused">Keys the user set that these settings never read, in file order (empty when none).</param>
public sealed record LoadedSettings(EsSettings Settings, IReadOnlyList<UnusedSetting> Unused);
