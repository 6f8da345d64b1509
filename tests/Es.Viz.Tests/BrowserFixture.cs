// One headless chromium per test run, driven by Playwright: Debian's /usr/bin/chromium, never a downloaded browser.
using Microsoft.Playwright;

namespace Es.Viz.Tests;

/// <summary>
/// Starts Debian's chromium once for all browser tests (scripts/test.sh installs it). The tests
/// fail, never skip, when it is missing: a page nobody opened is not a tested page.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>The browser Playwright drives; ES_CHROMIUM overrides the path.</summary>
    public static string ExecutablePath => Environment.GetEnvironmentVariable("ES_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private IPlaywright? _playwright;

    /// <summary>The browser.</summary>
    public IBrowser Browser { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException($"{ExecutablePath} is missing: install Debian's chromium (apt-get install chromium; scripts/test.sh does it).");
        _playwright = await Playwright.CreateAsync();
        // LaunchAsync gives chromium a fresh temporary profile of its own (it refuses --user-data-dir).
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });
    }

    /// <summary>A fresh page of 1400 × 1000 that fails the test on any script error.</summary>
    public async Task<(IPage Page, List<string> Errors)> NewPageAsync()
    {
        IPage page = await Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        var errors = new List<string>();
        page.PageError += (_, message) => errors.Add(message);
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        return (page, errors);
    }

    /// <summary>Saves a screenshot into $ES_SCREENSHOTS/<paramref name="name"/> when that variable names a folder (how docs/img is refreshed).</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        string? folder = Environment.GetEnvironmentVariable("ES_SCREENSHOTS");
        if (string.IsNullOrEmpty(folder)) return;
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name), FullPage = true });
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}

/// <summary>The browser tests share one chromium.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "browser";
}
