// A Space-Invaders-like pixel game: shoot a descending block of aliens and dodge their bullets.
namespace Es.Core.Environments;

using Es.Core.Random;

/// <summary>
/// <c>PixelInvaders-v0</c>: a cannon on the bottom row under a block of 18 aliens (rows 1–3,
/// columns 2–7) that marches sideways one cell every 4 steps, and down a row (reversing) when it
/// meets a wall. The cannon fires a bullet straight up (at most one shot every 4 steps); a bullet
/// that meets an alien destroys it (+1). Every 5 steps the lowest alien of the column nearest the
/// cannon drops a bullet. The episode ends when an alien bullet reaches the cannon or an alien
/// reaches the bottom row; a cleared block is replaced by a fresh one. docs/tasks.md lists the
/// order of the moves within a step.
/// </summary>
/// <remarks>
/// Observation: 4 channels × 10 × 10 — cannon, alien, cannon bullet, alien bullet.
/// Actions: Discrete(4): 0 stay, 1 left, 2 right, 3 fire. Step limit 500.
/// State layout: [cannon column, shot cooldown, march direction (±1), steps to the next march,
/// steps to the next alien shot, over (0/1), then three 100-cell grids row by row: aliens, cannon
/// bullets, alien bullets].
/// </remarks>
public sealed class InvadersEnvironment : PixelGame
{
    /// <summary>Registry id.</summary>
    public const string EnvironmentId = "PixelInvaders-v0";

    /// <summary>Steps between two marches of the alien block.</summary>
    public const int MarchInterval = 4;

    /// <summary>Steps between two alien shots.</summary>
    public const int AlienShotInterval = 5;

    /// <summary>Steps after a shot before the cannon can fire again (it fires every 4th step at most).</summary>
    public const int ShotCooldown = 3;

    private const int Cannon = 0, Cooldown = 1, Direction = 2, MarchTimer = 3, ShotTimer = 4, Over = 5;
    private const int Aliens = 6, Shots = Aliens + Cells, Bombs = Shots + Cells;

    /// <summary>Creates a game; call <see cref="EnvironmentBase.Reset"/> before stepping.</summary>
    public InvadersEnvironment()
        : base(CreateSpec(), Bombs + Cells)
    {
    }

    /// <summary>Box(0, 1, (4, 10, 10)) observations, 4 actions, 500 steps.</summary>
    public static EnvironmentSpec CreateSpec() => CreateSpec(EnvironmentId, 4, 4, 500);

    /// <summary>Aliens alive.</summary>
    public int AliensLeft
    {
        get
        {
            int n = 0;
            for (int i = 0; i < Cells; i++) n += State[Aliens + i] != 0 ? 1 : 0;
            return n;
        }
    }

    /// <inheritdoc/>
    protected override void SampleInitialState(ref Rng rng, Span<double> state)
    {
        state.Clear();
        state[Cannon] = rng.NextInt64(Size);
        state[Direction] = rng.NextInt64(2) == 0 ? -1 : 1;
        state[MarchTimer] = MarchInterval;
        state[ShotTimer] = AlienShotInterval;
        FillAliens(state);
    }

    /// <inheritdoc/>
    protected override (double Reward, bool Terminated) Advance(ReadOnlySpan<float> action)
    {
        int a = ActionChecks.DiscreteIndex(action, 4, EnvironmentId);
        Span<double> s = State;
        if (s[Over] != 0) return (0, true);
        double reward = 0;

        // 1. The cannon moves.
        if (a is 1 or 2) s[Cannon] = Math.Clamp((int)s[Cannon] + (a == 1 ? -1 : 1), 0, Size - 1);
        int cannon = (int)s[Cannon];

        // 2. Cannon bullets rise one row (top row first, so no bullet meets another); one meeting an alien destroys it.
        for (int r = 0; r < Size; r++)
        {
            for (int c = 0; c < Size; c++)
            {
                if (s[Shots + r * Size + c] == 0) continue;
                s[Shots + r * Size + c] = 0;
                if (r == 0) continue;
                if (s[Aliens + (r - 1) * Size + c] != 0)
                {
                    s[Aliens + (r - 1) * Size + c] = 0;
                    reward += 1;
                }
                else
                {
                    s[Shots + (r - 1) * Size + c] = 1;
                }
            }
        }

        // 3. Fire: a new bullet just above the cannon.
        if (a == 3 && s[Cooldown] == 0)
        {
            s[Cooldown] = ShotCooldown;
            int cell = (Size - 2) * Size + cannon;
            if (s[Aliens + cell] != 0)
            {
                s[Aliens + cell] = 0;
                reward += 1;
            }
            else
            {
                s[Shots + cell] = 1;
            }
        }
        else if (s[Cooldown] > 0)
        {
            s[Cooldown] -= 1;
        }

        // 4. Alien bullets fall one row (bottom row first); one leaving the bottom row is gone.
        for (int r = Size - 1; r >= 0; r--)
        {
            for (int c = 0; c < Size; c++)
            {
                if (s[Bombs + r * Size + c] == 0) continue;
                s[Bombs + r * Size + c] = 0;
                if (r + 1 < Size) s[Bombs + (r + 1) * Size + c] = 1;
            }
        }

        // 5. The block marches: sideways, or down a row and back when a wall is in the way.
        bool landed = false;
        s[MarchTimer] -= 1;
        if (s[MarchTimer] == 0)
        {
            s[MarchTimer] = MarchInterval;
            reward += March(s, ref landed);
        }

        // 6. The lowest alien of the column nearest the cannon (lower column on a tie) shoots.
        s[ShotTimer] -= 1;
        if (s[ShotTimer] == 0)
        {
            s[ShotTimer] = AlienShotInterval;
            Shoot(s, cannon);
        }

        // 7. A cleared block is replaced.
        if (AliensLeft == 0)
        {
            FillAliens(s);
            s[Direction] = 1;
            s[MarchTimer] = MarchInterval;
        }

        bool hit = s[Bombs + (Size - 1) * Size + cannon] != 0;
        if (hit || landed) s[Over] = 1;
        return (reward, hit || landed);
    }

    /// <inheritdoc/>
    protected override void WriteObservation(Span<float> observation)
    {
        ReadOnlySpan<double> s = State;
        observation.Clear();
        observation[Cell(0, Size - 1, (int)s[Cannon])] = 1;
        for (int i = 0; i < Cells; i++)
        {
            if (s[Aliens + i] != 0) observation[Cells + i] = 1;
            if (s[Shots + i] != 0) observation[2 * Cells + i] = 1;
            if (s[Bombs + i] != 0) observation[3 * Cells + i] = 1;
        }
    }

    private static void FillAliens(Span<double> s)
    {
        for (int r = 1; r <= 3; r++)
            for (int c = 2; c <= 7; c++)
                s[Aliens + r * Size + c] = 1;
    }

    private static double March(Span<double> s, ref bool landed)
    {
        int direction = (int)s[Direction];
        int edge = direction > 0 ? Size - 1 : 0;
        bool blocked = false;
        for (int r = 0; r < Size && !blocked; r++) blocked = s[Aliens + r * Size + edge] != 0;
        int dRow = blocked ? 1 : 0, dColumn = blocked ? 0 : direction;
        if (blocked) s[Direction] = -direction;

        Span<double> moved = stackalloc double[Cells];
        for (int r = 0; r < Size; r++)
            for (int c = 0; c < Size; c++)
                if (s[Aliens + r * Size + c] != 0) moved[(r + dRow) * Size + c + dColumn] = 1; // rows ≥ 9 end the game below, never overflow
        double reward = 0;
        for (int i = 0; i < Cells; i++)
        {
            if (moved[i] != 0 && s[Shots + i] != 0)
            {
                moved[i] = 0;
                s[Shots + i] = 0;
                reward += 1;
            }
            s[Aliens + i] = moved[i];
            if (moved[i] != 0 && i >= (Size - 1) * Size) landed = true;
        }
        return reward;
    }

    private static void Shoot(Span<double> s, int cannon)
    {
        int bestColumn = -1, bestRow = -1;
        for (int c = 0; c < Size; c++)
        {
            int lowest = -1;
            for (int r = 0; r < Size; r++)
                if (s[Aliens + r * Size + c] != 0) lowest = r;
            if (lowest < 0) continue;
            if (bestColumn < 0 || Math.Abs(c - cannon) < Math.Abs(bestColumn - cannon))
            {
                bestColumn = c;
                bestRow = lowest;
            }
        }
        if (bestColumn >= 0 && bestRow + 1 < Size) s[Bombs + (bestRow + 1) * Size + bestColumn] = 1;
    }
}
