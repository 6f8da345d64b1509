// Pins the configuration of a run's actor systems: the akka section of the run's file reaches Akka, over the project's defaults.
using Es.Actors.Evolution;
using Es.Actors.Hosting;
using Es.Core.Configuration;

namespace Es.Actors.Tests.Hosting;

public sealed class EsActorSystemTests
{
    [Fact]
    public async Task ASystem_Should_HaveTheProjectsSettings_UnderTheUsersAkkaKeys()
    {
        EsSettings settings = SettingsLoader.Parse("akka { loglevel = ERROR, made-up.key = 7 }", "user.conf");
        ActorSystem system = EsActorSystem.Create("es-config-test", settings);
        try
        {
            Assert.Equal("ERROR", system.Settings.LogLevel);
            Assert.Equal(7, system.Settings.Config.GetInt("akka.made-up.key"));
            Assert.True(system.Dispatchers.HasDispatcher(RolloutPool.DispatcherId));
            Assert.Equal(["Es.Actors.Hosting.StandardErrorLogger, Es.Actors"], system.Settings.Config.GetStringList("akka.loggers"));
        }
        finally
        {
            await system.Terminate();
        }
    }
}
