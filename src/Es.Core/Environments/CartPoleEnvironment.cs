// CartPole-v1, reproducing Gymnasium's cart-pole bit for bit (explicit Euler, float64 state).
namespace Es.Core.Environments;

using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Es.Core.Random;

/// <summary>
/// Gymnasium's CartPole-v1: push a cart left or right to keep a pole upright. Every expression
/// follows Gymnasium's evaluation order (see tests/Es.Core.Tests/Reference/README.md) so the
/// trajectories match the reference data bit for bit on Linux x64.
/// </summary>
/// <remarks>
/// State layout: [x, x_dot, theta, theta_dot]. Action: Discrete(2), 0 pushes left, 1 right.
/// Reward 1 per step, including the terminating one; 0 for steps taken after termination,
/// as Gymnasium does.
/// </remarks>
public sealed class CartPoleEnvironment : EnvironmentBase
{
    /// <summary>Registry id.</summary>
    public const string EnvironmentId = "CartPole-v1";

    private const double Gravity = 9.8;
    private const double MassCart = 1.0;
    private const double MassPole = 0.1;
    private const double TotalMass = MassPole + MassCart;
    private const double Length = 0.5;
    private const double PoleMassLength = MassPole * Length;
    /// <summary>The push of an action, ±this (<see cref="CartPoleLanes"/> selects it without the scalar multiply).</summary>
    internal const double ForceMag = 10.0;
    private const double Tau = 0.02;
    private const double ThetaThresholdRadians = 12 * 2 * Math.PI / 360;
    private const double XThreshold = 2.4;

    // Gymnasium's steps_beyond_terminated: null while the pole is up, then counts steps past the fall.
    private int? _stepsBeyondTerminated;

    /// <summary>Creates an environment; call <see cref="EnvironmentBase.Reset"/> before stepping.</summary>
    public CartPoleEnvironment()
        : base(CreateSpec(), 4)
    {
    }

    /// <summary>The spec Gymnasium declares: observation bounds twice the termination limits, float32-max for the speeds.</summary>
    public static EnvironmentSpec CreateSpec()
    {
        float[] high = [(float)(XThreshold * 2), float.MaxValue, (float)(ThetaThresholdRadians * 2), float.MaxValue];
        float[] low = high.Select(h => -h).ToArray();
        return new EnvironmentSpec(EnvironmentId, new BoxSpace(low, high), new DiscreteSpace(2), 500);
    }

    /// <inheritdoc/>
    protected override void SampleInitialState(ref Rng rng, Span<double> state) => InitialState(ref rng, state);

    /// <summary>The initial state of a reset, shared with <see cref="CartPoleLanes"/>.</summary>
    internal static void InitialState(ref Rng rng, Span<double> state)
    {
        for (int i = 0; i < 4; i++)
            state[i] = rng.NextDouble(-0.05, 0.05);
    }

    /// <inheritdoc/>
    protected override void OnEpisodeStart() => _stepsBeyondTerminated = null;

    /// <inheritdoc/>
    protected override (double Reward, bool Terminated) Advance(ReadOnlySpan<float> action) =>
        Advance(State, ActionChecks.DiscreteIndex(action, 2, EnvironmentId), ref _stepsBeyondTerminated);

    /// <summary>One step of the physics and the reward from state <paramref name="s"/> under action <paramref name="a"/>; shared with <see cref="CartPoleLanes"/>, so both compute the same bits.</summary>
    internal static (double Reward, bool Terminated) Advance(Span<double> s, int a, ref int? stepsBeyondTerminated)
    {
        // Math.SinCos gives the bits of Math.Sin and Math.Cos, faster (SinCosTests pins it).
        (double sintheta, double costheta) = Math.SinCos(s[2]);
        return Advance(s, a, sintheta, costheta, ref stepsBeyondTerminated);
    }

    /// <summary>
    /// The step after the sine and cosine of θ: <see cref="CartPoleLanes"/> takes every lane's
    /// sine and cosine first, because libm's <c>sincos</c> waits for all earlier floating-point
    /// work before it starts (it reads the control register), so a call between two lanes'
    /// physics made each lane wait for the one before.
    /// </summary>
    internal static (double Reward, bool Terminated) Advance(Span<double> s, int a, double sintheta, double costheta, ref int? stepsBeyondTerminated)
    {
        double x = s[0], xDot = s[1], theta = s[2], thetaDot = s[3];

        // ±ForceMag exactly, without a branch on the action (a balancing policy flips it often,
        // which a branch mispredicts); a is 0 or 1 here.
        double force = ForceMag * (2 * a - 1);
        double temp = (force + PoleMassLength * (thetaDot * thetaDot) * sintheta) / TotalMass;
        double thetaAcc = (Gravity * sintheta - costheta * temp)
            / (Length * (4.0 / 3.0 - MassPole * (costheta * costheta) / TotalMass));
        double xAcc = temp - PoleMassLength * thetaAcc * costheta / TotalMass;

        // Explicit Euler: every update uses the values from before the step.
        s[0] = x + Tau * xDot;
        s[1] = xDot + Tau * xAcc;
        s[2] = theta + Tau * thetaDot;
        s[3] = thetaDot + Tau * thetaAcc;

        bool terminated = s[0] < -XThreshold || s[0] > XThreshold
            || s[2] < -ThetaThresholdRadians || s[2] > ThetaThresholdRadians;

        double reward = Reward(terminated, ref stepsBeyondTerminated);
        return (reward, terminated);
    }

    /// <summary>
    /// The physics of <see cref="Advance(Span{double}, int, double, double, ref int?)"/> for four
    /// lanes at once (<see cref="CartPoleLanes"/>): the same operations in the same order, vector
    /// +, −, × and ÷ rounding each lane as the scalar ones do (no FMA), so each lane gets the same
    /// bits. Returns the lanes whose new state is beyond the thresholds (all bits set there).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<double> Advance(
        ref Vector256<double> x, ref Vector256<double> xDot, ref Vector256<double> theta, ref Vector256<double> thetaDot,
        Vector256<double> force, Vector256<double> sintheta, Vector256<double> costheta)
    {
        var totalMass = Vector256.Create(TotalMass);
        var poleMassLength = Vector256.Create(PoleMassLength);
        var temp = (force + poleMassLength * (thetaDot * thetaDot) * sintheta) / totalMass;
        var thetaAcc = (Vector256.Create(Gravity) * sintheta - costheta * temp)
            / (Vector256.Create(Length) * (Vector256.Create(4.0 / 3.0) - Vector256.Create(MassPole) * (costheta * costheta) / totalMass));
        var xAcc = temp - poleMassLength * thetaAcc * costheta / totalMass;

        var tau = Vector256.Create(Tau);
        x += tau * xDot;
        xDot += tau * xAcc;
        theta += tau * thetaDot;
        thetaDot += tau * thetaAcc;

        return Vector256.LessThan(x, Vector256.Create(-XThreshold)) | Vector256.GreaterThan(x, Vector256.Create(XThreshold))
            | Vector256.LessThan(theta, Vector256.Create(-ThetaThresholdRadians)) | Vector256.GreaterThan(theta, Vector256.Create(ThetaThresholdRadians));
    }

    /// <summary>The reward of a step that ended in state <paramref name="terminated"/>, counting steps beyond termination as Gymnasium does.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double Reward(bool terminated, ref int? stepsBeyondTerminated)
    {
        if (!terminated) return 1.0;
        if (stepsBeyondTerminated is null)
        {
            stepsBeyondTerminated = 0;
            return 1.0;
        }
        stepsBeyondTerminated++;
        return 0.0;
    }

    /// <inheritdoc/>
    protected override void WriteObservation(Span<float> observation)
    {
        ReadOnlySpan<double> s = State;
        for (int i = 0; i < 4; i++)
            observation[i] = (float)s[i];
    }
}
