// Arm-v0: a planar N-link robot arm that must bring its fingertip to a random target.
namespace Es.Core.Environments;

using System.Runtime.CompilerServices;
using Es.Core.Random;

/// <summary>
/// A planar arm of N revolute joints in a chain from the origin, a task with a smooth reward and
/// an action dimension that grows with the link count, for testing ES beyond the classic tasks.
/// </summary>
/// <remarks>
/// <para><b>Dynamics.</b> Each action component a_i ∈ [−1, 1] (clamped) commands joint i's angular
/// acceleration: q̇_i ← clamp(q̇_i + dt·(MaxAcceleration·a_i − Damping·q̇_i), ±MaxJointSpeed), then
/// q_i ← q_i + dt·q̇_i (semi-implicit Euler), wrapped into [−π, π). Joint angles are relative to
/// the previous link, so the fingertip is Σ l_i·(cos φ_i, sin φ_i) with φ_i = q_1 + … + q_i. A zero
/// action leaves an arm at rest where it is; there is no gravity.</para>
/// <para><b>Reset.</b> Joint angles uniform on [−π, π), speeds zero, and a target drawn uniformly
/// by area from the reachable annulus: outer radius Σ l_i, inner radius max(0, 2·max l_i − Σ l_i).</para>
/// <para><b>State</b> (2N + 2 doubles): [q_1..q_N, q̇_1..q̇_N, target x, target y].</para>
/// <para><b>Observation</b> (3N + 4 floats): [cos q_1..cos q_N, sin q_1..sin q_N, q̇_1..q̇_N,
/// target x, target y, fingertip x − target x, fingertip y − target y].</para>
/// <para><b>Reward.</b> −‖fingertip − target‖ after the step − ControlCost·Σ a_i², with the clamped
/// action. The arm never terminates; episodes are truncated at <see cref="ArmOptions.MaxEpisodeSteps"/>.</para>
/// </remarks>
public sealed class ArmEnvironment : EnvironmentBase
{
    /// <summary>Registry id.</summary>
    public const string EnvironmentId = "Arm-v0";

    private readonly double[] _lengths;
    private readonly int _n;
    // The fingertip of the current state once a step has computed it: the observation written
    // right after needs it too, and each link's sincos is a libm call (~10 ns).
    private bool _fingertipKnown;
    private double _fingertipX, _fingertipY;

    /// <summary>Creates the default two-link arm of reach 1.0.</summary>
    public ArmEnvironment()
        : this(new ArmOptions())
    {
    }

    /// <summary>Creates an arm built as <paramref name="options"/> says.</summary>
    /// <exception cref="ArgumentException">An option cannot make a working arm.</exception>
    public ArmEnvironment(ArmOptions options)
        : base(CreateSpec(options), 2 * ValidatedLinks(options) + 2)
    {
        Options = options;
        _n = options.Links;
        _lengths = options.ResolveLinkLengths();
        Reach = _lengths.Sum();
        InnerRadius = Math.Max(0.0, 2 * _lengths.Max() - Reach);
    }

    /// <summary>The options this arm was built with.</summary>
    public ArmOptions Options { get; }

    /// <summary>Outer radius of the reachable annulus: the sum of the link lengths.</summary>
    public double Reach { get; }

    /// <summary>Inner radius of the reachable annulus (zero unless one link is longer than all the others together).</summary>
    public double InnerRadius { get; }

    /// <summary>The current target.</summary>
    public (double X, double Y) Target => (State[2 * _n], State[2 * _n + 1]);

    /// <summary>The current fingertip position.</summary>
    public (double X, double Y) Fingertip => ComputeFingertip(State[.._n]);

    /// <summary>The spec of an arm built with <paramref name="options"/>.</summary>
    public static EnvironmentSpec CreateSpec(ArmOptions options)
    {
        int n = ValidatedLinks(options);
        double reach = options.ResolveLinkLengths().Sum();
        var low = new float[3 * n + 4];
        var high = new float[3 * n + 4];
        for (int i = 0; i < 2 * n; i++)
        {
            low[i] = -1f;
            high[i] = 1f;
        }

        for (int i = 2 * n; i < 3 * n; i++)
        {
            low[i] = (float)-options.MaxJointSpeed;
            high[i] = (float)options.MaxJointSpeed;
        }

        low[3 * n] = low[3 * n + 1] = (float)-reach;
        high[3 * n] = high[3 * n + 1] = (float)reach;
        low[3 * n + 2] = low[3 * n + 3] = (float)(-2 * reach);
        high[3 * n + 2] = high[3 * n + 3] = (float)(2 * reach);
        return new EnvironmentSpec(EnvironmentId, new BoxSpace(low, high), BoxSpace.Uniform(n, -1f, 1f), options.MaxEpisodeSteps);
    }

    /// <inheritdoc/>
    protected override void SampleInitialState(ref Rng rng, Span<double> state)
    {
        for (int i = 0; i < _n; i++)
        {
            state[i] = rng.NextDouble(-Math.PI, Math.PI);
            state[_n + i] = 0.0;
        }

        // Uniform by area: the radius is the square root of a uniform draw between the squared radii.
        double radius = Math.Sqrt(rng.NextDouble(InnerRadius * InnerRadius, Reach * Reach));
        double angle = rng.NextDouble(-Math.PI, Math.PI);
        (double sin, double cos) = Math.SinCos(angle); // the bits of Math.Sin and Math.Cos (SinCosTests)
        state[2 * _n] = radius * cos;
        state[2 * _n + 1] = radius * sin;
    }

    /// <inheritdoc/>
    protected override (double Reward, bool Terminated) Advance(ReadOnlySpan<float> action)
    {
        Span<double> s = State;
        Span<double> clamped = stackalloc double[_n];
        ClampAction(action, clamped);
        double controlSquared = MoveJoints(s, clamped, Options);
        (double fx, double fy) = ComputeFingertip(s[.._n]);
        (_fingertipX, _fingertipY, _fingertipKnown) = (fx, fy, true);
        return (Reward(s, fx, fy, controlSquared, Options), false);
    }

    /// <summary>
    /// Checks every component of <paramref name="action"/> (finite) and writes it clamped to
    /// [−1, 1] into <paramref name="clamped"/>; done before any joint moves, so a refused action
    /// leaves the state as it was.
    /// </summary>
    internal static void ClampAction(ReadOnlySpan<float> action, Span<double> clamped)
    {
        for (int i = 0; i < clamped.Length; i++)
            clamped[i] = ActionChecks.Clamp(ActionChecks.Continuous(action, i, EnvironmentId), -1.0, 1.0);
    }

    /// <summary>
    /// The step's joint dynamics on state <paramref name="s"/> under the <paramref name="clamped"/>
    /// action (<see cref="ClampAction"/>); returns Σ a_i². Shared with <see cref="ArmLanes"/>, so
    /// both compute the same bits.
    /// </summary>
    internal static double MoveJoints(Span<double> s, ReadOnlySpan<double> clamped, ArmOptions options)
    {
        int n = options.Links;
        double dt = options.Dt;
        double controlSquared = 0.0;
        for (int i = 0; i < n; i++)
        {
            double a = clamped[i];
            double qdot = s[n + i];
            qdot += dt * (options.MaxAcceleration * a - options.Damping * qdot);
            qdot = ActionChecks.Clamp(qdot, -options.MaxJointSpeed, options.MaxJointSpeed);
            s[n + i] = qdot;
            s[i] = Angles.Normalize(s[i] + dt * qdot);
            controlSquared += a * a;
        }

        return controlSquared;
    }

    /// <summary>−‖fingertip − target‖ − ControlCost·Σ a_i² for state <paramref name="s"/> and its fingertip.</summary>
    internal static double Reward(ReadOnlySpan<double> s, double fx, double fy, double controlSquared, ArmOptions options)
    {
        int n = options.Links;
        double dx = fx - s[2 * n], dy = fy - s[2 * n + 1];
        double distance = Math.Sqrt(dx * dx + dy * dy);
        return -distance - options.ControlCost * controlSquared;
    }

    /// <inheritdoc/>
    protected override void WriteObservation(Span<float> observation)
    {
        ReadOnlySpan<double> s = State;
        (double fx, double fy) = _fingertipKnown ? (_fingertipX, _fingertipY) : ComputeFingertip(s[.._n]);
        for (int i = 0; i < _n; i++)
        {
            (double sin, double cos) = Math.SinCos(s[i]); // the bits of Math.Sin and Math.Cos (SinCosTests)
            WriteJoint(s, i, _n, sin, cos, ref observation[0], 1);
        }

        WriteTarget(s, _n, fx, fy, ref observation[0], 1);
    }

    /// <summary>Joint <paramref name="i"/>'s observation components (cos q_i, sin q_i, q̇_i), component c at c·<paramref name="stride"/>.</summary>
    internal static void WriteJoint(ReadOnlySpan<double> s, int i, int n, double sin, double cos, ref float observation, int stride)
    {
        Unsafe.Add(ref observation, i * stride) = (float)cos;
        Unsafe.Add(ref observation, (n + i) * stride) = (float)sin;
        Unsafe.Add(ref observation, (2 * n + i) * stride) = (float)s[n + i];
    }

    /// <summary>The target's observation components and the fingertip's offset from it, component c at c·<paramref name="stride"/>.</summary>
    internal static void WriteTarget(ReadOnlySpan<double> s, int n, double fx, double fy, ref float observation, int stride)
    {
        double tx = s[2 * n], ty = s[2 * n + 1];
        Unsafe.Add(ref observation, 3 * n * stride) = (float)tx;
        Unsafe.Add(ref observation, (3 * n + 1) * stride) = (float)ty;
        Unsafe.Add(ref observation, (3 * n + 2) * stride) = (float)(fx - tx);
        Unsafe.Add(ref observation, (3 * n + 3) * stride) = (float)(fy - ty);
    }

    /// <inheritdoc/>
    protected override void OnEpisodeStart() => _fingertipKnown = false;

    private (double X, double Y) ComputeFingertip(ReadOnlySpan<double> q)
    {
        double phi = 0.0, x = 0.0, y = 0.0;
        for (int i = 0; i < q.Length; i++)
        {
            phi = LinkAngle(phi, q[i]);
            (double sin, double cos) = Math.SinCos(phi);
            (x, y) = AddLink(x, y, _lengths[i], sin, cos);
        }

        return (x, y);
    }

    /// <summary>φ_i = φ_{i−1} + q_i: link i's angle from the previous one's (φ_0 = 0).</summary>
    internal static double LinkAngle(double previous, double q) => previous + q;

    /// <summary>The fingertip sums after link i: x + l_i·cos φ_i, y + l_i·sin φ_i.</summary>
    internal static (double X, double Y) AddLink(double x, double y, double length, double sin, double cos) => (x + length * cos, y + length * sin);

    private static int ValidatedLinks(ArmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return options.Links;
    }
}
