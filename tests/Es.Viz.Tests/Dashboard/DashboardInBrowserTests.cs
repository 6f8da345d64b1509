// The live page in a real browser: it shows a generation within seconds of its completion, fed by a real training loop.
using System.Net;
using Es.Core.Configuration;
using Es.Core.Runs;
using Es.Core.Training;
using Es.Viz.Dashboard;
using Microsoft.Playwright;

namespace Es.Viz.Tests.Dashboard;

[Collection(BrowserCollection.Name)]
public sealed class DashboardInBrowserTests(BrowserFixture browser)
{
    private static GenerationMetrics Metrics(GenerationReport report, long generation) =>
        new(generation, report.TotalEpisodes, report.TotalTimesteps, report.ReturnMean, report.ReturnStd, report.ReturnMax, report.Evaluation?.Mean,
            report.GradientNorm, report.ParameterNorm, report.UpdateRatio, 0, 0, 1, 0.05, 1000, false, 1, report.Sigma);

    [Fact]
    public async Task LivePage_ShowsEachNewGenerationWithinSeconds()
    {
        await using DashboardServer server = await DashboardServer.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), "EsAkka run live-test");
        LocalTrainer trainer = TrainingSetup.FromSettings(SettingsLoader.Parse("es { env.id = CartPole-v1, strategy.population = 10, noise.size = 1M, evaluation.every = 1, evaluation.episodes = 2 }\n", "test"))
            .CreateLocalTrainer(1);
        server.PublishMembers([new DashboardMember("this process", "single-process", "running", 1, 0)]);
        for (int g = 0; g < 3; g++) server.PublishGeneration(Metrics(trainer.RunGeneration(), g));

        (IPage page, List<string> errors) = await browser.NewPageAsync();
        await page.GotoAsync(server.Address.AbsoluteUri);
        // The history is replayed on connect.
        await page.WaitForSelectorAsync("body[data-generation='2']", new PageWaitForSelectorOptions { Timeout = 10_000 });

        for (int g = 3; g < 6; g++)
        {
            server.PublishGeneration(Metrics(trainer.RunGeneration(), g));
            await page.WaitForSelectorAsync($"body[data-generation='{g}']", new PageWaitForSelectorOptions { Timeout = 5_000 });
        }
        int points = await page.EvaluateAsync<int>("() => document.querySelector('#chart-return-steps polyline.series[data-metric=return_mean]').points.numberOfItems");
        Assert.Equal(6, points);
        int sigmaPoints = await page.EvaluateAsync<int>("() => document.querySelector('#chart-sigma polyline.series[data-metric=sigma]').points.numberOfItems");
        Assert.Equal(6, sigmaPoints);
        Assert.Equal("this process", await page.Locator("#members td").First.InnerTextAsync());
        server.PublishMessage("checkpoint written");
        await page.WaitForSelectorAsync("#log li", new PageWaitForSelectorOptions { Timeout = 5_000 });
        server.PublishEnd("generation budget spent");
        await page.WaitForSelectorAsync("#status:has-text('run ended')", new PageWaitForSelectorOptions { Timeout = 5_000 });
        Assert.True(errors.Count == 0, "script errors: " + string.Join("; ", errors));
        await BrowserFixture.ScreenshotAsync(page, "dashboard.png");
        await page.CloseAsync();
    }
}
