// The report opened in a real browser: the charts are drawn, with one point per generation, for whole, overlaid and crashed runs.
using Es.Core.Runs;
using Es.Viz.Report;
using Microsoft.Playwright;

namespace Es.Viz.Tests.Report;

[Collection(BrowserCollection.Name)]
public sealed class ReportInBrowserTests(BrowserFixture browser) : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private async Task<IPage> OpenAsync(string[] runs, string screenshot)
    {
        string file = _temp.Combine("report.html");
        ReportPage.Write(runs, file);
        (IPage page, List<string> errors) = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(file).AbsoluteUri);
        await page.WaitForSelectorAsync("#chart-return-steps polyline.series");
        Assert.True(errors.Count == 0, "script errors: " + string.Join("; ", errors));
        await BrowserFixture.ScreenshotAsync(page, screenshot);
        return page;
    }

    private static Task<int> PointsAsync(IPage page, string chart, string run, string metric) =>
        page.EvaluateAsync<int>(
            "([c, r, m]) => { const l = [...document.querySelectorAll('#chart-' + c + ' polyline.series')].find(p => p.dataset.run === r && p.dataset.metric === m); return l ? l.points.numberOfItems : -1; }",
            new[] { chart, run, metric });

    [Fact]
    public async Task Report_DrawsOnePointPerGeneration_AndOnePerEvaluation()
    {
        SyntheticRun.Create(_temp.Combine("run"), 23, evalEvery: 5);
        IPage page = await OpenAsync([_temp.Combine("run")], "report.png");
        Assert.Equal(23, await PointsAsync(page, "return-steps", "run", "return_mean"));
        Assert.Equal(23, await PointsAsync(page, "return-time", "run", "return_max"));
        Assert.Equal(4, await PointsAsync(page, "return-steps", "run", "eval_return"));
        Assert.Equal(23, await PointsAsync(page, "faults", "run", "evaluations_retried"));
        Assert.Equal(23, await PointsAsync(page, "sigma", "run", "sigma"));
        Assert.Equal(8, await page.Locator("figure.chart svg").CountAsync());
        await page.CloseAsync();
    }

    [Fact]
    public async Task Report_OfSeveralRuns_OverlaysThemWithAMedianAndSpread()
    {
        SyntheticRun.Create(_temp.Combine("seed1"), 10, offset: 0);
        SyntheticRun.Create(_temp.Combine("seed2"), 12, offset: 50);
        SyntheticRun.Create(_temp.Combine("seed3"), 11, offset: 100);
        IPage page = await OpenAsync([_temp.Combine("seed1"), _temp.Combine("seed2"), _temp.Combine("seed3")], "report-overlay.png");
        Assert.Equal(10, await PointsAsync(page, "return-steps", "seed1", "return_mean"));
        Assert.Equal(12, await PointsAsync(page, "return-steps", "seed2", "return_mean"));
        Assert.Equal(1, await page.Locator("#chart-return-steps polyline.median").CountAsync());
        Assert.Equal(1, await page.Locator("#chart-return-steps polygon.band").CountAsync());
        // The offsets are 0, 50, 100 at every step, so the median is seed2's curve: 50 + 10 g at 1000 (g + 1) steps.
        double[] medianAtStart = await page.EvaluateAsync<double[]>("() => { const d = JSON.parse(document.getElementById('es-data').textContent); "
            + "const pts = d.runs.map(r => r.rows.map(x => [x.timesteps, x.return_mean])); const s = EsViz.spread(pts); return [s.median[0][0], s.median[0][1], s.lower[0][1], s.upper[0][1]]; }");
        Assert.Equal([1000, 50, 0, 100], medianAtStart);
        await page.CloseAsync();
    }

    [Fact]
    public async Task Report_OfAComparison_GivesEachStrategyItsOwnMedianAndSpread()
    {
        string[] runs = ["openai-es-seed1", "openai-es-seed2", "cma-es-seed1", "cma-es-seed2"];
        for (int i = 0; i < runs.Length; i++) SyntheticRun.Create(_temp.Combine(runs[i]), 8, offset: 30 * i);
        IPage page = await OpenAsync(runs.Select(_temp.Combine).ToArray(), "report-groups.png");
        string[] groups = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('#chart-return-steps polyline.median')].map(p => p.dataset.group)");
        Assert.Equal(["openai-es", "cma-es"], groups);
        // Each run's mean is still drawn, one point per generation.
        Assert.Equal(8, await PointsAsync(page, "return-steps", "cma-es-seed2", "return_mean"));
        await page.CloseAsync();
    }

    [Fact]
    public async Task Report_OfARunKilledMidWrite_StillDrawsTheGenerationsItFinished()
    {
        RunDirectory dir = SyntheticRun.Create(_temp.Combine("killed"), 8);
        File.AppendAllText(Path.Combine(dir.Path, RunDirectory.MetricsFile), "{\"generation\":8,\"episodes\":3");
        IPage page = await OpenAsync([dir.Path], "report-killed.png");
        Assert.Equal(8, await PointsAsync(page, "return-steps", "killed", "return_mean"));
        Assert.Contains("incomplete", await page.Locator("p.note").InnerTextAsync(), StringComparison.Ordinal);
        await page.CloseAsync();
    }

    [Fact]
    public async Task Report_OfARunFromBeforeSigmaWasRecorded_DrawsTheRest_AndSaysSigmaIsMissing()
    {
        string dir = _temp.Combine("old");
        Directory.CreateDirectory(dir);
        // metrics.jsonl lines as runs wrote them before the sigma, nodes and straggler_cutoff fields existed.
        File.WriteAllLines(Path.Combine(dir, RunDirectory.MetricsFile), Enumerable.Range(0, 5).Select(g =>
            $"{{\"generation\":{g},\"episodes\":{40 * (g + 1)},\"timesteps\":{900 * (g + 1)},\"return_mean\":{10 * g},\"return_std\":1,\"return_max\":{10 * g + 5},"
            + "\"eval_return\":null,\"grad_norm\":1,\"param_norm\":2,\"update_ratio\":0.01,\"evaluations_retried\":0,\"nonfinite_returns\":0,"
            + "\"evaluators\":2,\"seconds\":0.4,\"steps_per_second\":2250}"));
        IPage page = await OpenAsync([dir], "report-old.png");
        Assert.Equal(5, await PointsAsync(page, "return-steps", "old", "return_mean"));
        Assert.Equal(5, await PointsAsync(page, "update", "old", "update_ratio"));
        Assert.Equal(0, await page.Locator("#chart-sigma svg").CountAsync());
        Assert.Contains("written before runs recorded it", await page.Locator("#chart-sigma p.empty").InnerTextAsync(), StringComparison.Ordinal);
        await page.CloseAsync();
    }

    [Fact]
    public async Task Report_DrawsAConstantSmallSigma_InTheMiddleOfAnAxisScaledToIt()
    {
        SyntheticRun.Create(_temp.Combine("fixed"), 6, sigma: 0.02);
        IPage page = await OpenAsync([_temp.Combine("fixed")], "report-fixed-sigma.png");
        double[] ys = await page.EvaluateAsync<double[]>(
            "() => [...document.querySelector('#chart-sigma polyline.series').points].map(p => p.y)");
        Assert.Equal(6, ys.Length);
        // The plot spans y 12 to 240: a flat line belongs near 126, not on the floor of a ±1 axis.
        Assert.All(ys, y => Assert.InRange(y, 106, 146));
        string[] ticks = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('#chart-sigma text.tick')].map(t => t.textContent)");
        Assert.Contains("0.02", ticks);
        await page.CloseAsync();
    }
}
