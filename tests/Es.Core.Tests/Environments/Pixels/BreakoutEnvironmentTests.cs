// Pins PixelBreakout-v0's rules with scripted positions: paddle catch, loss, brick hits, walls, refill, determinism.
namespace Es.Core.Tests.Environments.Pixels;

using Es.Core.Environments;
using static PixelGameScript;

public sealed class BreakoutEnvironmentTests
{
    // State layout: [paddle, ball row, ball column, row dir, column dir, trail row, trail column, lost, 30 bricks].
    private static BreakoutEnvironment Game(int paddle, int row, int column, int dRow, int dColumn, bool bricks = true) =>
        At(new BreakoutEnvironment(), s =>
        {
            s[0] = paddle; s[1] = row; s[2] = column; s[3] = dRow; s[4] = dColumn; s[5] = row; s[6] = column;
            if (bricks) Array.Fill(s, 1, 8, 30);
        });

    [Fact]
    public void Spec_IsFourChannelsOfTenByTen_WithThreeActions()
    {
        EnvironmentSpec spec = BreakoutEnvironment.CreateSpec();
        Assert.Equal(new[] { 4, 10, 10 }, spec.ObservationSpace.Shape);
        Assert.Equal(400, spec.ObservationSize);
        Assert.Equal(new DiscreteSpace(3), spec.ActionSpace);
        Assert.Equal("Box(0, 1, (4, 10, 10))", spec.ObservationSpace.ToString());
    }

    [Fact]
    public void PaddleUnderTheLandingCell_SendsTheBallBackUp()
    {
        BreakoutEnvironment game = Game(paddle: 3, row: 8, column: 3, dRow: 1, dColumn: 1);
        var obs = new float[400];
        StepResult r = Step(game, 2, obs); // right: the paddle reaches column 4 where the ball lands
        Assert.False(r.Terminated);
        Assert.Equal([4, 8, 4, -1, 1, 8, 3], State(game)[..7]);
        Assert.True(Lit(obs, 0, 9, 4) && Lit(obs, 1, 8, 4) && Lit(obs, 2, 8, 3));
    }

    [Fact]
    public void BallMissedByThePaddle_IsLostAndTheEpisodeTerminates()
    {
        BreakoutEnvironment game = Game(paddle: 3, row: 8, column: 3, dRow: 1, dColumn: 1);
        StepResult r = Step(game, 0);
        Assert.True(r.Terminated);
        Assert.Equal(0, r.Reward);
        Assert.Equal(9, State(game)[1]);
        Assert.True(Step(game, 0).Terminated); // stays over, with no reward
    }

    [Fact]
    public void BrickInTheBallsPath_IsBrokenForOnePoint_AndTheBallTurnsWithoutMoving()
    {
        BreakoutEnvironment game = Game(paddle: 0, row: 4, column: 5, dRow: -1, dColumn: 1);
        StepResult r = Step(game, 0);
        Assert.Equal(1, r.Reward);
        Assert.Equal(29, game.BricksLeft);
        double[] s = State(game);
        Assert.Equal([4, 5, 1, 1], new[] { s[1], s[2], s[3], s[4] });
        Assert.Equal(0, s[8 + 2 * 10 + 6]); // row 3, column 6
    }

    [Fact]
    public void SideAndTopWalls_Reflect()
    {
        BreakoutEnvironment side = Game(paddle: 0, row: 6, column: 9, dRow: 1, dColumn: 1);
        Step(side, 0);
        Assert.Equal([7, 8, 1, -1], State(side)[1..5]);
        BreakoutEnvironment top = Game(paddle: 0, row: 0, column: 4, dRow: -1, dColumn: 1, bricks: false);
        Step(top, 0);
        Assert.Equal([1, 5, 1, 1], State(top)[1..5]);
    }

    [Fact]
    public void LastBrickBroken_BringsBackAllThirty()
    {
        BreakoutEnvironment game = At(new BreakoutEnvironment(), s =>
        {
            s[1] = 4; s[2] = 2; s[3] = -1; s[4] = 1; s[5] = 4; s[6] = 2;
            s[8 + 2 * 10 + 3] = 1; // only the brick at (3, 3), in the ball's path
        });
        Assert.Equal(1, game.BricksLeft);
        Assert.Equal(1, Step(game, 0).Reward);
        Assert.Equal(30, game.BricksLeft);
    }

    [Fact]
    public void SameSeedAndActions_GiveTheSameEpisode_AndSeedsDiffer()
    {
        int[] actions = [0, 1, 2, 2, 1, 0, 2];
        var a = Play(new BreakoutEnvironment(), 7, actions, 500);
        var b = Play(new BreakoutEnvironment(), 7, actions, 500);
        Assert.Equal(a.Return, b.Return);
        Assert.Equal(a.Last, b.Last);
        var starts = Enumerable.Range(0, 20).Select(seed =>
        {
            var game = new BreakoutEnvironment();
            game.Reset((ulong)seed, new float[400]);
            return string.Join(",", State(game)[..7]);
        }).Distinct().Order().ToArray();
        Assert.Equal(["4,4,0,1,1,4,0", "4,4,9,1,-1,4,9"], starts); // the two serves: from the left or right corner toward the middle
    }

    [Fact]
    public void TrackingTheBall_KeepsItInPlayForTheWholeEpisode()
    {
        // A scripted player that starts under the ball and follows it to the column it moves to next
        // never loses it (the paddle is as fast as the ball): the game is winnable by its rules.
        var game = new BreakoutEnvironment();
        var obs = new float[400];
        game.Reset(3, obs);
        double[] start = State(game);
        start[0] = start[2];
        game.SetState(start, 0);
        double total = 0;
        int steps = 0;
        while (true)
        {
            double[] s = State(game);
            var lookahead = new BreakoutEnvironment(); // where the ball goes next does not depend on the action
            lookahead.SetState(s, game.ElapsedSteps);
            Step(lookahead, 0);
            int target = (int)State(lookahead)[2];
            int action = target < s[0] ? 1 : target > s[0] ? 2 : 0;
            StepResult r = Step(game, action, obs);
            total += r.Reward;
            steps++;
            if (r.Done)
            {
                Assert.False(r.Terminated, $"the ball was lost at step {steps}");
                break;
            }
        }
        Assert.Equal(500, steps);
        Assert.True(total >= 20, $"only {total} bricks in 500 steps");
    }
}
