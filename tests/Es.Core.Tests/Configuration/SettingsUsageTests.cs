// Tests of the rule that a setting with no effect is refused, and that null unsets a key back to its default.
namespace Es.Core.Tests.Configuration;

using Es.Core.Configuration;

/// <summary>
/// A key the user writes that the chosen task, policy or strategy never reads is refused with
/// its location and the reason; values from reference.conf never are; an explicit null means
/// "unset" everywhere, through files and <c>--set</c>.
/// </summary>
public sealed class SettingsUsageTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("es-usage-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void HiddenSizesOfALinearPolicy_AreRefusedAtTheOverride()
    {
        string file = Write("es { env.id = CartPole-v1, policy.type = linear }");
        var e = Assert.Throws<ConfigException>(() => SettingsLoader.Load(file, ["es.policy.hidden=[100000,100000]"]));
        Assert.Equal("es.policy.hidden", e.Key);
        Assert.Equal(SettingsLoader.OverrideOrigin, e.File);
        Assert.Contains("a linear policy has no hidden layers", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ActivationOfALinearPolicy_IsRefusedAtItsLine()
    {
        string file = Write("es {\n  policy.type = linear\n  policy.activation = relu\n}");
        var e = Assert.Throws<ConfigException>(() => SettingsLoader.Load(file));
        Assert.Equal(("es.policy.activation", file, 3), (e.Key, e.File, e.Line));
    }

    [Theory]
    [InlineData("es.strategy.cma-es.restarts = 2", "es.strategy.cma-es.restarts", "holds the options of cma-es, but es.strategy.name is openai-es")]
    [InlineData("es.strategy { name = snes, optimizer.learning-rate = 0.1 }", "es.strategy.optimizer.learning-rate", "snes has no gradient optimizer")]
    [InlineData("es.strategy { name = cma-es, weight-decay = 0.01 }", "es.strategy.weight-decay", "cma-es does not read it")]
    [InlineData("es.strategy { name = simple-ga, fitness-shaping = raw }", "es.strategy.fitness-shaping", "simple-ga does not read it")]
    [InlineData("es.strategy.optimizer { type = sgd, beta2 = 0.99 }", "es.strategy.optimizer.beta2", "an Adam setting")]
    [InlineData("es.strategy.optimizer.momentum = 0.5", "es.strategy.optimizer.momentum", "momentum is an SGD setting")]
    [InlineData("es { normalization.enabled = false, strategy { name = ars-v1, ars.top-directions = 2 } }", "es.strategy.ars.top-directions", "ars-v1 steps along every direction")]
    [InlineData("es.policy.action-noise = 0.1", "es.policy.action-noise", "CartPole-v1 has discrete actions")]
    [InlineData("es { env.id = sphere, policy.hidden = [8] }", "es.policy.hidden", "sphere is a test function")]
    [InlineData("es { env.id = sphere, normalization.enabled = false }", "es.normalization.enabled", "no observations to normalize")]
    [InlineData("es.env.dimension = 5", "es.env.dimension", "only test functions have a dimension")]
    [InlineData("es { env.id = sphere, env.optimum = [1, 2] }", "es.env.optimum", "only the quadratic test function")]
    [InlineData("es.env.arm.links = 3", "es.env.arm.links", "es.env.arm configures Arm-v0 only")]
    [InlineData("es.env.mujoco.frame-skip = 2", "es.env.mujoco.frame-skip", "es.env.mujoco configures the user-model task")]
    [InlineData("es { normalization { enabled = false, clip = 3 } }", "es.normalization.clip", "normalization is off")]
    [InlineData("es { env.id = CartPole-v1-masked, policy { type = gru, cell-size = 8 }, rollouts.lanes = 4 }", "es.rollouts.lanes", "lockstep covers linear and MLP policies")]
    public void KeyTheRunDoesNotRead_IsRefusedWithTheReason(string text, string key, string reason)
    {
        var e = Assert.Throws<ConfigException>(() => SettingsLoader.Load(Write(text)));
        Assert.Equal(key, e.Key);
        Assert.StartsWith("has no effect: ", e.Reason, StringComparison.Ordinal);
        Assert.Contains(reason, e.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("es { env.id = Pendulum-v1, policy.action-noise = 0.1 }")]
    [InlineData("es { env.id = Arm-v0, env.arm.links = 3 }")]
    [InlineData("es { env.id = quadratic, env.optimum = [1, 2], env.dimension = 2 }")]
    [InlineData("es.strategy { name = pepg, pepg.sigma-alpha = 0.1, optimizer.learning-rate = 0.1, weight-decay = 0 }")]
    [InlineData("es.strategy { name = ars-v2t, ars.top-directions = 2, population = 8 }")]
    [InlineData("es.strategy.optimizer { type = sgd, momentum = 0.5 }")]
    [InlineData("es.cluster.evaluators = 2")]
    [InlineData("es.strategy.name = snes")]
    [InlineData("es { env.id = sphere, rollouts.lanes = 4 }")]
    public void KeyTheRunReads_IsAccepted(string text) => SettingsLoader.Load(Write(text));

    [Fact]
    public void SeveralKeysWithoutEffect_AreNamedInOneMessage()
    {
        string file = Write("es.strategy { name = snes, optimizer.learning-rate = 0.1, cma-es.restarts = 1 }");
        var e = Assert.Throws<ConfigException>(() => SettingsLoader.Load(file));
        Assert.Equal("es.strategy.optimizer.learning-rate", e.Key);
        Assert.Contains("Also without effect: es.strategy.cma-es.restarts", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ReturnsKeysWithoutEffect_InsteadOfRefusingThem()
    {
        LoadedSettings loaded = SettingsLoader.Read(Write("es.strategy { name = snes, optimizer.learning-rate = 0.1 }"));
        Assert.Equal("snes", loaded.Settings.Strategy.Name);
        UnusedSetting unused = Assert.Single(loaded.Unused);
        Assert.Equal(("es.strategy.optimizer.learning-rate", 1), (unused.Key, unused.Origin.Line));
    }

    [Fact]
    public void SavedConfiguration_ListsEveryKeyAtItsDefault_AndRunsAgainAsAUserFile()
    {
        // A run directory's config.conf holds every block; the ones the run does not read are at
        // their defaults, which are never refused, so the file can be given to es train again.
        EsSettings settings = SettingsLoader.Load(Write("es { strategy.name = cma-es, policy.type = linear }"));
        Assert.Equal(settings.ToHocon(), SettingsLoader.Load(Write(settings.ToHocon())).ToHocon());
    }

    [Fact]
    public void ValueEqualToTheDefault_IsNotRefused_HoweverItIsWritten()
    {
        EsSettings s = SettingsLoader.Load(Write("es { policy { type = linear, hidden = [32, 32.0], activation = \"tanh\" }, strategy.optimizer.momentum = 0.90 }"));
        Assert.Equal(Es.Core.Policies.PolicyKind.Linear, s.Policy.Type);
    }

    [Fact]
    public void EmbeddedConfiguration_IsReadWithoutTheUsageRule()
    {
        // Checkpoints keep the configuration they were trained with; reading one back (es eval,
        // es inspect, a worker checking the head's) does not judge it again.
        EsSettings old = EsSettings.Default with { Policy = EsSettings.Default.Policy with { Type = Es.Core.Policies.PolicyKind.Linear, Hidden = [64] } };
        Assert.Throws<ConfigException>(() => SettingsLoader.Parse(old.ToHocon(), "saved.conf"));
        Assert.Equal([64], SettingsLoader.ParseSaved(old.ToHocon(), "saved.conf").Policy.Hidden);
    }

    [Fact]
    public void NullPopulation_FromSet_MeansTheStrategysDefault()
    {
        string file = Write("es.strategy { population = 512, sigma = 0.03 }");
        EsSettings s = SettingsLoader.Load(file, ["es.strategy.population=null", "es.strategy.sigma = null"]);
        Assert.Equal(0, s.Strategy.Population);
        Assert.Null(s.Strategy.Sigma);
        Assert.Equal(256, ((Es.Core.Strategies.OpenAiEsOptions)Es.Core.Training.StrategyCatalog.Check(s)).PopulationSize);
    }

    [Fact]
    public void NullInAFile_MeansReferenceConfsDefault()
    {
        EsSettings s = SettingsLoader.Load(Write("es { strategy.optimizer.learning-rate = null, policy.hidden = null, run.goal-return = null }"));
        Assert.Equal(EsSettings.Default.Strategy.Optimizer.LearningRate, s.Strategy.Optimizer.LearningRate);
        Assert.Equal(EsSettings.Default.Policy.Hidden, s.Policy.Hidden);
        Assert.Null(s.Run.GoalReturn);
    }

    [Fact]
    public void NullUnsetsAKeyThatWouldHaveNoEffect()
    {
        // A task file tuned for openai-es, run with another strategy: its optimizer keys are unset.
        string file = Write("es.strategy { population = 64, optimizer.learning-rate = 0.03, weight-decay = 0 }");
        string[] overrides = ["es.strategy.name=snes", "es.strategy.optimizer.learning-rate=null", "es.strategy.weight-decay=null"];
        Assert.Equal("snes", SettingsLoader.Load(file, overrides).Strategy.Name);
        Assert.Throws<ConfigException>(() => SettingsLoader.Load(file, overrides[..2]));
    }

    private string Write(string text)
    {
        string path = Path.Combine(_dir, $"user{Directory.GetFiles(_dir).Length}.conf");
        File.WriteAllText(path, text);
        return path;
    }
}
