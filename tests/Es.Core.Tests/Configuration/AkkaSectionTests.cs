// Pins how the `akka` section of a configuration file reaches the actor system: read by the strict parser, resolved, passed on as text, keys unchecked.
namespace Es.Core.Tests.Configuration;

using Es.Core.Configuration;

public sealed class AkkaSectionTests
{
    [Fact]
    public void Default_CarriesReferenceConfsAkkaSettings()
    {
        string akka = EsSettings.Default.Akka;
        Assert.StartsWith("akka {", akka, StringComparison.Ordinal);
        Assert.Contains("es-evaluator-dispatcher", akka, StringComparison.Ordinal);
        Assert.Contains("type = \"PinnedDispatcher\"", akka, StringComparison.Ordinal);
        Assert.Contains("loglevel = \"WARNING\"", akka, StringComparison.Ordinal);
    }

    [Fact]
    public void UserAkkaKeys_OverrideTheProjectsAndPassThroughUnchecked_WithSubstitutionsResolved()
    {
        EsSettings s = SettingsLoader.Parse("""
            level = INFO
            akka {
              loglevel = ${level}
              some-module.made-up-key = 5s
            }
            """, "user.conf");
        Assert.Contains("\nloglevel = \"INFO\"", s.Akka, StringComparison.Ordinal);
        Assert.DoesNotContain("\nloglevel = \"WARNING\"", s.Akka, StringComparison.Ordinal);
        Assert.Contains("made-up-key = \"5s\"", s.Akka, StringComparison.Ordinal);
        Assert.DoesNotContain("${", s.Akka, StringComparison.Ordinal);
        Assert.Contains("es-evaluator-dispatcher", s.Akka, StringComparison.Ordinal); // the project's keys stay underneath
    }

    [Fact]
    public void ASyntaxErrorInTheAkkaSection_IsRefusedWithItsFileAndLine()
    {
        var e = Assert.Throws<ConfigException>(() => SettingsLoader.Parse("es.run.seed = 2\nakka {\n  loglevel = INFO\n", "user.conf"));
        Assert.StartsWith("user.conf:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAkkaValueThatIsNotASection_IsRefused()
    {
        var e = Assert.Throws<ConfigException>(() => SettingsLoader.Parse("akka = 5", "user.conf"));
        Assert.Contains("akka", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheAkkaSection_IsNotWrittenWithTheRunsConfiguration() =>
        Assert.DoesNotContain("akka", SettingsLoader.Parse("akka.loglevel = DEBUG", "user.conf").ToHocon(), StringComparison.Ordinal);
}
