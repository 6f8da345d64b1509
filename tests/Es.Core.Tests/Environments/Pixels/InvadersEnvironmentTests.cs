// Pins PixelInvaders-v0's rules with scripted positions: shooting, cooldown, alien bullets, the march, new waves, determinism.
namespace Es.Core.Tests.Environments.Pixels;

using Es.Core.Environments;
using static PixelGameScript;

public sealed class InvadersEnvironmentTests
{
    // State layout: [cannon, cooldown, direction, march timer, shot timer, over, aliens 100, shots 100, bombs 100].
    private const int Aliens = 6, Shots = 106, Bombs = 206;

    private static InvadersEnvironment Game(int cannon, (int Row, int Column)[] aliens, int marchTimer = 1000, int shotTimer = 1000, int direction = 1) =>
        At(new InvadersEnvironment(), s =>
        {
            s[0] = cannon; s[2] = direction; s[3] = marchTimer; s[4] = shotTimer;
            foreach (var (r, c) in aliens) s[Aliens + r * 10 + c] = 1;
        });

    [Fact]
    public void Spec_IsFourChannelsOfTenByTen_WithFourActions()
    {
        EnvironmentSpec spec = InvadersEnvironment.CreateSpec();
        Assert.Equal(new[] { 4, 10, 10 }, spec.ObservationSpace.Shape);
        Assert.Equal(new DiscreteSpace(4), spec.ActionSpace);
        Assert.Equal(500, spec.MaxEpisodeSteps);
    }

    [Fact]
    public void Reset_PlacesEighteenAliensInRowsOneToThree()
    {
        var game = new InvadersEnvironment();
        var obs = new float[400];
        game.Reset(5, obs);
        Assert.Equal(18, game.AliensLeft);
        for (int r = 1; r <= 3; r++)
            for (int c = 2; c <= 7; c++)
                Assert.True(Lit(obs, 1, r, c));
    }

    [Fact]
    public void ABulletRisesOneRowPerStep_AndDestroysTheFirstAlienItMeets()
    {
        InvadersEnvironment game = Game(4, [(6, 4), (1, 0)]);
        var obs = new float[400];
        Assert.Equal(0, Step(game, 3, obs).Reward); // fired: the bullet appears at (8, 4)
        Assert.True(Lit(obs, 2, 8, 4));
        Assert.Equal(0, Step(game, 0, obs).Reward); // (7, 4)
        Assert.True(Lit(obs, 2, 7, 4));
        Assert.Equal(1, Step(game, 0, obs).Reward); // meets the alien at (6, 4)
        Assert.Equal(1, game.AliensLeft);
        Assert.False(Lit(obs, 2, 6, 4) || Lit(obs, 1, 6, 4));
    }

    [Fact]
    public void TheCannonFiresAtMostOnceEveryFourSteps()
    {
        InvadersEnvironment game = Game(4, [(1, 0)]);
        var obs = new float[400];
        int[] fired = new int[6];
        for (int t = 0; t < 6; t++)
        {
            Step(game, 3, obs);
            fired[t] = Lit(obs, 2, 8, 4) ? 1 : 0;
        }
        Assert.Equal([1, 0, 0, 0, 1, 0], fired);
    }

    [Fact]
    public void AnAlienBulletReachingTheCannon_EndsTheGame_AndSteppingAsideDodgesIt()
    {
        InvadersEnvironment hit = Game(4, [(1, 0)]);
        double[] state = State(hit);
        state[Bombs + 8 * 10 + 4] = 1;
        hit.SetState(state, 0);
        Assert.True(Step(hit, 0).Terminated);

        InvadersEnvironment dodge = Game(4, [(1, 0)]);
        dodge.SetState(state, 0);
        Assert.False(Step(dodge, 1).Terminated);
    }

    [Fact]
    public void TheBlockMarchesEveryFourSteps_AndStepsDownAndBackAtAWall()
    {
        InvadersEnvironment game = Game(0, [(1, 7), (1, 8)], marchTimer: 4);
        for (int t = 0; t < 3; t++) Step(game, 0);
        Assert.Equal(1, State(game)[Aliens + 1 * 10 + 7]);
        Step(game, 0); // 4th step: right by one
        Assert.Equal([1, 1], new[] { State(game)[Aliens + 1 * 10 + 8], State(game)[Aliens + 1 * 10 + 9] });
        for (int t = 0; t < 4; t++) Step(game, 0); // at the wall: down one row, direction reversed
        double[] s = State(game);
        Assert.Equal([1, 1, -1], new[] { s[Aliens + 2 * 10 + 8], s[Aliens + 2 * 10 + 9], s[2] });
    }

    [Fact]
    public void AnAlienReachingTheBottomRow_EndsTheGame()
    {
        InvadersEnvironment game = Game(0, [(8, 0)], marchTimer: 1, direction: -1);
        Assert.True(Step(game, 0).Terminated);
    }

    [Fact]
    public void TheLowestAlienOfTheNearestColumn_Shoots()
    {
        InvadersEnvironment game = Game(6, [(1, 2), (2, 2), (1, 5), (3, 5)], shotTimer: 1);
        Step(game, 0);
        Assert.Equal(1, State(game)[Bombs + 4 * 10 + 5]);
    }

    [Fact]
    public void AClearedBlock_IsReplacedByAFreshOne()
    {
        InvadersEnvironment game = Game(4, [(8, 4)]);
        Assert.Equal(1, Step(game, 3).Reward); // fired straight into it
        Assert.Equal(18, game.AliensLeft);
    }

    [Fact]
    public void SameSeedAndActions_GiveTheSameEpisode()
    {
        int[] actions = [3, 1, 3, 2, 0, 3, 2];
        var a = Play(new InvadersEnvironment(), 11, actions, 500);
        var b = Play(new InvadersEnvironment(), 11, actions, 500);
        Assert.Equal(a.Return, b.Return);
        Assert.Equal(a.Last, b.Last);
    }
}
