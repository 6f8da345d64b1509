// es train/head --dashboard: a real training process serves its live page and streams each generation (a head: every member of its cluster); bad addresses exit 2.
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
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

    [Fact]
    public async Task Head_WithDashboard_ListsEveryMemberWithItsRolesStateAndThroughput()
    {
        int port = FreePort();
        string[] cluster =
        [
            "--set", $"akka.remote.dot-netty.tcp.port={port}", "--set", $"akka.cluster.seed-nodes=[\"akka.tcp://esakka@127.0.0.1:{port}\"]",
            "--set", "es.cluster.take-over-wait=200ms",
        ];
        using BackgroundEs head = BackgroundEs.Start(_temp.Path, ["head", "--config", TestFiles.Config("cartpole-tiny.conf"), "--run-dir", _temp.Combine("run"),
            "--set", "es.run.max-generations=100000", "--plain", "--dashboard", "127.0.0.1:0", .. cluster]);
        Uri address = await WaitForAddressAsync(head);
        using BackgroundEs worker = BackgroundEs.Start(_temp.Path, ["worker", "--config", TestFiles.Config("cartpole-tiny.conf"), "--evaluators", "1",
            "--set", "es.run.max-generations=100000", "--set", $"akka.cluster.seed-nodes=[\"akka.tcp://esakka@127.0.0.1:{port}\"]"]);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(90) };
        using var events = await http.GetAsync(new Uri(address, "events"), HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await events.Content.ReadAsStreamAsync());
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        JsonElement[]? members = null;
        bool membersNext = false;
        while (members is null)
        {
            string? line = await reader.ReadLineAsync(deadline.Token) ?? throw new InvalidOperationException("the event stream ended early:\n" + head.Output);
            if (line == "event: members") membersNext = true;
            else if (membersNext && line.StartsWith("data: ", StringComparison.Ordinal))
            {
                membersNext = false;
                JsonElement[] listed = [.. JsonDocument.Parse(line["data: ".Length..]).RootElement.EnumerateArray()];
                // Once the worker is up and its results have been counted over a whole generation (it may show "joining" first).
                if (listed.Any(m => m.GetProperty("role").GetString() == "worker" && m.GetProperty("steps_per_second").GetDouble() > 0)
                    && listed.All(m => m.GetProperty("state").GetString() == "up")) members = listed;
            }
        }
        Assert.Equal(2, members.Length);
        JsonElement headRow = Assert.Single(members, m => m.GetProperty("role").GetString() == "head");
        Assert.Equal($"akka.tcp://esakka@127.0.0.1:{port}", headRow.GetProperty("name").GetString());
        Assert.Equal("up", headRow.GetProperty("state").GetString());
        JsonElement workerRow = Assert.Single(members, m => m.GetProperty("role").GetString() == "worker");
        Assert.Equal("up", workerRow.GetProperty("state").GetString());
        Assert.Equal(1, workerRow.GetProperty("evaluators").GetInt32());

        head.Interrupt();
        Assert.True(await head.WaitAsync(TimeSpan.FromSeconds(60)) == 0, head.Output);
        Assert.True(await worker.WaitAsync(TimeSpan.FromSeconds(60)) == 0, worker.Output);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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
