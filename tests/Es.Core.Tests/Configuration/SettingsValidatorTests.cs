// Tests that every validation rule refuses bad settings with the key, the place and the reason.
namespace Es.Core.Tests.Configuration;

using Es.Core.Configuration;

public class SettingsValidatorTests
{
    [Theory]
    [InlineData("es.strategy.sigma = 0", "es.strategy.sigma", "must be > 0 (got 0)")]
    [InlineData("es.strategy.sigma = -0.5", "es.strategy.sigma", "must be > 0 (got -0.5)")]
    [InlineData("es.strategy.population = -2", "es.strategy.population", "must be >= 0 (0 = the strategy's default) (got -2)")]
    [InlineData("es.strategy.population = 255", "es.strategy.population", "population 255 is odd but openai-es with mirrored sampling needs pairs")]
    [InlineData("es.strategy.optimizer.learning-rate = 0", "es.strategy.optimizer.learning-rate", "must be > 0 (got 0)")]
    [InlineData("es.strategy.optimizer.beta1 = 1", "es.strategy.optimizer.beta1", "must be in [0, 1) (got 1)")]
    [InlineData("es.strategy.optimizer.beta1 = -0.1", "es.strategy.optimizer.beta1", "must be in [0, 1) (got -0.1)")]
    [InlineData("es.strategy.optimizer.beta2 = 1.5", "es.strategy.optimizer.beta2", "must be in [0, 1) (got 1.5)")]
    [InlineData("es.strategy.optimizer.epsilon = 0", "es.strategy.optimizer.epsilon", "must be > 0 (got 0)")]
    [InlineData("es.strategy.optimizer.momentum = 1", "es.strategy.optimizer.momentum", "must be in [0, 1) (got 1)")]
    [InlineData("es.strategy.weight-decay = -0.001", "es.strategy.weight-decay", "must be >= 0 (got -0.001)")]
    [InlineData("es.strategy.episodes-per-candidate = 0", "es.strategy.episodes-per-candidate", "must be >= 1 (got 0)")]
    [InlineData("es.strategy.name = open-es", "es.strategy.name", "unknown value \"open-es\"; did you mean openai-es? (allowed: openai-es, pepg, snes, ars-v1, ars-v1t, ars-v2, ars-v2t, cma-es, simple-ga, simple-gaussian)")]
    [InlineData("es.noise.size = 0", "es.noise.size", "0 values is too small; the noise table needs at least 1000")]
    [InlineData("es.noise.size = 999", "es.noise.size", "999 values is too small; the noise table needs at least 1000")]
    [InlineData("es.noise.size = 4G", "es.noise.size", "values is too large")]
    [InlineData("es.noise.seed = -1", "es.noise.seed", "a seed must be >= 0 (got -1)")]
    [InlineData("es.run.seed = -3", "es.run.seed", "a seed must be >= 0 (got -3)")]
    [InlineData("es.policy.type = cnn", "es.policy.type", "unknown value \"cnn\" (allowed: linear, mlp, gru, lstm, conv)")]
    [InlineData("es.policy.activation = rel", "es.policy.activation", "unknown value \"rel\"; did you mean relu? (allowed: tanh, relu)")]
    [InlineData("es.strategy.fitness-shaping = ranks", "es.strategy.fitness-shaping", "(allowed: centered-ranks, z-score, raw)")]
    [InlineData("es.strategy.optimizer.type = adamw", "es.strategy.optimizer.type", "unknown value \"adamw\"; did you mean adam? (allowed: adam, sgd)")]
    [InlineData("es.policy.action-noise = -0.1", "es.policy.action-noise", "must be >= 0 (got -0.1)")]
    [InlineData("es.policy.init-output-std = -1", "es.policy.init-output-std", "must be >= 0 (got -1)")]
    [InlineData("es.run.max-generations = -1", "es.run.max-generations", "must be >= 0 (0 = no limit) (got -1)")]
    [InlineData("es.run.max-timesteps = -10", "es.run.max-timesteps", "must be >= 0 (0 = no limit) (got -10)")]
    [InlineData("es.run.goal-consecutive = 0", "es.run.goal-consecutive", "must be >= 1 (got 0)")]
    [InlineData("es.env.max-episode-steps = -5", "es.env.max-episode-steps", "must be >= 0 (0 = the environment's own limit) (got -5)")]
    [InlineData("es.env.dimension = -2", "es.env.dimension", "must be >= 0 (0 = the function's default) (got -2)")]
    [InlineData("es.env.arm.links = 0", "es.env.arm.links", "must be >= 1 (got 0)")]
    [InlineData("es.env.arm.link-lengths = [1, 2, 3]", "es.env.arm.link-lengths", "has 3 lengths but es.env.arm.links = 2")]
    [InlineData("es.env.arm.control-cost = -1", "es.env.arm.control-cost", "must be >= 0 (got -1)")]
    [InlineData("es.evaluation.every = -1", "es.evaluation.every", "must be >= 0 (0 = never) (got -1)")]
    [InlineData("es.evaluation.episodes = 0", "es.evaluation.episodes", "must be >= 1 when es.evaluation.every > 0 (got 0)")]
    [InlineData("es.checkpoint.every = -1", "es.checkpoint.every", "must be >= 0 (0 = only the final checkpoint) (got -1)")]
    [InlineData("es.normalization.clip = 0", "es.normalization.clip", "must be > 0 (got 0)")]
    [InlineData("es.normalization.sample-probability = 1.5", "es.normalization.sample-probability", "must be in [0, 1] (got 1.5)")]
    [InlineData("es.normalization.sample-probability = -0.5", "es.normalization.sample-probability", "must be in [0, 1] (got -0.5)")]
    [InlineData("es.run.goal-return = 1e999", "es.run.goal-return", "must be a finite number or null")]
    public void Parse_InvalidValue_IsRefusedWithKeyPlaceAndReason(string line, string key, string reason)
    {
        var e = Assert.Throws<ConfigException>(() => SettingsLoader.Parse("# user config\n" + line, "user.conf"));
        Assert.True(
            e.Key == key && e.File == "user.conf" && e.Line == 2 && e.Reason.Contains(reason, StringComparison.Ordinal),
            $"expected user.conf:2 {key} with a reason containing \"{reason}\", got: {e.Message}");
        Assert.Equal(line.IndexOf('=', StringComparison.Ordinal) + 3, e.Column);
    }

    [Theory]
    [InlineData("es.strategy { name = pepg, population = 255 }", "es.strategy.population", "population 255 is odd but pepg with mirrored sampling needs pairs")]
    [InlineData("es.strategy { name = simple-ga, mirrored = true }", "es.strategy.mirrored", "simple-ga never pairs candidates")]
    [InlineData("es.strategy { name = ars-v2t, mirrored = false }", "es.strategy.mirrored", "ars-v2t always evaluates mirrored pairs")]
    [InlineData("es { strategy.name = ars-v1, normalization.enabled = true }", "es.normalization.enabled", "ars-v1 is ARS without state normalization: set es.normalization.enabled = false, or use ars-v2.")]
    [InlineData("es.strategy { name = ars-v2t, ars.top-directions = 9 }", "es.strategy.ars.top-directions", "9")]
    [InlineData("es.strategy { name = cma-es, cma-es.population-increase = 0.5 }", "es.strategy.cma-es.population-increase", "0.5")]
    [InlineData("es.strategy { name = simple-ga, simple-ga.elite-ratio = 1.5 }", "es.strategy.simple-ga.elite-ratio", "1.5")]
    [InlineData("es.strategy { name = pepg, pepg.sigma-max-change = 1 }", "es.strategy.pepg.sigma-max-change", "sigma max change must be in (0, 1), got 1.")]
    [InlineData("es.strategy { name = snes, snes.mean-learning-rate = 0 }", "es.strategy.snes.mean-learning-rate", "0")]
    public void Parse_ASettingTheChosenStrategyRefuses_IsReportedAtItsKey(string line, string key, string reason)
    {
        var e = Assert.Throws<ConfigException>(() => SettingsLoader.Parse("# user config\n" + line, "user.conf"));
        Assert.True(
            e.Key == key && e.File == "user.conf" && e.Line == 2 && e.Reason.Contains(reason, StringComparison.Ordinal) && !e.Reason.Contains("(Parameter", StringComparison.Ordinal),
            $"expected user.conf:2 {key} with a reason containing \"{reason}\", got: {e.Message}");
    }

    [Theory]
    [InlineData("es.strategy.name = cma-es")]
    [InlineData("es.strategy { name = ars-v1, population = 16 }\nes.normalization.enabled = false")]
    [InlineData("es.strategy { name = snes, mirrored = true, population = 10 }")]
    [InlineData("es.strategy { name = simple-ga, simple-ga { crossover = false, forget-best = true, elitism = true, sigma-decay = 1 } }")]
    public void Parse_EachStrategysDefaultsAndOwnBlock_AreAccepted(string text) =>
        Assert.NotNull(Es.Core.Training.StrategyCatalog.Check(SettingsLoader.Parse(text, "user.conf")));

    [Fact]
    public void Parse_EvaluationEpisodesZeroWhenEvaluationIsOff_IsRefusedOnlyAsWithoutEffect()
    {
        // Valid on its own (no ">= 1" refusal), but a key the run never reads.
        var e = Assert.Throws<ConfigException>(() => SettingsLoader.Parse("es.evaluation { every = 0, episodes = 0 }", "user.conf"));
        Assert.Equal("es.evaluation.episodes", e.Key);
        Assert.StartsWith("has no effect: evaluation is off", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OddPopulationWithoutMirroring_IsFine() =>
        Assert.Equal(255, SettingsLoader.Parse("es.strategy { population = 255, mirrored = false }", "user.conf").Strategy.Population);

    [Fact]
    public void Parse_NonPositiveHiddenSize_PointsAtTheElement()
    {
        var e = Assert.Throws<ConfigException>(() => SettingsLoader.Parse("es.policy.hidden = [32, 0]", "user.conf"));
        Assert.Equal("user.conf:1:25: es.policy.hidden: hidden layer sizes must be > 0 (got 0 at index 1)", e.Message);
    }

    [Fact]
    public void Parse_UnknownEnvironment_ListsKnownIdsAndSuggestsNearMiss()
    {
        var e = Assert.Throws<ConfigException>(() => SettingsLoader.Parse("es.env.id = rastrign", "user.conf"));
        Assert.Equal(("es.env.id", 1, 13), (e.Key, e.Line, e.Column));
        Assert.Contains("unknown environment \"rastrign\"; did you mean rastrigin?", e.Reason, StringComparison.Ordinal);
        Assert.Contains("CartPole-v1", e.Reason, StringComparison.Ordinal);
        Assert.Contains("quadratic, rastrigin, rosenbrock, sphere", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AcceptsEveryRegisteredEnvironmentAndTestFunction()
    {
        foreach (string id in Es.Core.Environments.EnvironmentRegistry.Ids.Concat(Es.Core.Objectives.ObjectiveRegistry.Ids))
            Assert.Equal(id, SettingsLoader.Parse($"es.env.id = \"{id}\"", "user.conf").Env.Id);
    }

    [Fact]
    public void Validate_SettingsBuiltInCode_NamesTheKeyWithoutPlace()
    {
        var bad = EsSettings.Default with { Strategy = EsSettings.Default.Strategy with { Sigma = double.NaN } };
        var e = Assert.Throws<ConfigException>(() => SettingsValidator.Validate(bad));
        Assert.Equal("es.strategy.sigma: must be > 0 (got NaN)", e.Message);
        Assert.Null(e.File);
    }

    [Fact]
    public void Validate_DefaultsPass() => SettingsValidator.Validate(EsSettings.Default);

    [Theory]
    [InlineData("es.cluster.run-id = \"a:b\"", "es.cluster.run-id", "without spaces or ':'")]
    [InlineData("es.cluster.task-timeout = 0s", "es.cluster.task-timeout", "positive duration")]
    [InlineData("es.cluster.take-over-wait = -1s", "es.cluster.take-over-wait", "must not be negative")]
    [InlineData("es.cluster.straggler-cutoff = 0", "es.cluster.straggler-cutoff", "must be in (0, 1]")]
    [InlineData("es.cluster.straggler-cutoff = 1.5", "es.cluster.straggler-cutoff", "must be in (0, 1]")]
    public void Parse_InvalidClusterSettings_AreRefusedWithTheKey(string text, string key, string reason)
    {
        var e = Assert.Throws<ConfigException>(() => SettingsLoader.Parse(text, "cluster.conf"));
        Assert.Equal(key, e.Key);
        Assert.Contains(reason, e.Reason, StringComparison.Ordinal);
    }
}
