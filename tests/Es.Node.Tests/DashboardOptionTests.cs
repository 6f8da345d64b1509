// es train --dashboard: a real training process serves its live page and streams each generation; bad addresses exit 2.
using System.Text.RegularExpressions;

namespace Es.Node.Tests;

public sealed partial class DashboardOptionTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Train_WithDashboard_ServesThePageAndStreamsGenerationsAsTheyComplete()
    {
        using BackgroundEs es = BackgroundEs.Start(_temp.Path, "train", "--config", TestFiles.Config("cartpole-tiny.conf"), "--run-dir", _temp.Combine("run"),
            "--set", "es.run.max-generations=400", "--evaluators", "1", "--plain", "--dashboard", "127.0.0.1:0");
        Uri address = await WaitForAddressAsync(es);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        string page = await http.GetStringAsync(address);
        Assert.Contains("EsViz.live(", page, StringComparison.Ordinal);

        using var events = await http.GetAsync(new Uri(address, "events"), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", events.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await events.Content.ReadAsStreamAsync());
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var generations = new List<string>();
        while (generations.Count < 3)
        {
            string? line = await reader.ReadLineAsync(deadline.Token) ?? throw new InvalidOperationException("the event stream ended early:\n" + es.Output);
            if (line.StartsWith("data: {\"generation\":", StringComparison.Ordinal)) generations.Add(line);
        }
        Assert.StartsWith("data: {\"generation\":0,", generations[0], StringComparison.Ordinal);
        Assert.StartsWith("data: {\"generation\":2,", generations[2], StringComparison.Ordinal);

        es.Interrupt();
        Assert.Equal(0, await es.WaitAsync(TimeSpan.FromSeconds(60)));
    }

    [Theory]
    [InlineData("0.0.0.0:0", "--dashboard-allow-remote")]
    [InlineData("127.0.0.1:99999", "expected PORT or HOST:PORT")]
    public async Task Train_RefusesADashboardAddressItMustNotOrCannotUse(string address, string message)
    {
        CliResult r = await Cli.RunAsync("train", "--config", TestFiles.Config("cartpole-tiny.conf"), "--run-dir", _temp.Combine("run"),
            "--set", "es.run.max-generations=1", "--dashboard", address);
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains(message, r.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_temp.Combine("run")), "a run directory was created for bad input");
    }

    private static async Task<Uri> WaitForAddressAsync(BackgroundEs es)
    {
        for (int i = 0; i < 600; i++)
        {
            Match m = DashboardLine().Match(es.Output);
            if (m.Success) return new Uri(m.Groups[1].Value);
            await Task.Delay(100);
        }
        throw new TimeoutException("es train printed no dashboard address:\n" + es.Output);
    }

    [GeneratedRegex(@"dashboard: (http://\S+)")]
    private static partial Regex DashboardLine();
}
