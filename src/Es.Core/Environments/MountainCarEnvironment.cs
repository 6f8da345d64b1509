// MountainCar-v0, reproducing Gymnasium's discrete mountain car bit for bit.
namespace Es.Core.Environments;

using Es.Core.Random;

/// <summary>
/// Gymnasium's MountainCar-v0: an underpowered car must rock back and forth to climb to the flag.
/// Follows Gymnasium's evaluation order exactly (semi-implicit update, speed clip, left-wall rule).
/// </summary>
/// <remarks>State layout: [position, velocity]. Action: Discrete(3), 0 left, 1 none, 2 right. Reward −1 per step.</remarks>
public sealed class MountainCarEnvironment : EnvironmentBase
{
    /// <summary>Registry id.</summary>
    public const string EnvironmentId = "MountainCar-v0";

    private const double MinPosition = -1.2;
    private const double MaxPosition = 0.6;
    private const double MaxSpeed = 0.07;
    private const double GoalPosition = 0.5;
    private const double GoalVelocity = 0.0;
    private const double Force = 0.001;
    private const double Gravity = 0.0025;

    /// <summary>Creates an environment; call <see cref="EnvironmentBase.Reset"/> before stepping.</summary>
    public MountainCarEnvironment()
        : base(CreateSpec(), 2)
    {
    }

    /// <summary>The spec Gymnasium declares: position and speed ranges, three actions, 200 steps.</summary>
    public static EnvironmentSpec CreateSpec() =>
        new(EnvironmentId,
            new BoxSpace([(float)MinPosition, (float)-MaxSpeed], [(float)MaxPosition, (float)MaxSpeed]),
            new DiscreteSpace(3),
            200);

    /// <inheritdoc/>
    protected override void SampleInitialState(ref Rng rng, Span<double> state)
    {
        state[0] = rng.NextDouble(-0.6, -0.4);
        state[1] = 0.0;
    }

    /// <inheritdoc/>
    protected override (double Reward, bool Terminated) Advance(ReadOnlySpan<float> action)
    {
        int a = ActionChecks.DiscreteIndex(action, 3, EnvironmentId);
        Span<double> s = State;
        double position = s[0], velocity = s[1];

        velocity += (a - 1) * Force + Math.Cos(3 * position) * (-Gravity);
        velocity = ActionChecks.Clamp(velocity, -MaxSpeed, MaxSpeed);
        position += velocity;
        position = ActionChecks.Clamp(position, MinPosition, MaxPosition);
        if (position == MinPosition && velocity < 0)
            velocity = 0;

        bool terminated = position >= GoalPosition && velocity >= GoalVelocity;
        s[0] = position;
        s[1] = velocity;
        return (-1.0, terminated);
    }

    /// <inheritdoc/>
    protected override void WriteObservation(Span<float> observation)
    {
        observation[0] = (float)State[0];
        observation[1] = (float)State[1];
    }
}
