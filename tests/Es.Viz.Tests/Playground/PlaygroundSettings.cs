// The settings the playground tests search with: two parameters, a small population, a small noise table.
using Es.Core.Configuration;

namespace Es.Viz.Tests.Playground;

/// <summary>Playground settings for <paramref name="strategy"/>.</summary>
public static class PlaygroundSettings
{
    /// <summary>A 2-parameter task searched by <paramref name="strategy"/>.</summary>
    public static EsSettings For(string strategy) => SettingsLoader.Parse(
        $"es {{ env.id = sphere, env.dimension = 2, noise.size = 1M, evaluation.every = 0, strategy {{ name = {strategy}, population = 20, sigma = 0.1"
        + (StrategySettings.HasOptimizer(strategy) ? ", optimizer.learning-rate = 0.05" : "") + " } }\n",
        "playground test");
}
