// `es inspect` prints a checkpoint's identity as one JSON object, with θ's SHA-256.
using System.Text.Json;
using Es.Core.Checkpoints;
using Es.Core.Numerics;

namespace Es.Node.Tests;

public class InspectCommandTests(CheckpointFixture fixture) : IClassFixture<CheckpointFixture>
{
    [Fact]
    public async Task PrintsOneJsonObject_WithEveryField_AndTheParameterHash()
    {
        CliResult r = await Cli.RunAsync("inspect", "--checkpoint", fixture.Path);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Single(r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using JsonDocument doc = JsonDocument.Parse(r.Stdout);
        JsonElement o = doc.RootElement;
        Checkpoint c = fixture.Checkpoint;
        Assert.Equal(3, o.GetProperty("generation").GetInt64());
        Assert.Equal("CartPole-v1", o.GetProperty("env_id").GetString());
        Assert.Equal(c.Strategy.Center.Length, o.GetProperty("parameter_count").GetInt32());
        Assert.Equal(ParameterHash.Sha256Hex(c.Strategy.Center), o.GetProperty("parameters_sha256").GetString());
        Assert.Matches("^[0-9a-f]{64}$", o.GetProperty("parameters_sha256").GetString());
        Assert.Equal(5UL, o.GetProperty("run_seed").GetUInt64());
        Assert.Equal(c.Timesteps, o.GetProperty("timesteps").GetInt64());
        Assert.Equal(c.Episodes, o.GetProperty("episodes").GetInt64());
        Assert.Equal(42.5, o.GetProperty("best_return").GetDouble());
        Assert.Equal(CheckpointFile.FormatVersion, o.GetProperty("format_version").GetInt32());
        Assert.Equal("openai-es", o.GetProperty("strategy").GetString());
    }

    [Fact]
    public async Task CorruptedCheckpoint_Exits2_NamingTheFileAndTheProblem()
    {
        using var temp = new TempDirectory();
        string corrupted = fixture.CorruptedCopy(temp);
        CliResult r = await Cli.RunAsync("inspect", "--checkpoint", corrupted);
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.StartsWith("es: ", r.Stderr, StringComparison.Ordinal);
        Assert.Contains(corrupted, r.Stderr, StringComparison.Ordinal);
        Assert.Contains("corrupted", r.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, r.Stdout);
    }

    [Fact]
    public async Task MissingCheckpoint_Exits2()
    {
        CliResult r = await Cli.RunAsync("inspect", "--checkpoint", "/nonexistent/es-node-tests.ckpt");
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains("/nonexistent/es-node-tests.ckpt", r.Stderr, StringComparison.Ordinal);
    }
}
