// The playground in a real browser: a peak painted with the mouse draws the strategy's centre to it.
using System.Globalization;
using System.Net;
using Es.Viz.Playground;
using Microsoft.Playwright;

namespace Es.Viz.Tests.Playground;

[Collection(BrowserCollection.Name)]
public sealed class PlaygroundInBrowserTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("openai-es")]
    [InlineData("cma-es")]
    public async Task PaintedPeak_DrawsThePopulationToIt(string strategy)
    {
        await using PlaygroundServer server = await PlaygroundServer.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), PlaygroundSettings.For(strategy), TimeSpan.FromMilliseconds(30));
        (IPage page, List<string> errors) = await browser.NewPageAsync();
        await page.GotoAsync(server.Address.AbsoluteUri);
        await page.WaitForSelectorAsync("body[data-generation]", new PageWaitForSelectorOptions { Timeout = 10_000 });
        // Paint a peak at (0.5, 0.5): the canvas is 480 px for [-1, 1], so that is (360, 120); a few strokes make it tall.
        LocatorBoundingBoxResult box = (await page.Locator("#landscape").BoundingBoxAsync())!;
        for (int stroke = 0; stroke < 6; stroke++)
        {
            await page.Mouse.MoveAsync(box.X + 350, box.Y + 120);
            await page.Mouse.DownAsync();
            await page.Mouse.MoveAsync(box.X + 370, box.Y + 120, new MouseMoveOptions { Steps = 4 });
            await page.Mouse.UpAsync();
        }
        // Then start the search again at the centre of the square, 0.71 from the peak (on a flat landscape some strategies drift).
        await page.Locator("#landscape").ClickAsync(new LocatorClickOptions { Modifiers = [KeyboardModifier.Alt], Position = new Position { X = 240, Y = 240 } });
        await page.WaitForSelectorAsync("#log li:has-text('restarted at (0.00, 0.00)')", new PageWaitForSelectorOptions { Timeout = 10_000 });

        double distance = await DistanceAsync(page);
        for (int i = 0; i < 200 && distance > 0.1; i++)
        {
            await Task.Delay(100);
            distance = await DistanceAsync(page);
        }
        Assert.True(distance <= 0.1, $"{strategy}: after 20 s the centre is still {distance:0.00} from the painted peak");
        Assert.True(errors.Count == 0, "script errors: " + string.Join("; ", errors));
        await BrowserFixture.ScreenshotAsync(page, $"playground-{strategy}.png");
        await page.CloseAsync();
    }

    private static async Task<double> DistanceAsync(IPage page)
    {
        double x = double.Parse(await page.GetAttributeAsync("body", "data-center-x") ?? "NaN", CultureInfo.InvariantCulture);
        double y = double.Parse(await page.GetAttributeAsync("body", "data-center-y") ?? "NaN", CultureInfo.InvariantCulture);
        return Math.Sqrt((x - 0.5) * (x - 0.5) + (y - 0.5) * (y - 0.5));
    }
}
