// Pins PixelFreeway-v0's rules with scripted positions: crossing scores, cars send the chicken back, cars move and wrap, determinism.
namespace Es.Core.Tests.Environments.Pixels;

using Es.Core.Environments;
using static PixelGameScript;

public sealed class FreewayEnvironmentTests
{
    // State layout: [chicken row, then per lane 1..8: car column, direction, period, timer].
    private static FreewayEnvironment Game(Action<double[]>? lanes = null) =>
        At(new FreewayEnvironment(), s =>
        {
            s[0] = 9;
            for (int lane = 0; lane < 8; lane++)
            {
                s[1 + lane * 4] = 0; s[2 + lane * 4] = 1; s[3 + lane * 4] = 1000; s[4 + lane * 4] = 1000;
            }
            lanes?.Invoke(s);
        });

    [Fact]
    public void Spec_IsThreeChannelsOfTenByTen_TruncatedAt200()
    {
        EnvironmentSpec spec = FreewayEnvironment.CreateSpec();
        Assert.Equal(new[] { 3, 10, 10 }, spec.ObservationSpace.Shape);
        Assert.Equal(new DiscreteSpace(3), spec.ActionSpace);
        Assert.Equal(200, spec.MaxEpisodeSteps);
    }

    [Fact]
    public void NineStepsUpAnEmptyRoad_ScoreOnePoint_AndStartAgainAtTheBottom()
    {
        FreewayEnvironment game = Game();
        var rewards = new double[9];
        for (int t = 0; t < 9; t++) rewards[t] = Step(game, 1).Reward;
        Assert.Equal([0, 0, 0, 0, 0, 0, 0, 0, 1], rewards);
        Assert.Equal(9, State(game)[0]);
    }

    [Fact]
    public void ACarInTheChickensCell_SendsItBackToTheBottom()
    {
        FreewayEnvironment game = Game(s => s[1 + 7 * 4] = 4); // lane 8's car in column 4
        var obs = new float[300];
        StepResult r = Step(game, 1, obs);
        Assert.Equal(0, r.Reward);
        Assert.False(r.Done);
        Assert.True(Lit(obs, 0, 9, 4));
    }

    [Fact]
    public void CarsMoveEveryPeriodSteps_AndWrapAround()
    {
        FreewayEnvironment game = Game(s => { s[1] = 9; s[3] = 2; s[4] = 2; }); // lane 1: column 9, right, every 2 steps
        var obs = new float[300];
        Step(game, 0, obs);
        Assert.True(Lit(obs, 1, 1, 9));
        Step(game, 0, obs);
        Assert.True(Lit(obs, 1, 1, 0));
        Assert.True(Lit(obs, 2, 1, 9)); // the trail behind it shows where it came from
    }

    [Fact]
    public void TheGameNeverTerminates_ItIsTruncatedAt200Steps()
    {
        var game = new FreewayEnvironment();
        var obs = new float[300];
        game.Reset(1, obs);
        StepResult r = default;
        for (int t = 0; t < 200; t++)
        {
            Assert.False(r.Done);
            r = game.Step([1], obs);
            Assert.False(r.Terminated);
        }
        Assert.True(r.Truncated);
    }

    [Fact]
    public void SameSeedAndActions_GiveTheSameEpisode()
    {
        int[] actions = [1, 1, 0, 1, 2, 1];
        var a = Play(new FreewayEnvironment(), 4, actions, 200);
        var b = Play(new FreewayEnvironment(), 4, actions, 200);
        Assert.Equal(a.Return, b.Return);
        Assert.Equal(a.Last, b.Last);
    }
}
