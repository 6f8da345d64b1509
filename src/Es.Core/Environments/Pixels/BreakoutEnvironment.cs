// A Breakout-like pixel game: keep a ball in play with a paddle and break the bricks above.
namespace Es.Core.Environments;

using Es.Core.Random;

/// <summary>
/// <c>PixelBreakout-v0</c>: a paddle on the bottom row, a ball that moves one cell diagonally per
/// step, and three rows of bricks (rows 1–3). Rules (docs/tasks.md has the full list): the paddle
/// moves first; the ball bounces off the side and top walls; a ball whose next cell holds a brick
/// removes it (+1), reverses its vertical direction and stays where it is for that step; a ball
/// about to enter the bottom row bounces up if the paddle is in that column, and is lost otherwise
/// (the episode terminates). When the last brick goes, all 30 come back. The ball starts in row 4,
/// in column 0 or 9 (drawn from the seed), heading down toward the middle, with the paddle in column 4.
/// </summary>
/// <remarks>
/// Observation: 4 channels × 10 × 10 — paddle, ball, trail (the ball's previous cell, which shows
/// its direction), brick. Actions: Discrete(3): 0 stay, 1 left, 2 right. Step limit 500.
/// State layout: [paddle column, ball row, ball column, row direction, column direction, trail row,
/// trail column, lost (0/1), then 30 bricks row by row (1 = present)].
/// </remarks>
public sealed class BreakoutEnvironment : PixelGame
{
    /// <summary>Registry id.</summary>
    public const string EnvironmentId = "PixelBreakout-v0";

    private const int Paddle = 0, BallRow = 1, BallColumn = 2, RowDirection = 3, ColumnDirection = 4, TrailRow = 5, TrailColumn = 6, Lost = 7, Bricks = 8;
    private const int FirstBrickRow = 1, BrickRows = 3;

    /// <summary>Creates a game; call <see cref="EnvironmentBase.Reset"/> before stepping.</summary>
    public BreakoutEnvironment()
        : base(CreateSpec(), Bricks + BrickRows * Size)
    {
    }

    /// <summary>Box(0, 1, (4, 10, 10)) observations, 3 actions, 500 steps.</summary>
    public static EnvironmentSpec CreateSpec() => CreateSpec(EnvironmentId, 4, 3, 500);

    /// <summary>Bricks still standing.</summary>
    public int BricksLeft
    {
        get
        {
            int n = 0;
            for (int i = 0; i < BrickRows * Size; i++) n += State[Bricks + i] != 0 ? 1 : 0;
            return n;
        }
    }

    /// <inheritdoc/>
    protected override void SampleInitialState(ref Rng rng, Span<double> state)
    {
        // As in MinAtar: the serve comes from a top corner of the play field toward the middle, where
        // the paddle waits, so the first catch is always possible (it lands in column 5 or 4).
        bool left = rng.NextInt64(2) == 0;
        int column = left ? 0 : Size - 1;
        int direction = left ? 1 : -1;
        state[Paddle] = 4;
        state[BallRow] = 4;
        state[BallColumn] = column;
        state[RowDirection] = 1;
        state[ColumnDirection] = direction;
        state[TrailRow] = 4;
        state[TrailColumn] = column;
        state[Lost] = 0;
        state.Slice(Bricks).Fill(1);
    }

    /// <inheritdoc/>
    protected override (double Reward, bool Terminated) Advance(ReadOnlySpan<float> action)
    {
        int a = ActionChecks.DiscreteIndex(action, 3, EnvironmentId);
        Span<double> s = State;
        if (s[Lost] != 0) return (0, true);

        int paddle = (int)s[Paddle] + (a == 1 ? -1 : a == 2 ? 1 : 0);
        s[Paddle] = Math.Clamp(paddle, 0, Size - 1);

        int row = (int)s[BallRow], column = (int)s[BallColumn];
        int dRow = (int)s[RowDirection], dColumn = (int)s[ColumnDirection];
        s[TrailRow] = row;
        s[TrailColumn] = column;

        int nextColumn = column + dColumn;
        if (nextColumn is < 0 or >= Size)
        {
            dColumn = -dColumn;
            nextColumn = column + dColumn;
        }
        int nextRow = row + dRow;
        if (nextRow < 0)
        {
            dRow = 1;
            nextRow = row + dRow;
        }

        double reward = 0;
        bool terminated = false;
        if (IsBrickRow(nextRow) && s[BrickIndex(nextRow, nextColumn)] != 0)
        {
            s[BrickIndex(nextRow, nextColumn)] = 0;
            reward = 1;
            dRow = -dRow; // the ball stays in its cell this step
        }
        else if (nextRow == Size - 1)
        {
            if ((int)s[Paddle] == nextColumn)
            {
                dRow = -1;
                column = nextColumn; // slides along row 8 and rises from there
            }
            else
            {
                row = nextRow;
                column = nextColumn;
                s[Lost] = 1;
                terminated = true;
            }
        }
        else
        {
            row = nextRow;
            column = nextColumn;
        }

        s[BallRow] = row;
        s[BallColumn] = column;
        s[RowDirection] = dRow;
        s[ColumnDirection] = dColumn;
        if (BricksLeft == 0) s.Slice(Bricks).Fill(1);
        return (reward, terminated);
    }

    /// <inheritdoc/>
    protected override void WriteObservation(Span<float> observation)
    {
        ReadOnlySpan<double> s = State;
        observation.Clear();
        observation[Cell(0, Size - 1, (int)s[Paddle])] = 1;
        observation[Cell(1, (int)s[BallRow], (int)s[BallColumn])] = 1;
        observation[Cell(2, (int)s[TrailRow], (int)s[TrailColumn])] = 1;
        for (int r = 0; r < BrickRows; r++)
            for (int c = 0; c < Size; c++)
                if (s[Bricks + r * Size + c] != 0) observation[Cell(3, FirstBrickRow + r, c)] = 1;
    }

    private static bool IsBrickRow(int row) => row >= FirstBrickRow && row < FirstBrickRow + BrickRows;

    private static int BrickIndex(int row, int column) => Bricks + (row - FirstBrickRow) * Size + column;
}
