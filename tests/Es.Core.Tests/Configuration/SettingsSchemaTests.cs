// Tests of the reference.conf schema: unknown keys under `es` are refused with near-miss suggestions.
namespace Es.Core.Tests.Configuration;

using Es.Core.Configuration;

public class SettingsSchemaTests
{
    [Theory]
    [InlineData("es.strategy.sigm = 0.1", "es.strategy.sigm", "es.strategy.sigma")]
    [InlineData("es.strategy.optimizer.learning_rate = 0.1", "es.strategy.optimizer.learning_rate", "es.strategy.optimizer.learning-rate")]
    [InlineData("es.stratgy.sigma = 0.1", "es.stratgy", "es.strategy")]
    [InlineData("es.run.sigma = 0.1", "es.run.sigma", "es.strategy.sigma")]
    [InlineData("es.policy.hiden = [1]", "es.policy.hiden", "es.policy.hidden")]
    [InlineData("es { normalisation { clip = 1 } }", "es.normalisation", "es.normalization")]
    public void Parse_UnknownKeyUnderEs_SuggestsNearMiss(string text, string key, string suggestion)
    {
        var e = Assert.Throws<ConfigException>(() => SettingsLoader.Parse(text, "user.conf"));
        Assert.Equal(key, e.Key);
        Assert.Equal("unknown key " + key + "; did you mean " + suggestion + "?", e.Reason);
    }

    [Fact]
    public void Parse_UnknownKey_PointsAtTheKey()
    {
        var e = Assert.Throws<ConfigException>(() => SettingsLoader.Parse("es {\n  strategy {\n    sigma = 0.1\n    sigm = 0.1\n  }\n}", "user.conf"));
        Assert.Equal("user.conf:4:5: es.strategy.sigm: unknown key es.strategy.sigm; did you mean es.strategy.sigma?", e.Message);
    }

    [Fact]
    public void Parse_UnknownKeyWithoutNearMiss_SaysSo()
    {
        var e = Assert.Throws<ConfigException>(() => SettingsLoader.Parse("es.completely-unrelated = 1", "user.conf"));
        Assert.Equal("es.completely-unrelated", e.Key);
        Assert.Contains("reference.conf defines no such setting", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_KeysOutsideEsAreNotChecked() =>
        Assert.Equal(EsSettings.Default, SettingsLoader.Parse("akka { actor.provider = cluster }\nmy.own.stuff = [1, 2]", "user.conf") with { Akka = EsSettings.Default.Akka });

    [Fact]
    public void Parse_ScalarWhereSectionExpected_IsRefused()
    {
        var e = Assert.Throws<ConfigException>(() => SettingsLoader.Parse("es.strategy.optimizer = adam", "user.conf"));
        Assert.Equal(("es.strategy.optimizer", 1), (e.Key, e.Line));
        Assert.Contains("expected an object", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SectionWhereValueExpected_IsRefused()
    {
        var e = Assert.Throws<ConfigException>(() => SettingsLoader.Parse("es.strategy.weight-decay { value = 1 }", "user.conf"));
        Assert.Equal("es.strategy.weight-decay", e.Key);
        Assert.Contains("expected a single value like the default null", e.Reason, StringComparison.Ordinal);
    }
}
