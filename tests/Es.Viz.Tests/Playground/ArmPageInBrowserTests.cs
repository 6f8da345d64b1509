// The arm half of the playground in a real browser: the pointer becomes the arm's target, the arm moves, and its policy trains meanwhile.
using System.Globalization;
using System.Net;
using Es.Viz.Playground;
using Microsoft.Playwright;

namespace Es.Viz.Tests.Playground;

[Collection(BrowserCollection.Name)]
public sealed class ArmPageInBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task ArmPage_ReachesForThePointer_WhileGenerationsTrain()
    {
        await using PlaygroundServer server = await PlaygroundServer.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), PlaygroundSettings.For("openai-es"), TimeSpan.FromMilliseconds(100));
        (IPage page, List<string> errors) = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(server.Address, "arm").AbsoluteUri);
        await page.WaitForSelectorAsync("body[data-generation]", new PageWaitForSelectorOptions { Timeout = 30_000 });

        // The canvas shows [-1.2, 1.2]²: pixel (120, 360) of 480 is (-0.6, -0.6), inside the arm's reach of 1
        // (to within a pixel, 0.005: the browser reports the pointer in whole pixels of the page).
        await page.Locator("#arm").HoverAsync(new LocatorHoverOptions { Position = new Position { X = 120, Y = 360 } });
        try
        {
            await page.WaitForFunctionAsync("() => Math.abs(document.body.dataset.targetX - -0.6) < 0.006 && Math.abs(document.body.dataset.targetY - -0.6) < 0.006",
                null, new PageWaitForFunctionOptions { Timeout = 20_000 });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"the arm's target is ({await page.GetAttributeAsync("body", "data-target-x")}, {await page.GetAttributeAsync("body", "data-target-y")}), "
                + $"not the pointer's (-0.6, -0.6); page: {await page.InnerTextAsync("#status")}");
        }
        string pose = (await page.GetAttributeAsync("body", "data-q"))!;
        long generation = long.Parse((await page.GetAttributeAsync("body", "data-generation"))!, CultureInfo.InvariantCulture);

        // The arm keeps moving, and training goes on between its frames.
        await page.WaitForFunctionAsync($"() => document.body.dataset.q !== '{pose}' && Number(document.body.dataset.generation) >= {generation + 2}",
            null, new PageWaitForFunctionOptions { Timeout = 60_000 });
        Assert.True(errors.Count == 0, "script errors: " + string.Join("; ", errors));
        await BrowserFixture.ScreenshotAsync(page, "playground-arm.png");
        await page.CloseAsync();
    }
}
