// Settings tests share one static hook (SettingsValidator.IsKnownEnvironment), so they run as one serial collection.
namespace Es.Core.Tests.Configuration;

/// <summary>Serializes the tests that read or replace the environment-id hook.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SettingsCollection : ICollectionFixture<CartPoleKnownFixture>
{
    public const string Name = "Settings";
}
