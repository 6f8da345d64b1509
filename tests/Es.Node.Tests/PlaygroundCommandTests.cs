// `es playground`: serves its page until Ctrl-C; an unknown strategy, bad settings or a remote address without consent exit 2.
namespace Es.Node.Tests;

public sealed class PlaygroundCommandTests
{
    [Fact]
    public async Task Playground_ServesThePageUntilCtrlC()
    {
        using var stop = new CancellationTokenSource();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        TextWriter output = TextWriter.Synchronized(stdout);
        Task<int> run = EsCli.RunAsync(["playground", "--listen", "127.0.0.1:0", "--strategy", "snes", "--pace", "10"], output, TextWriter.Synchronized(stderr), stop.Token);
        Uri? address = null;
        for (int i = 0; i < 300 && address is null; i++)
        {
            await Task.Delay(100);
            string text = stdout.ToString();
            int at = text.IndexOf("playground: ", StringComparison.Ordinal);
            if (at >= 0) address = new Uri(text[(at + 12)..].Split(' ')[0]);
            Assert.False(run.IsCompleted, "es playground ended early: " + stderr);
        }
        Assert.NotNull(address);
        using var http = new HttpClient();
        Assert.Contains("ES playground: snes", await http.GetStringAsync(address), StringComparison.Ordinal);
        using var bad = new StringContent("{\"size\":3,\"values\":[1]}", System.Text.Encoding.UTF8, "application/json");
        HttpResponseMessage refused = await http.PostAsync(new Uri(address, "landscape"), bad);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        await stop.CancelAsync();
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Matches(@"stopped after \d+ generations", stdout.ToString());
    }

    [Theory]
    [InlineData(new[] { "--listen", "127.0.0.1:0", "--strategy", "cma-ess" }, "cma-es")]
    [InlineData(new[] { "--listen", "0.0.0.0:0" }, "--allow-remote")]
    [InlineData(new[] { "--listen", "127.0.0.1:0", "--set", "es.strategy.sigma=-1" }, "es.strategy.sigma")]
    public async Task Playground_RefusesBadInput(string[] args, string message)
    {
        CliResult r = await Cli.RunAsync(["playground", .. args]);
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains(message, r.Stderr, StringComparison.Ordinal);
    }
}
