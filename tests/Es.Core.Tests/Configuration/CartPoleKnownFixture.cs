// Makes reference.conf's default environment (CartPole-v1) known while the registry is still empty.
namespace Es.Core.Tests.Configuration;

using Es.Core.Configuration;

/// <summary>Extends the environment-id hook with CartPole-v1 for the settings tests, and restores it afterwards.</summary>
public sealed class CartPoleKnownFixture : IDisposable
{
    private readonly Func<string, bool> _previous;

    public CartPoleKnownFixture()
    {
        _previous = SettingsValidator.IsKnownEnvironment;
        var previous = _previous;
        SettingsValidator.IsKnownEnvironment = id => previous(id) || id == "CartPole-v1";
    }

    public void Dispose() => SettingsValidator.IsKnownEnvironment = _previous;
}
