// A Redis restart is survived: operations retry through the outage and the consumer group is re-created. Uses its own server.
using System.Diagnostics;
using Es.Actors.Fabric.Redis;
using Es.Actors.Fabric;
using Es.Actors.Tests.Wire;

namespace Es.Actors.Tests.Fabric;

public sealed class RedisRestartTests
{
    [Fact]
    public async Task Fabric_Should_SurviveAServerRestart_RetryingWritesAndRecreatingTheGroup()
    {
        _ = TestRedis.Url; // the same prerequisite as every Redis test: the scripts have been run at least once
        string port = FreePort();
        string url = Script("redis-start.sh", port);
        try
        {
            await using var fabric = new RedisFabric(new RedisFabricOptions
            {
                Endpoints = [url],
                RunId = TestRedis.NewRunId("restart"),
                RetryBudget = TimeSpan.FromSeconds(30),
                ConnectTimeout = TimeSpan.FromSeconds(1),
            });
            await fabric.PublishTasksAsync([WireSamples.Task(0, 0)]);
            Assert.Single(await fabric.ClaimTasksAsync("w", 1, TimeSpan.FromSeconds(1)));

            Run("redis-cli", $"-p {port} shutdown nosave");
            Task restart = Task.Run(async () =>
            {
                await Task.Delay(1500);
                Script("redis-start.sh", port);
            });

            // Issued while the server is down: retried until it is back (its data is gone: no persistence).
            await fabric.PublishResultAsync(WireSamples.Result(1, 3));
            await restart;
            await fabric.PublishTasksAsync([WireSamples.Task(1, 4)]);
            IReadOnlyList<TaskDelivery> claimed = await fabric.ClaimTasksAsync("w", 5, TimeSpan.FromSeconds(5));
            Assert.Equal([4], claimed.Select(d => d.Task.Task));
            // The server's script cache went with it: the scripted calls still work.
            await fabric.CompleteAsync([new CompletedTask(claimed[0], WireSamples.Result(1, 4))]);
            ResultBatch results = await fabric.ReadResultsAsync(null, 10, TimeSpan.FromSeconds(5));
            Assert.Equal([3, 4], results.Results.Select(r => r.Task).Order());
        }
        finally
        {
            Script("redis-stop.sh", port);
        }
    }

    private static string FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Script(string name, string args)
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "scripts", name))) dir = Path.GetDirectoryName(dir);
        Assert.True(dir is not null, $"scripts/{name} not found above {AppContext.BaseDirectory}");
        return Run("bash", $"{Path.Combine(dir!, "scripts", name)} {args}").Trim().Split('\n')[^1];
    }

    private static string Run(string file, string args)
    {
        using Process process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        string stdout = process.StandardOutput.ReadToEnd();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{file} {args} exited with {process.ExitCode}: {stderr}");
        return stdout;
    }
}
