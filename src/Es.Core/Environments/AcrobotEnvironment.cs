// Acrobot-v1, reproducing Gymnasium's acrobot ("book" dynamics, one RK4 step per action) bit for bit.
namespace Es.Core.Environments;

using Es.Core.Random;

/// <summary>
/// Gymnasium's Acrobot-v1: a two-link pendulum actuated at the middle joint must swing its tip
/// above a line. The dynamics are Gymnasium's "book" variant with the constants substituted and
/// the evaluation order kept, so the RK4 integration matches the reference data bit for bit.
/// </summary>
/// <remarks>
/// State layout: [θ1, θ2, θ̇1, θ̇2]. Action: Discrete(3), torques −1, 0, +1.
/// Observation [cos θ1, sin θ1, cos θ2, sin θ2, θ̇1, θ̇2]. Reward −1 per step, 0 on the terminating step.
/// </remarks>
public sealed class AcrobotEnvironment : EnvironmentBase
{
    /// <summary>Registry id.</summary>
    public const string EnvironmentId = "Acrobot-v1";

    internal const double Dt = 0.2;
    private const double MaxVel1 = 4 * Math.PI;
    private const double MaxVel2 = 9 * Math.PI;
    private const double HalfPi = Math.PI / 2.0;

    /// <summary>Creates an environment; call <see cref="EnvironmentBase.Reset"/> before stepping.</summary>
    public AcrobotEnvironment()
        : base(CreateSpec(), 4)
    {
    }

    /// <summary>The spec Gymnasium declares: unit bounds on the trigonometric terms, ±4π and ±9π on the speeds.</summary>
    public static EnvironmentSpec CreateSpec()
    {
        float[] high = [1f, 1f, 1f, 1f, (float)MaxVel1, (float)MaxVel2];
        float[] low = high.Select(h => -h).ToArray();
        return new EnvironmentSpec(EnvironmentId, new BoxSpace(low, high), new DiscreteSpace(3), 500);
    }

    /// <inheritdoc/>
    /// <remarks>Gymnasium draws float32 values here, so the first step runs from float32-exact numbers.</remarks>
    protected override void SampleInitialState(ref Rng rng, Span<double> state) => InitialState(ref rng, state);

    /// <summary>Draws the initial state (shared with <see cref="AcrobotLanes"/>).</summary>
    internal static void InitialState(ref Rng rng, Span<double> state)
    {
        for (int i = 0; i < 4; i++)
            state[i] = (float)rng.NextDouble(-0.1, 0.1);
    }

    /// <inheritdoc/>
    protected override (double Reward, bool Terminated) Advance(ReadOnlySpan<float> action)
    {
        int a = ActionChecks.DiscreteIndex(action, 3, EnvironmentId);
        double torque = a - 1.0;
        Span<double> s = State;

        Span<double> y = stackalloc double[4];
        Span<double> k1 = stackalloc double[4];
        Span<double> k2 = stackalloc double[4];
        Span<double> k3 = stackalloc double[4];
        Span<double> k4 = stackalloc double[4];
        Span<double> tmp = stackalloc double[4];
        s.CopyTo(y);

        const double dt2 = Dt / 2;
        Derivative(y, torque, k1);
        for (int i = 0; i < 4; i++) tmp[i] = y[i] + dt2 * k1[i];
        Derivative(tmp, torque, k2);
        for (int i = 0; i < 4; i++) tmp[i] = y[i] + dt2 * k2[i];
        Derivative(tmp, torque, k3);
        for (int i = 0; i < 4; i++) tmp[i] = y[i] + Dt * k3[i];
        Derivative(tmp, torque, k4);
        for (int i = 0; i < 4; i++)
            y[i] = y[i] + Dt / 6.0 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);

        Bound(y, s);
        bool terminated = Terminated(Math.Cos(s[0]), Math.Cos(s[1] + s[0]));
        return (terminated ? 0.0 : -1.0, terminated);
    }

    /// <summary>The integrated state <paramref name="y"/> wrapped and clamped into <paramref name="s"/>, as Gymnasium does after the RK4 step.</summary>
    internal static void Bound(ReadOnlySpan<double> y, Span<double> s)
    {
        s[0] = Wrap(y[0], -Math.PI, Math.PI);
        s[1] = Wrap(y[1], -Math.PI, Math.PI);
        s[2] = ActionChecks.Clamp(y[2], -MaxVel1, MaxVel1);
        s[3] = ActionChecks.Clamp(y[3], -MaxVel2, MaxVel2);
    }

    /// <summary>Whether the tip is above the line, from cos θ1 and cos(θ1 + θ2) of the new state.</summary>
    internal static bool Terminated(double cos1, double cos12) => -cos1 - cos12 > 1.0;

    /// <inheritdoc/>
    protected override void WriteObservation(Span<float> observation)
    {
        Observe(State, ref observation[0], 1);
    }

    /// <summary>Writes the observation of state <paramref name="s"/>, component i at <c>i·stride</c>.</summary>
    internal static void Observe(ReadOnlySpan<double> s, ref float observation, int stride)
    {
        // Math.SinCos gives the bits of Math.Sin and Math.Cos, faster (SinCosTests pins it).
        (double sin1, double cos1) = Math.SinCos(s[0]);
        (double sin2, double cos2) = Math.SinCos(s[1]);
        Observe(s, sin1, cos1, sin2, cos2, ref observation, stride);
    }

    /// <summary>Writes the observation of state <paramref name="s"/> from the sines and cosines of its angles, component i at <c>i·stride</c>.</summary>
    internal static void Observe(ReadOnlySpan<double> s, double sin1, double cos1, double sin2, double cos2, ref float observation, int stride)
    {
        observation = (float)cos1;
        System.Runtime.CompilerServices.Unsafe.Add(ref observation, stride) = (float)sin1;
        System.Runtime.CompilerServices.Unsafe.Add(ref observation, 2 * stride) = (float)cos2;
        System.Runtime.CompilerServices.Unsafe.Add(ref observation, 3 * stride) = (float)sin2;
        System.Runtime.CompilerServices.Unsafe.Add(ref observation, 4 * stride) = (float)s[2];
        System.Runtime.CompilerServices.Unsafe.Add(ref observation, 5 * stride) = (float)s[3];
    }

    /// <summary>
    /// Time derivative of (θ1, θ2, θ̇1, θ̇2) under <paramref name="torque"/>, with m = 1, l1 = 1,
    /// lc = 0.5, I = 1 and g = 9.8 already substituted into Gymnasium's expressions.
    /// </summary>
    private static void Derivative(ReadOnlySpan<double> s, double torque, Span<double> result)
    {
        (double sin2, double cos2) = Math.SinCos(s[1]); // the bits of Math.Sin and Math.Cos (SinCosTests)
        Derivative(s, torque, sin2, cos2, CosPhi2(s), CosPhi1(s), result);
    }

    /// <summary>cos(θ1 + θ2 − π/2) of <paramref name="s"/>, the libm call behind φ2.</summary>
    internal static double CosPhi2(ReadOnlySpan<double> s) => Math.Cos(Phi2Angle(s));

    /// <summary>cos(θ1 − π/2) of <paramref name="s"/>, the libm call behind φ1 (as written: sin θ1 differs from it in the last bits).</summary>
    internal static double CosPhi1(ReadOnlySpan<double> s) => Math.Cos(Phi1Angle(s));

    /// <summary>The angle whose cosine <see cref="CosPhi2"/> takes: θ1 + θ2 − π/2.</summary>
    internal static double Phi2Angle(ReadOnlySpan<double> s) => s[0] + s[1] - HalfPi;

    /// <summary>The angle whose cosine <see cref="CosPhi1"/> takes: θ1 − π/2.</summary>
    internal static double Phi1Angle(ReadOnlySpan<double> s) => s[0] - HalfPi;

    /// <summary>
    /// The derivative from the libm values of <paramref name="s"/> (sin θ2, cos θ2, <see cref="CosPhi2"/>,
    /// <see cref="CosPhi1"/>): <see cref="AcrobotLanes"/> takes every lane's libm values first,
    /// because glibc's sin and cos wait for all earlier floating-point work before they start.
    /// </summary>
    internal static void Derivative(ReadOnlySpan<double> s, double torque, double sin2, double cos2, double cosPhi2, double cosPhi1, Span<double> result)
    {
        double dtheta1 = s[2], dtheta2 = s[3];
        double d1 = 0.25 + (1.25 + cos2) + 1.0 + 1.0;
        double d2 = 0.25 + 0.5 * cos2 + 1.0;
        double phi2 = 4.9 * cosPhi2;
        double phi1 = -0.5 * (dtheta2 * dtheta2) * sin2
            - 1.0 * dtheta2 * dtheta1 * sin2
            + 14.700000000000001 * cosPhi1
            + phi2;
        double ddtheta2 = (torque + d2 / d1 * phi1 - 0.5 * (dtheta1 * dtheta1) * sin2 - phi2)
            / (1.25 - d2 * d2 / d1);
        double ddtheta1 = -(d2 * ddtheta2 + phi1) / d1;
        result[0] = dtheta1;
        result[1] = dtheta2;
        result[2] = ddtheta1;
        result[3] = ddtheta2;
    }

    /// <summary>Gymnasium's wrap: shift by the range width until <paramref name="x"/> lies in [lo, hi].</summary>
    private static double Wrap(double x, double lo, double hi)
    {
        double diff = hi - lo;
        while (x > hi) x -= diff;
        while (x < lo) x += diff;
        return x;
    }
}
