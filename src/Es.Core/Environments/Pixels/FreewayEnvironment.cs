// A Freeway-like pixel game: walk a chicken across eight lanes of traffic, as often as possible.
namespace Es.Core.Environments;

using Es.Core.Random;

/// <summary>
/// <c>PixelFreeway-v0</c>: a chicken in column 4 starts on the bottom row (9) and must reach the
/// top row (0), crossing lanes 1–8. Each lane holds one car that moves one cell sideways (wrapping
/// around) every <c>period</c> steps, its direction and period (1–4) drawn at reset. Reaching row 0
/// scores +1 and puts the chicken back on row 9; sharing a cell with a car (after the chicken's move
/// or after the cars') also sends it back to row 9, without penalty. The game never terminates: it
/// is truncated at 200 steps.
/// </summary>
/// <remarks>
/// Observation: 3 channels × 10 × 10 — chicken, car, trail (the cell behind each car, which shows
/// its direction). Actions: Discrete(3): 0 stay, 1 up, 2 down.
/// State layout: [chicken row, then for lanes 1–8: car column, direction (±1), period, steps to its next move].
/// </remarks>
public sealed class FreewayEnvironment : PixelGame
{
    /// <summary>Registry id.</summary>
    public const string EnvironmentId = "PixelFreeway-v0";

    /// <summary>The chicken's column.</summary>
    public const int ChickenColumn = 4;

    private const int Chicken = 0, Lanes = 1, Fields = 4;
    private const int Column = 0, Direction = 1, Period = 2, Timer = 3;
    private const int LaneCount = Size - 2;

    /// <summary>Creates a game; call <see cref="EnvironmentBase.Reset"/> before stepping.</summary>
    public FreewayEnvironment()
        : base(CreateSpec(), Lanes + LaneCount * Fields)
    {
    }

    /// <summary>Box(0, 1, (3, 10, 10)) observations, 3 actions, 200 steps.</summary>
    public static EnvironmentSpec CreateSpec() => CreateSpec(EnvironmentId, 3, 3, 200);

    /// <inheritdoc/>
    protected override void SampleInitialState(ref Rng rng, Span<double> state)
    {
        state[Chicken] = Size - 1;
        for (int lane = 0; lane < LaneCount; lane++)
        {
            int b = Lanes + lane * Fields;
            state[b + Column] = rng.NextInt64(Size);
            state[b + Direction] = rng.NextInt64(2) == 0 ? -1 : 1;
            state[b + Period] = 1 + rng.NextInt64(4);
            state[b + Timer] = state[b + Period];
        }
    }

    /// <inheritdoc/>
    protected override (double Reward, bool Terminated) Advance(ReadOnlySpan<float> action)
    {
        int a = ActionChecks.DiscreteIndex(action, 3, EnvironmentId);
        Span<double> s = State;
        double reward = 0;

        int row = Math.Clamp((int)s[Chicken] + (a == 1 ? -1 : a == 2 ? 1 : 0), 0, Size - 1);
        if (row == 0)
        {
            reward = 1;
            row = Size - 1;
        }
        if (HitByCar(s, row)) row = Size - 1;

        for (int lane = 0; lane < LaneCount; lane++)
        {
            int b = Lanes + lane * Fields;
            s[b + Timer] -= 1;
            if (s[b + Timer] == 0)
            {
                s[b + Timer] = s[b + Period];
                s[b + Column] = ((int)s[b + Column] + (int)s[b + Direction] + Size) % Size;
            }
        }
        if (HitByCar(s, row)) row = Size - 1;

        s[Chicken] = row;
        return (reward, false);
    }

    /// <inheritdoc/>
    protected override void WriteObservation(Span<float> observation)
    {
        ReadOnlySpan<double> s = State;
        observation.Clear();
        observation[Cell(0, (int)s[Chicken], ChickenColumn)] = 1;
        for (int lane = 0; lane < LaneCount; lane++)
        {
            int b = Lanes + lane * Fields;
            int column = (int)s[b + Column], direction = (int)s[b + Direction];
            observation[Cell(1, lane + 1, column)] = 1;
            observation[Cell(2, lane + 1, (column - direction + Size) % Size)] = 1;
        }
    }

    private static bool HitByCar(ReadOnlySpan<double> s, int row) =>
        row is >= 1 and <= LaneCount && (int)s[Lanes + (row - 1) * Fields + Column] == ChickenColumn;
}
