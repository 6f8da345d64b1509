// The user-facing files in hocon/ that this command documents must load and validate.
using Es.Core.Configuration;

namespace Es.Node.Tests;

public class ConfigFilesTests
{
    [Fact]
    public void DefaultsConf_LoadsToTheReferenceDefaults()
    {
        EsSettings settings = SettingsLoader.Load(Path.Combine(TestFiles.RepositoryRoot(), "hocon", "defaults.conf"));
        Assert.Equal(EsSettings.Default.ToHocon(), settings.ToHocon());
    }

    [Fact]
    public void SingleProcessConf_Loads()
    {
        EsSettings settings = SettingsLoader.Load(Path.Combine(TestFiles.RepositoryRoot(), "hocon", "single-process.conf"));
        Assert.Equal("CartPole-v1", settings.Env.Id);
    }
}
