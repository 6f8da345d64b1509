// MountainCarContinuous-v0, reproducing Gymnasium's continuous mountain car bit for bit.
namespace Es.Core.Environments;

using Es.Core.Random;

/// <summary>
/// Gymnasium's MountainCarContinuous-v0: the mountain car with a continuous engine force and an
/// energy cost. Like Gymnasium (NumPy 1 promotion rules) it computes each step in float64 and then
/// stores the state rounded to float32, which is what makes long trajectories match exactly.
/// </summary>
/// <remarks>
/// State layout: [position, velocity]. Action: Box(−1, 1, (1,)); larger values are clipped for the
/// physics but the energy cost uses the unclipped value, as Gymnasium does. Reward −0.1·a² per step,
/// plus 100 on reaching the goal.
/// </remarks>
public sealed class MountainCarContinuousEnvironment : EnvironmentBase
{
    /// <summary>Registry id.</summary>
    public const string EnvironmentId = "MountainCarContinuous-v0";

    private const double MinAction = -1.0;
    private const double MaxAction = 1.0;
    private const double MinPosition = -1.2;
    private const double MaxPosition = 0.6;
    private const double MaxSpeed = 0.07;
    private const double GoalPosition = 0.45;
    private const double GoalVelocity = 0.0;
    private const double Power = 0.0015;

    /// <summary>Creates an environment; call <see cref="EnvironmentBase.Reset"/> before stepping.</summary>
    public MountainCarContinuousEnvironment()
        : base(CreateSpec(), 2)
    {
    }

    /// <summary>The spec Gymnasium declares: position and speed ranges, one force in [−1, 1], 999 steps.</summary>
    public static EnvironmentSpec CreateSpec() =>
        new(EnvironmentId,
            new BoxSpace([(float)MinPosition, (float)-MaxSpeed], [(float)MaxPosition, (float)MaxSpeed]),
            BoxSpace.Uniform(1, (float)MinAction, (float)MaxAction),
            999);

    /// <inheritdoc/>
    /// <remarks>The reset position stays float64 (Gymnasium does not round it); only the observation is rounded.</remarks>
    protected override void SampleInitialState(ref Rng rng, Span<double> state)
    {
        state[0] = rng.NextDouble(-0.6, -0.4);
        state[1] = 0.0;
    }

    /// <inheritdoc/>
    protected override (double Reward, bool Terminated) Advance(ReadOnlySpan<float> action)
    {
        double a = ActionChecks.Continuous(action, 0, EnvironmentId);
        Span<double> s = State;
        double position = s[0], velocity = s[1];
        double force = ActionChecks.Clamp(a, MinAction, MaxAction);

        velocity += force * Power - 0.0025 * Math.Cos(3 * position);
        if (velocity > MaxSpeed) velocity = MaxSpeed;
        if (velocity < -MaxSpeed) velocity = -MaxSpeed;
        position += velocity;
        if (position > MaxPosition) position = MaxPosition;
        if (position < MinPosition) position = MinPosition;
        if (position == MinPosition && velocity < 0) velocity = 0;

        bool terminated = position >= GoalPosition && velocity >= GoalVelocity;
        double reward = 0;
        if (terminated) reward = 100.0;
        reward -= a * a * 0.1;

        // Gymnasium keeps the state in a float32 array: the next step starts from the rounded values.
        s[0] = (float)position;
        s[1] = (float)velocity;
        return (reward, terminated);
    }

    /// <inheritdoc/>
    protected override void WriteObservation(Span<float> observation)
    {
        observation[0] = (float)State[0];
        observation[1] = (float)State[1];
    }
}
