// `es envs` lists every registered environment and test function, as text and as JSON.
using System.Text.Json;
using Es.Core.Environments;
using Es.Core.Objectives;

namespace Es.Node.Tests;

public class EnvsCommandTests
{
    [Fact]
    public async Task Plain_ListsEveryEnvironmentAndTestFunction()
    {
        CliResult r = await Cli.RunAsync("envs");
        Assert.True(r.ExitCode == 0, r.ToString());
        foreach (string id in EnvironmentRegistry.Ids.Concat(ObjectiveRegistry.Ids))
            Assert.Contains(id, r.Stdout, StringComparison.Ordinal);
        Assert.Contains("Discrete(2)", r.Stdout, StringComparison.Ordinal);
        Assert.Equal(string.Empty, r.Stderr);
    }

    [Fact]
    public async Task Plain_ListsTheMuJoCoTasksWithTheirSpaces()
    {
        CliResult r = await Cli.RunAsync("envs");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Matches(@"Humanoid +observation Box\(-Infinity, Infinity, \(426,\)\) +action Box\(-1, 1, \(21,\)\) +step limit 1000", r.Stdout);
        Assert.Contains("HumanoidStandup", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("Arm26Reach", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("MuJoCo ", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_GivesSpacesStepLimitsAndDefaultDimensions()
    {
        CliResult r = await Cli.RunAsync("envs", "--json");
        Assert.True(r.ExitCode == 0, r.ToString());
        using JsonDocument doc = JsonDocument.Parse(r.Stdout);
        JsonElement[] envs = doc.RootElement.GetProperty("environments").EnumerateArray().ToArray();
        Assert.Equal(EnvironmentRegistry.Ids, envs.Select(e => e.GetProperty("id").GetString()));
        foreach (JsonElement e in envs)
        {
            if (e.TryGetProperty("unavailable", out JsonElement why))
            {
                // Only the user-model task cannot show a spec without settings: it needs es.env.mujoco.model.
                Assert.Equal("MuJoCo", e.GetProperty("id").GetString());
                Assert.Contains("es.env.mujoco.model", why.GetString(), StringComparison.Ordinal);
                continue;
            }

            EnvironmentSpec spec = EnvironmentRegistry.GetSpec(e.GetProperty("id").GetString()!);
            Assert.Equal(spec.ObservationSpace.ToString(), e.GetProperty("observation_space").GetString());
            Assert.Equal(spec.ActionSpace.ToString(), e.GetProperty("action_space").GetString());
            Assert.Equal(spec.MaxEpisodeSteps, e.GetProperty("max_episode_steps").GetInt32());
        }
        var functions = doc.RootElement.GetProperty("test_functions").EnumerateArray()
            .ToDictionary(f => f.GetProperty("id").GetString()!, f => f.GetProperty("default_dimension").GetInt32());
        Assert.Equal(ObjectiveRegistry.Ids.Order(StringComparer.Ordinal), functions.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(3, functions["quadratic"]);
        Assert.Equal(ObjectiveRegistry.DefaultDimension, functions["sphere"]);
    }
}
