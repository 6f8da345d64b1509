// Bad input exits 2 with a message that names what is wrong, and creates no run directory.
namespace Es.Node.Tests;

public sealed class BadInputTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private string RunDir => _temp.Combine("run");

    public void Dispose() => _temp.Dispose();

    /// <summary>Runs train with a config and extra args, and checks exit 2, "es: " messages and no run directory.</summary>
    private async Task<CliResult> TrainBadly(string config, params string[] extra)
    {
        CliResult r = await Cli.RunAsync(["train", "--config", config, "--run-dir", RunDir, .. extra]);
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.StartsWith("es: ", r.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(RunDir), "a run directory was created for bad input");
        return r;
    }

    [Fact]
    public async Task InvalidValue_NamesFileLineColumnAndKey()
    {
        string file = _temp.Write("sigma.conf", "es {\n  strategy {\n    sigma = -1\n  }\n}\n");
        CliResult r = await TrainBadly(file);
        Assert.Matches(@"^es: " + System.Text.RegularExpressions.Regex.Escape(file) + @":3:\d+: es\.strategy\.sigma: ", r.Stderr);
    }

    [Fact]
    public async Task OneLineInvalidValue_NamesFileLineColumnAndKey()
    {
        string file = _temp.Write("sigma1.conf", "es { strategy { sigma = -1 } }\n");
        CliResult r = await TrainBadly(file);
        Assert.Contains(file + ":1:25: es.strategy.sigma: ", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SettingWithoutEffect_NamesTheOverrideKeyAndReason()
    {
        // The shipped CartPole policy is linear: hidden sizes would be silently ignored.
        string cartpole = Path.Combine(TestFiles.RepositoryRoot(), "hocon", "tasks", "cartpole.conf");
        CliResult r = await TrainBadly(cartpole, "--set", "es.policy.hidden=[100000,100000]");
        Assert.Contains("es: --set:1:", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("es.policy.hidden: has no effect: a linear policy has no hidden layers", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SyntaxError_NamesFileLineAndColumn()
    {
        string file = _temp.Write("syntax.conf", "es {\n  run.seed = 3\n  strategy {\n    sigma = \n");
        CliResult r = await TrainBadly(file);
        Assert.Matches(@"^es: " + System.Text.RegularExpressions.Regex.Escape(file) + @":4:\d+: es\.strategy\.sigma", r.Stderr);
    }

    [Fact]
    public async Task UnknownKey_SuggestsTheNearestKnownOne()
    {
        string file = _temp.Write("typo.conf", "es.run.seed = 3\nes.strategy.sigm = 0.1\n");
        CliResult r = await TrainBadly(file);
        Assert.Contains(file + ":2:", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("did you mean es.strategy.sigma?", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MuJoCoModelThatDoesNotExist_NamesFileKeyAndPath()
    {
        string file = _temp.Write("robot.conf", "es.env.id = MuJoCo\nes.env.mujoco.model = \"/nowhere/robot.xml\"\n");
        CliResult r = await TrainBadly(file);
        Assert.Contains(file + ":2:", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("es.env.mujoco.model", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("'/nowhere/robot.xml' does not exist", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingConfigFile()
    {
        string missing = _temp.Combine("nope.conf");
        CliResult r = await TrainBadly(missing);
        Assert.Contains("config file not found: " + missing, r.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("es.strategy.sigma", "expected key=value")]
    [InlineData("=3", "expected key=value")]
    [InlineData("run.seed=3", "did you mean es.run.seed?")]
    [InlineData("es.run.seed=abc", "--set:1:")]
    [InlineData("es.strategy.sigmaa=0.1", "did you mean es.strategy.sigma?")]
    public async Task BadOverride(string set, string expected)
    {
        CliResult r = await TrainBadly(TestFiles.Config("cartpole-tiny.conf"), "--set", set);
        Assert.Contains(expected, r.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--evaluators", "two")]
    [InlineData("--evaluators", "-1")]
    [InlineData("--bogus", "1")]
    public async Task BadOption(string option, string value)
    {
        CliResult r = await TrainBadly(TestFiles.Config("cartpole-tiny.conf"), option, value);
        Assert.Contains(option == "--bogus" ? "--bogus" : value, r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CorruptedResumeCheckpoint()
    {
        string corrupted = _temp.Write("bad.ckpt", "ESAKKACK and then nonsense");
        CliResult r = await TrainBadly(TestFiles.Config("cartpole-tiny.conf"), "--resume", corrupted);
        Assert.Contains(corrupted + ":", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResumeCheckpointOfAnotherSeed()
    {
        using var fixture = new CheckpointFixture();
        CliResult r = await TrainBadly(TestFiles.Config("cartpole-tiny.conf"), "--resume", fixture.Path, "--set", "es.run.seed=6");
        Assert.Contains("run seed 5", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResumeCheckpointOfAnotherStrategy()
    {
        using var fixture = new CheckpointFixture();
        CliResult r = await TrainBadly(TestFiles.Config("cartpole-tiny.conf"), "--resume", fixture.Path, "--set", "es.strategy.name=cma-es",
            "--set", "es.strategy.optimizer.learning-rate=null");
        Assert.Contains("was written by strategy openai-es, the configuration's es.strategy.name is cma-es", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunDirectoryThatAlreadyHoldsARun_IsRefusedAndLeftAlone()
    {
        Directory.CreateDirectory(RunDir);
        File.WriteAllText(Path.Combine(RunDir, "metrics.jsonl"), "{}\n");
        CliResult r = await Cli.RunAsync("train", "--config", TestFiles.Config("cartpole-tiny.conf"), "--run-dir", RunDir);
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains("already holds a run", r.Stderr, StringComparison.Ordinal);
        Assert.Equal(["metrics.jsonl"], Directory.GetFiles(RunDir).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("trian", "unknown command 'trian' (did you mean 'train'?)")]
    [InlineData("fly", "unknown command 'fly'")]
    public async Task UnknownCommand(string command, string expected)
    {
        CliResult r = await Cli.RunAsync(command, "--config", "x.conf");
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.StartsWith("es: " + expected, r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoCommand()
    {
        CliResult r = await Cli.RunAsync();
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.StartsWith("es: a command is required", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingRequiredOption()
    {
        CliResult r = await Cli.RunAsync("train");
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains("--config", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_Exits0()
    {
        CliResult r = await Cli.RunAsync("train", "--help");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("--run-dir", r.Stdout, StringComparison.Ordinal);
    }
}
