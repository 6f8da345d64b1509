// Tests of loading EsSettings: reference defaults, user files, --set overrides, substitutions and the ToHocon round trip.
namespace Es.Core.Tests.Configuration;
using Es.Core.Policies;
using Es.Core.Strategies;
using Es.Core.Optimizers;

using Es.Core.Configuration;
using Es.Core.Configuration.Hocon;

public sealed class SettingsLoaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("es-settings-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Default_IsReferenceConfExactly()
    {
        var expected = new EsSettings(
            new RunSettings(Seed: 1, MaxGenerations: 0, MaxTimesteps: 0, GoalReturn: null, GoalConsecutive: 1),
            new EnvSettings("CartPole-v1", MaxEpisodeSteps: 0, Dimension: 0, Optimum: [], new ArmSettings(Links: 2, LinkLengths: [], ControlCost: 0.01)),
            new PolicySettings(PolicyKind.Mlp, Hidden: [32, 32], Activation.Tanh, ActionNoise: 0.0, InitOutputStd: 0.01, CellSize: 32,
                new ConvSettings(Channels: [8], Kernels: [3], Strides: [1], VirtualBatchNorm: false, ReferenceBatch: 32)),
            new StrategySettings(
                "openai-es",
                Population: 0,
                Sigma: null,
                Mirrored: null,
                FitnessShapingKind.CenteredRanks,
                WeightDecay: null,
                EpisodesPerCandidate: 1,
                new OptimizerSettings(OptimizerType.Adam, LearningRate: 0.01, Beta1: null, Beta2: 0.999, Epsilon: 1e-8, Momentum: 0.9),
                new StrategyBlocks(
                    new PepgSettings(SigmaAlpha: 0.2, SigmaDecay: 0.999, SigmaLimit: 0.01, SigmaMaxChange: 0.2, LearningRateDecay: 0.9999, LearningRateLimit: 0.01, EliteRatio: 0.0),
                    new SnesSettings(MeanLearningRate: 1.0, SigmaLearningRate: 0.0),
                    new ArsSettings(TopDirections: 4, StepSize: 0.02),
                    new CmaEsSettings(Restarts: 0, PopulationIncrease: 2.0, TolFun: 1e-12, TolX: 1e-12, MaxCondition: 1e14),
                    new SimpleGaSettings(EliteRatio: 0.1, Crossover: true, ForgetBest: false, Elitism: false, SigmaDecay: 0.999, SigmaLimit: 0.01),
                    new SimpleGaussianSettings(Elitist: false))),
            new NoiseSettings(Seed: 123, Size: 33_554_432),
            new NormalizationSettings(Enabled: true, Clip: 5.0, SampleProbability: 1.0),
            new EvaluationSettings(Every: 1, Episodes: 10),
            new CheckpointSettings(Every: 10),
            new ClusterSettings("es", Evaluators: 0, HeadEvaluates: false, TaskTimeout: TimeSpan.FromSeconds(30), TakeOverWait: TimeSpan.FromSeconds(2), StragglerCutoff: 1.0),
            new RolloutSettings(Lanes: 0));
        Assert.Equal(expected, EsSettings.Default);
    }

    [Fact]
    public void Parse_EmptyUserConfig_GivesTheDefaults() =>
        Assert.Equal(EsSettings.Default, SettingsLoader.Parse(string.Empty, "empty.conf"));

    [Fact]
    public void ReferenceConf_EveryLeafUnderEsIsCommented()
    {
        Assert.True(SettingsSchemaText() == SettingsSchema.ReferenceText, "the embedded Es.Core.reference.conf differs from hocon/reference.conf");
        var lines = SettingsSchemaText().Split('\n');
        var reference = HoconParser.ParseString(SettingsSchemaText(), "reference.conf");
        foreach (var (path, value) in reference.GetObject("es").GetLeaves())
        {
            int line = value.Origin.Line - 1;
            bool commented = lines[line].Contains('#', StringComparison.Ordinal)
                || (line > 0 && lines[line - 1].TrimStart().StartsWith('#'));
            Assert.True(commented, $"reference.conf:{line + 1}: es.{path} has no comment on or above its line");
        }
    }

    [Fact]
    public void Load_UserFileOverridesOnlyWhatItSets_AndIgnoresOtherSections()
    {
        string file = Write("user.conf", """
            # my experiment
            es {
              env.id = Pendulum-v1
              strategy { sigma = 0.1, population = 64, optimizer.type = sgd }
              policy.hidden = [64]
              run.goal-return = 475.5
            }
            akka.loglevel = DEBUG
            """);
        var s = SettingsLoader.Load(file);
        Assert.Equal("Pendulum-v1", s.Env.Id);
        Assert.Equal(0.1, s.Strategy.Sigma);
        Assert.Equal(64, s.Strategy.Population);
        Assert.Equal(OptimizerType.Sgd, s.Strategy.Optimizer.Type);
        Assert.Equal(0.01, s.Strategy.Optimizer.LearningRate);
        Assert.Equal([64], s.Policy.Hidden);
        Assert.Equal(475.5, s.Run.GoalReturn);
        Assert.Equal(EsSettings.Default.Noise, s.Noise);
    }

    [Fact]
    public void Load_SetOverridesWinOverTheFile_AndMayAppend()
    {
        string file = Write("user.conf", "es.strategy.sigma = 0.1\nes.policy.hidden = [8]");
        var s = SettingsLoader.Load(file, ["es.strategy.sigma=0.5", "es.policy.hidden += 4", "es.policy { activation = relu }", "es.noise.size = 1M"]);
        Assert.Equal(0.5, s.Strategy.Sigma);
        Assert.Equal([8, 4], s.Policy.Hidden);
        Assert.Equal(Activation.Relu, s.Policy.Activation);
        Assert.Equal(1_048_576, s.Noise.Size);
    }

    [Fact]
    public void Load_BadSetOverride_IsReportedAgainstSetOrigin()
    {
        string file = Write("user.conf", string.Empty);
        var e = Assert.Throws<ConfigException>(() => SettingsLoader.Load(file, ["es.strategy.sigma=0.1", "es.strategy.sigm=0.2"]));
        Assert.Equal(("--set", 1, 1, "es.strategy.sigm"), (e.File, e.Line, e.Column, e.Key));
        Assert.Contains("did you mean es.strategy.sigma?", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SetOverrideWithoutValue_IsASyntaxErrorAtSet()
    {
        string file = Write("user.conf", string.Empty);
        var e = Assert.Throws<ConfigException>(() => SettingsLoader.Load(file, ["es.strategy.sigma"]));
        Assert.Equal("--set", e.File);
    }

    [Fact]
    public void Parse_UserSubstitutionsSeeReferenceValuesAndEnvironment()
    {
        string name = "ES_SETTINGS_TEST_SEED_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, "77");
        try
        {
            var s = SettingsLoader.Parse(
                $"es.run.seed = ${{?{name}}}\nes.noise.seed = ${{es.run.seed}}\nes.strategy.optimizer.learning-rate = ${{es.strategy.pepg.sigma-limit}}\nes.env.id = ${{?ES_SURELY_UNDEFINED_VAR_X}}",
                "user.conf");
            Assert.Equal(77UL, s.Run.Seed);
            Assert.Equal(77UL, s.Noise.Seed);
            Assert.Equal(0.01, s.Strategy.Optimizer.LearningRate);
            Assert.Equal("CartPole-v1", s.Env.Id);
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void FromHocon_UsesReferenceAsFallback()
    {
        var root = HoconParser.ParseString("es.evaluation.episodes = 3\nother = 1", "x.conf");
        var s = SettingsLoader.FromHocon(root);
        Assert.Equal(3, s.Evaluation.Episodes);
        Assert.Equal(EsSettings.Default.Strategy, s.Strategy);
    }

    [Fact]
    public void ToHocon_RoundTripsToEqualSettings()
    {
        var changed = EsSettings.Default with
        {
            Run = EsSettings.Default.Run with { GoalReturn = -12.25, Seed = ulong.MaxValue >> 1 },
            Env = EsSettings.Default.Env with { Id = "quadratic", Optimum = [1.5, -2, 1e-9], Arm = new ArmSettings(3, [0.5, 0.25, 0.25], 0) },
            Policy = EsSettings.Default.Policy with { Type = PolicyKind.Linear, Hidden = [], Activation = Activation.Relu },
            Strategy = EsSettings.Default.Strategy with { FitnessShaping = FitnessShapingKind.ZScore, Sigma = 0.1 / 3 },
        };
        foreach (var settings in new[] { EsSettings.Default, changed })
        {
            string text = settings.ToHocon();
            var back = SettingsLoader.ParseSaved(text, "saved.conf");
            Assert.True(settings == back, "settings changed through ToHocon/Parse; text was:\n" + text);
        }
    }

    [Fact]
    public void ToHocon_WritesAnEsSection()
    {
        string text = EsSettings.Default.ToHocon();
        Assert.StartsWith("es {", text, StringComparison.Ordinal);
        Assert.Contains("goal-return = null", text, StringComparison.Ordinal);
        Assert.Contains("fitness-shaping = \"centered-ranks\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EnumNamesAreCaseInsensitive() =>
        Assert.Equal(FitnessShapingKind.Raw, SettingsLoader.Parse("es.strategy.fitness-shaping = RAW", "u.conf").Strategy.FitnessShaping);

    [Fact]
    public void Parse_TypeMismatch_NamesTheUsersFile()
    {
        var e = Assert.Throws<ConfigException>(() => SettingsLoader.Parse("es {\n  strategy.population = lots\n}", "user.conf"));
        Assert.Equal("user.conf:2:25: es.strategy.population: expected an int, found string \"lots\"", e.Message);
    }

    private static string SettingsSchemaText()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "hocon", "reference.conf")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        Assert.True(dir is not null, "hocon/reference.conf not found above " + AppContext.BaseDirectory);
        return File.ReadAllText(Path.Combine(dir!, "hocon", "reference.conf"));
    }

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }
}
