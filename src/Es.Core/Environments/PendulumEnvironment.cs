// Pendulum-v1, reproducing Gymnasium's pendulum swing-up bit for bit.
namespace Es.Core.Environments;

using System.Runtime.Intrinsics;
using Es.Core.Numerics;
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
    /// <param name="sinTheta">Math.Sin(θ) of <paramref name="s"/>, as <see cref="Observe(ReadOnlySpan{double}, Span{float}, int)"/> returned it: the step reuses it instead of calling libm again.</param>
    /// <param name="action">The torque, clipped to [−2, 2].</param>
    internal static (double Reward, bool Terminated) Advance(Span<double> s, double sinTheta, ReadOnlySpan<float> action)
    {
        double u = ActionChecks.Continuous(action, 0, EnvironmentId);
        return (Advance(ref s[0], ref s[1], sinTheta, u), false);
    }

    /// <summary>
    /// The step's arithmetic on one state, in Gymnasium's order, the torque already checked finite;
    /// returns the reward. <see cref="PendulumLanes"/> calls it lane by lane.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static double Advance(ref double theta, ref double thetaDot, double sinTheta, double torque)
    {
        double u = ActionChecks.Clamp(torque, -MaxTorque, MaxTorque);
        double th = theta, thdot = thetaDot;

        double n = Angles.Normalize(th);
        double costs = n * n + 0.1 * (thdot * thdot) + 0.001 * (u * u);

        double newthdot = thdot + (3 * G / (2 * L) * sinTheta + 3.0 / (M * (L * L)) * u) * Dt;
        newthdot = ActionChecks.Clamp(newthdot, -MaxSpeed, MaxSpeed);
        double newth = th + newthdot * Dt;

        theta = newth;
        thetaDot = newthdot;
        return -costs;
    }

    /// <summary>
    /// <see cref="Advance(ref double, ref double, double, double)"/> for four states at once: each
    /// lane the same operations in the same order (separate multiplies and adds, the clamps'
    /// comparisons as selects, which agree with Math.Min/Max for these finite bounds, NaN and −0
    /// included); false, with nothing changed, when an angle needs <c>%</c>'s own rules.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static bool TryAdvance(ref Vector256<double> theta, ref Vector256<double> thetaDot, Vector256<double> sinTheta, Vector256<double> torque, out Vector256<double> reward)
    {
        var th = theta;
        if (!Angles.TryNormalize(th, out var n))
        {
            reward = default;
            return false;
        }
        var u = Clamp(torque, -MaxTorque, MaxTorque);
        var thdot = thetaDot;
        var costs = n * n + Vector256.Create(0.1) * (thdot * thdot) + Vector256.Create(0.001) * (u * u);

        var newthdot = thdot + (Vector256.Create(3 * G / (2 * L)) * sinTheta + Vector256.Create(3.0 / (M * (L * L))) * u) * Vector256.Create(Dt);
        newthdot = Clamp(newthdot, -MaxSpeed, MaxSpeed);
        var newth = th + newthdot * Vector256.Create(Dt);

        theta = newth;
        thetaDot = newthdot;
        reward = -costs;
        return true;
    }

    // ActionChecks.Clamp (min(max(v, lo), hi)) lane by lane: for these finite bounds of different
    // signs the selects give the same bits, NaN and −0 included.
    private static Vector256<double> Clamp(Vector256<double> v, double lo, double hi) =>
        VectorClamp.Clamp(v, Vector256.Create(lo), Vector256.Create(hi));

    /// <inheritdoc/>
    protected override void WriteObservation(Span<float> observation) => _sinTheta = Observe(State, observation, 1);

    /// <summary>The observation of state <paramref name="s"/>, component <c>c</c> written at <c>c·<paramref name="stride"/></c>; shared with <see cref="PendulumLanes"/>.</summary>
    /// <returns>Math.Sin(θ), for the next <see cref="Advance(Span{double}, double, ReadOnlySpan{float})"/> of this state.</returns>
    internal static double Observe(ReadOnlySpan<double> s, Span<float> observation, int stride)
    {
        if (observation.Length <= 2 * stride)
            throw new ArgumentException($"the observation buffer holds {observation.Length} values; component 2 is at {2 * stride}.", nameof(observation));
        return Observe(s[0], s[1], ref observation[0], stride);
    }

    /// <summary>
    /// The observation (cos θ, sin θ, θ̇) written at <paramref name="observation"/> and
    /// <paramref name="stride"/>, 2·<paramref name="stride"/> floats after it, which the caller
    /// has checked lie in its buffer; returns Math.Sin(θ).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static double Observe(double theta, double thetaDot, ref float observation, int stride)
    {
        // Math.SinCos gives the bits of Math.Sin and Math.Cos, faster (SinCosTests pins it).
        (double sin, double cos) = Math.SinCos(theta);
        Observe(sin, cos, thetaDot, ref observation, stride);
        return sin;
    }

    /// <summary>The observation (cos θ, sin θ, θ̇) from θ's sine and cosine already taken (<see cref="PendulumLanes"/> takes all lanes' at once).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static void Observe(double sin, double cos, double thetaDot, ref float observation, int stride)
    {
        observation = (float)cos;
        System.Runtime.CompilerServices.Unsafe.Add(ref observation, stride) = (float)sin;
        System.Runtime.CompilerServices.Unsafe.Add(ref observation, 2 * stride) = (float)thetaDot;
    }
}
