// Settings to strategy: the one place es.strategy becomes an IStrategy, and where its options are checked against the keys.
using Es.Core.Configuration;
using Es.Core.Noise;
using Es.Core.Objectives;
using Es.Core.Strategies;

namespace Es.Core.Training;

/// <summary>
/// Maps <c>es.strategy</c> to a strategy and its options record. A shared key left null (or a
/// population of 0) takes the strategy's own default, so the papers' defaults live in one place:
/// the options records. <see cref="Check"/> runs each record's own validation and reports a
/// refusal at the configuration key that caused it.
/// </summary>
public static class StrategyCatalog
{
    /// <summary>The strategy es.strategy.name selects, at generation 0 around <paramref name="initialParameters"/>.</summary>
    /// <exception cref="ArgumentException">The settings cannot build the strategy; <see cref="ArgumentException.ParamName"/> is the configuration key.</exception>
    public static IStrategy Create(EsSettings settings, ReadOnlySpan<float> initialParameters)
    {
        object options = Check(settings);
        NoiseTable noise = TrainingSetup.NoiseOf(settings);
        ulong seed = settings.Run.Seed;
        return options switch
        {
            OpenAiEsOptions o => new OpenAiEs(o, initialParameters, noise, seed),
            PepgOptions o => new Pepg(o, initialParameters, noise, seed),
            SnesOptions o => new Snes(o, initialParameters, noise, seed),
            ArsOptions o => new Ars(o, initialParameters, noise, seed),
            CmaEsOptions o => new CmaEs(o, initialParameters, noise, seed),
            SimpleGAOptions o => new SimpleGA(o, initialParameters, noise, seed),
            SimpleGaussianOptions o => new SimpleGaussian(o, initialParameters, noise, seed),
            _ => throw new InvalidOperationException($"no strategy for {options.GetType().Name}."),
        };
    }

    /// <summary>Builds and validates the options of the chosen strategy without building it.</summary>
    /// <returns>The options record.</returns>
    /// <exception cref="ArgumentException">A setting is refused; <see cref="ArgumentException.ParamName"/> is its configuration key.</exception>
    public static object Check(EsSettings settings)
    {
        StrategySettings s = settings.Strategy;
        string block = BlockOf(s.Name);
        if (s.Mirrored is { } mirrored && !Pairs(s.Name).Contains(mirrored))
        {
            string always = mirrored ? "never pairs candidates" : "always evaluates mirrored pairs";
            throw Refuse("es.strategy.mirrored", $"{s.Name} {always}; remove es.strategy.mirrored or set it to null.");
        }
        if (s.Name.StartsWith("ars-", StringComparison.Ordinal) && !ObjectiveRegistry.Contains(settings.Env.Id))
        {
            bool normalized = s.Name.StartsWith("ars-v2", StringComparison.Ordinal);
            if (settings.Normalization.Enabled != normalized)
            {
                string other = normalized ? s.Name.Replace("v2", "v1", StringComparison.Ordinal) : s.Name.Replace("v1", "v2", StringComparison.Ordinal);
                throw Refuse("es.normalization.enabled",
                    $"{s.Name} is ARS {(normalized ? "with" : "without")} state normalization: set es.normalization.enabled = {(normalized ? "true" : "false")}, or use {other}.");
            }
        }
        object options = OptionsOf(settings);
        try
        {
            switch (options)
            {
                case OpenAiEsOptions o: o.Validate(); break;
                case PepgOptions o: o.Validate(); break;
                case SnesOptions o: o.Validate(); break;
                case ArsOptions o: o.Validate(); break;
                case CmaEsOptions o: o.Validate(); break;
                case SimpleGAOptions o: o.Validate(); break;
                case SimpleGaussianOptions o: o.Validate(); break;
            }
        }
        catch (ArgumentException e)
        {
            string reason = e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal);
            throw new ArgumentException(reason, KeyOf(block, e.ParamName), e);
        }
        return options;
    }

    /// <summary>Whether the strategy evaluates mirrored pairs with these settings (the population must then be even).</summary>
    public static bool IsMirrored(StrategySettings s) => s.Mirrored ?? Pairs(s.Name)[0];

    /// <summary>The values es.strategy.mirrored may take for a strategy; the first is its default.</summary>
    private static bool[] Pairs(string name) => name switch
    {
        "openai-es" => [true, false],
        "pepg" or "ars-v1" or "ars-v1t" or "ars-v2" or "ars-v2t" => [true],
        "simple-ga" => [false],
        _ => [false, true],
    };

    private static object OptionsOf(EsSettings settings)
    {
        StrategySettings s = settings.Strategy;
        OptimizerSettings opt = s.Optimizer;
        StrategyBlocks b = s.Blocks;
        switch (s.Name)
        {
            case "openai-es":
            {
                var d = new OpenAiEsOptions();
                return d with
                {
                    PopulationSize = s.Population > 0 ? s.Population : d.PopulationSize,
                    Sigma = s.Sigma ?? d.Sigma,
                    Mirrored = s.Mirrored ?? d.Mirrored,
                    FitnessShaping = s.FitnessShaping,
                    WeightDecay = s.WeightDecay ?? d.WeightDecay,
                    Optimizer = opt.Type,
                    LearningRate = opt.LearningRate,
                    Beta1 = opt.Beta1 ?? d.Beta1,
                    Beta2 = opt.Beta2,
                    Epsilon = opt.Epsilon,
                    Momentum = opt.Momentum,
                };
            }
            case "pepg":
            {
                var d = new PepgOptions();
                return d with
                {
                    PopulationSize = s.Population > 0 ? s.Population : d.PopulationSize,
                    SigmaInit = s.Sigma ?? d.SigmaInit,
                    SigmaAlpha = b.Pepg.SigmaAlpha,
                    SigmaDecay = b.Pepg.SigmaDecay,
                    SigmaLimit = b.Pepg.SigmaLimit,
                    SigmaMaxChange = b.Pepg.SigmaMaxChange,
                    LearningRate = opt.LearningRate,
                    LearningRateDecay = b.Pepg.LearningRateDecay,
                    LearningRateLimit = b.Pepg.LearningRateLimit,
                    EliteRatio = b.Pepg.EliteRatio,
                    WeightDecay = s.WeightDecay ?? d.WeightDecay,
                    FitnessShaping = s.FitnessShaping,
                    Optimizer = opt.Type,
                    Beta1 = opt.Beta1 ?? d.Beta1,
                    Beta2 = opt.Beta2,
                    Epsilon = opt.Epsilon,
                    Momentum = opt.Momentum,
                };
            }
            case "snes":
            {
                var d = new SnesOptions();
                return d with
                {
                    PopulationSize = s.Population,
                    Mirrored = s.Mirrored ?? d.Mirrored,
                    InitialSigma = s.Sigma ?? d.InitialSigma,
                    MeanLearningRate = b.Snes.MeanLearningRate,
                    SigmaLearningRate = b.Snes.SigmaLearningRate,
                };
            }
            case "ars-v1" or "ars-v1t" or "ars-v2" or "ars-v2t":
            {
                var d = new ArsOptions();
                if (s.Population % 2 != 0)
                    throw Refuse("es.strategy.population", $"population {s.Population} is odd, but ARS evaluates each direction as a pair (population = 2 x directions).");
                return d with
                {
                    Variant = s.Name switch { "ars-v1" => ArsVariant.V1, "ars-v1t" => ArsVariant.V1T, "ars-v2" => ArsVariant.V2, _ => ArsVariant.V2T },
                    Directions = s.Population > 0 ? s.Population / 2 : d.Directions,
                    TopDirections = b.Ars.TopDirections,
                    StepSize = b.Ars.StepSize,
                    ExplorationNoise = s.Sigma ?? d.ExplorationNoise,
                };
            }
            case "cma-es":
            {
                var d = new CmaEsOptions();
                return d with
                {
                    PopulationSize = s.Population,
                    Sigma = s.Sigma ?? d.Sigma,
                    Mirrored = s.Mirrored ?? d.Mirrored,
                    Restarts = b.CmaEs.Restarts,
                    PopulationIncrease = b.CmaEs.PopulationIncrease,
                    TolFun = b.CmaEs.TolFun,
                    TolX = b.CmaEs.TolX,
                    MaxCondition = b.CmaEs.MaxCondition,
                };
            }
            case "simple-ga":
            {
                var d = new SimpleGAOptions();
                return d with
                {
                    PopulationSize = s.Population > 0 ? s.Population : d.PopulationSize,
                    Sigma = s.Sigma ?? d.Sigma,
                    SigmaDecay = b.SimpleGa.SigmaDecay,
                    SigmaLimit = b.SimpleGa.SigmaLimit,
                    EliteRatio = b.SimpleGa.EliteRatio,
                    Crossover = b.SimpleGa.Crossover,
                    ForgetBest = b.SimpleGa.ForgetBest,
                    Elitism = b.SimpleGa.Elitism,
                };
            }
            case "simple-gaussian":
            {
                var d = new SimpleGaussianOptions();
                return d with
                {
                    PopulationSize = s.Population > 0 ? s.Population : d.PopulationSize,
                    Sigma = s.Sigma ?? d.Sigma,
                    Mirrored = s.Mirrored ?? d.Mirrored,
                    Elitist = b.SimpleGaussian.Elitist,
                };
            }
            default:
                throw Refuse("es.strategy.name", StrategySettings.Unknown(s.Name));
        }
    }

    /// <summary>A refusal whose ParamName is the configuration key (the validator reports it there).</summary>
    private static ArgumentException Refuse(string key, string message) => new(message, key);

    /// <summary>The es.strategy block holding a strategy's own options ("ars" for every ARS variant).</summary>
    internal static string BlockOf(string name) => name.StartsWith("ars-", StringComparison.Ordinal) ? "ars" : name;

    /// <summary>The configuration key of an options property (or constructor parameter) a validation named.</summary>
    private static string KeyOf(string block, string? property)
    {
        if (string.IsNullOrEmpty(property)) return "es.strategy";
        string name = char.ToUpperInvariant(property[0]) + property[1..];
        return name switch
        {
            "PopulationSize" or "Directions" => "es.strategy.population",
            "Sigma" or "SigmaInit" or "InitialSigma" or "ExplorationNoise" => "es.strategy.sigma",
            "Mirrored" => "es.strategy.mirrored",
            "FitnessShaping" => "es.strategy.fitness-shaping",
            "WeightDecay" => "es.strategy.weight-decay",
            "Optimizer" => "es.strategy.optimizer.type",
            "LearningRate" when StrategySettings.HasOptimizer(block) => "es.strategy.optimizer.learning-rate",
            "Beta1" or "Beta2" or "Epsilon" or "Momentum" => "es.strategy.optimizer." + name.ToLowerInvariant(),
            _ => $"es.strategy.{block}.{Kebab(name)}",
        };
    }

    private static string Kebab(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(c) : c.ToString()));
}
