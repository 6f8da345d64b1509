// Every generation's report carries the strategy's σ the candidates were drawn with: fixed for some strategies, adapting for others.
using Es.Core.Configuration;
using Es.Core.Training;

namespace Es.Core.Tests.Training;

public sealed class GenerationSigmaTests
{
    private static List<GenerationReport> Run(string strategy, double sigma, int generations, out TrainingSetup setup)
    {
        string population = strategy is "cma-es" or "snes" or "ars-v2t" ? "" : "population = 20, ";
        EsSettings settings = SettingsLoader.Parse(
            $"es {{ run.seed = 7, env.id = rosenbrock, env.dimension = 6, noise.size = 1M, strategy {{ name = {strategy}, {population}sigma = {sigma} }} }}\n", "sigma-test.conf");
        setup = TrainingSetup.FromSettings(settings);
        LocalTrainer trainer = setup.CreateLocalTrainer(1);
        var reports = new List<GenerationReport>();
        for (int g = 0; g < generations; g++) reports.Add(trainer.RunGeneration());
        return reports;
    }

    [Theory]
    [InlineData("openai-es")]
    [InlineData("simple-gaussian")]
    [InlineData("ars-v2t")]
    public void FixedSigmaStrategies_ReportTheirSigmaEveryGeneration(string strategy)
    {
        List<GenerationReport> reports = Run(strategy, 0.037, 4, out _);
        Assert.All(reports, r => Assert.Equal(0.037, r.Sigma));
    }

    [Theory]
    [InlineData("pepg")]
    [InlineData("snes")]
    [InlineData("cma-es")]
    [InlineData("simple-ga")]
    public void AdaptiveStrategies_ReportTheInitialSigmaFirst_ThenTheSigmaEachGenerationWasDrawnWith(string strategy)
    {
        List<GenerationReport> reports = Run(strategy, 0.3, 6, out _);
        Assert.Equal(0.3, reports[0].Sigma, 12);
        Assert.True(reports[^1].Sigma != 0.3, $"{strategy}: σ stayed at 0.3 over 6 generations; the report does not follow the strategy");
        Assert.All(reports, r => Assert.True(r.Sigma > 0 && double.IsFinite(r.Sigma), $"{strategy}: σ {r.Sigma} in generation {r.Generation}"));
    }

    [Fact]
    public void ReportedSigma_IsTheStrategysMeanSigmaBeforeTheUpdate()
    {
        EsSettings settings = SettingsLoader.Parse("es { run.seed = 7, env.id = rosenbrock, env.dimension = 6, noise.size = 1M, strategy { name = pepg, population = 20, sigma = 0.3 } }\n", "sigma-test.conf");
        LocalTrainer trainer = TrainingSetup.FromSettings(settings).CreateLocalTrainer(1);
        for (int g = 0; g < 3; g++)
        {
            double before = trainer.Learner.Strategy.MeanSigma;
            GenerationReport report = trainer.RunGeneration();
            Assert.Equal(before, report.Sigma);
        }
    }
}
