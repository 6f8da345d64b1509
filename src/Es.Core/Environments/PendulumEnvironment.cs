// Pendulum-v1, reproducing Gymnasium's pendulum swing-up bit for bit.
namespace Es.Core.Environments;

using Es.Core.Random;

/// <summary>
/// Gymnasium's Pendulum-v1: swing a torque-limited pendulum up and hold it. Semi-implicit Euler
/// with the speed clipped before the angle advances, in Gymnasium's evaluation order.
/// </summary>
/// <remarks>
/// State layout: [theta, theta_dot]; theta is never wrapped in the state, only inside the cost.
/// Action: Box(−2, 2, (1,)), clipped. Observation [cos θ, sin θ, θ̇]. Never terminates.
/// </remarks>
public sealed class PendulumEnvironment : EnvironmentBase
{
    /// <summary>Registry id.</summary>
    public const string EnvironmentId = "Pendulum-v1";

    private const double MaxSpeed = 8;
    private const double MaxTorque = 2.0;
    private const double Dt = 0.05;
    private const double G = 10.0;
    private const double M = 1.0;
    private const double L = 1.0;

    // sin θ of the current state, kept from the last observation (or reset), so a step calls libm
    // for sin and cos of the new θ only: the next step's sin θ is that very value.
    private double _sinTheta;

    /// <summary>Creates an environment; call <see cref="EnvironmentBase.Reset"/> before stepping.</summary>
    public PendulumEnvironment()
        : base(CreateSpec(), 2)
    {
    }

    /// <summary>The spec Gymnasium declares: observation bounds [1, 1, 8], torque in [−2, 2], 200 steps.</summary>
    public static EnvironmentSpec CreateSpec() =>
        new(EnvironmentId,
            new BoxSpace([-1f, -1f, (float)-MaxSpeed], [1f, 1f, (float)MaxSpeed]),
            BoxSpace.Uniform(1, (float)-MaxTorque, (float)MaxTorque),
            200);

    /// <inheritdoc/>
    protected override void SampleInitialState(ref Rng rng, Span<double> state) => InitialState(ref rng, state);

    /// <summary>The initial state of a reset, shared with <see cref="PendulumLanes"/>.</summary>
    internal static void InitialState(ref Rng rng, Span<double> state)
    {
        state[0] = rng.NextDouble(-Math.PI, Math.PI);
        state[1] = rng.NextDouble(-1.0, 1.0);
    }

    /// <inheritdoc/>
    protected override void OnEpisodeStart() => _sinTheta = Math.Sin(State[0]);

    /// <inheritdoc/>
    protected override (double Reward, bool Terminated) Advance(ReadOnlySpan<float> action) => Advance(State, _sinTheta, action);

    /// <summary>One step from state <paramref name="s"/>; shared with <see cref="PendulumLanes"/>, so both compute the same bits.</summary>
    /// <param name="s">[θ, θ̇], advanced in place.</param>
    /// <param name="sinTheta">Math.Sin(θ) of <paramref name="s"/>, as <see cref="Observe"/> returned it: the step reuses it instead of calling libm again.</param>
    /// <param name="action">The torque, clipped to [−2, 2].</param>
    internal static (double Reward, bool Terminated) Advance(Span<double> s, double sinTheta, ReadOnlySpan<float> action)
    {
        double u = ActionChecks.Clamp(ActionChecks.Continuous(action, 0, EnvironmentId), -MaxTorque, MaxTorque);
        double th = s[0], thdot = s[1];

        double n = Angles.Normalize(th);
        double costs = n * n + 0.1 * (thdot * thdot) + 0.001 * (u * u);

        double newthdot = thdot + (3 * G / (2 * L) * sinTheta + 3.0 / (M * (L * L)) * u) * Dt;
        newthdot = ActionChecks.Clamp(newthdot, -MaxSpeed, MaxSpeed);
        double newth = th + newthdot * Dt;

        s[0] = newth;
        s[1] = newthdot;
        return (-costs, false);
    }

    /// <inheritdoc/>
    protected override void WriteObservation(Span<float> observation) => _sinTheta = Observe(State, observation, 1);

    /// <summary>The observation of state <paramref name="s"/>, component <c>c</c> written at <c>c·<paramref name="stride"/></c>; shared with <see cref="PendulumLanes"/>.</summary>
    /// <returns>Math.Sin(θ), for the next <see cref="Advance(Span{double}, double, ReadOnlySpan{float})"/> of this state.</returns>
    internal static double Observe(ReadOnlySpan<double> s, Span<float> observation, int stride)
    {
        // Math.SinCos gives the bits of Math.Sin and Math.Cos, faster (SinCosTests pins it).
        (double sin, double cos) = Math.SinCos(s[0]);
        observation[0] = (float)cos;
        observation[stride] = (float)sin;
        observation[2 * stride] = (float)s[1];
        return sin;
    }
}
