// Arm-v0: a planar N-link robot arm that must bring its fingertip to a random target.
namespace Es.Core.Environments;

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
        Span<double> a = stackalloc double[_n];
        for (int i = 0; i < _n; i++)
            a[i] = ActionChecks.Clamp(ActionChecks.Continuous(action, i, EnvironmentId), -1.0, 1.0);

        Span<double> s = State;
        double dt = Options.Dt;
        double controlSquared = 0.0;
        for (int i = 0; i < _n; i++)
        {
            double qdot = s[_n + i];
            qdot += dt * (Options.MaxAcceleration * a[i] - Options.Damping * qdot);
            qdot = ActionChecks.Clamp(qdot, -Options.MaxJointSpeed, Options.MaxJointSpeed);
            s[_n + i] = qdot;
            s[i] = Angles.Normalize(s[i] + dt * qdot);
            controlSquared += a[i] * a[i];
        }

        (double fx, double fy) = ComputeFingertip(s[.._n]);
        (_fingertipX, _fingertipY, _fingertipKnown) = (fx, fy, true);
        double dx = fx - s[2 * _n], dy = fy - s[2 * _n + 1];
        double distance = Math.Sqrt(dx * dx + dy * dy);
        return (-distance - Options.ControlCost * controlSquared, false);
    }

    /// <inheritdoc/>
    protected override void WriteObservation(Span<float> observation)
    {
        ReadOnlySpan<double> s = State;
        for (int i = 0; i < _n; i++)
        {
            (double sin, double cos) = Math.SinCos(s[i]); // the bits of Math.Sin and Math.Cos (SinCosTests)
            observation[i] = (float)cos;
            observation[_n + i] = (float)sin;
            observation[2 * _n + i] = (float)s[_n + i];
        }

        double tx = s[2 * _n], ty = s[2 * _n + 1];
        (double fx, double fy) = _fingertipKnown ? (_fingertipX, _fingertipY) : ComputeFingertip(s[.._n]);
        observation[3 * _n] = (float)tx;
        observation[3 * _n + 1] = (float)ty;
        observation[3 * _n + 2] = (float)(fx - tx);
        observation[3 * _n + 3] = (float)(fy - ty);
    }

    /// <inheritdoc/>
    protected override void OnEpisodeStart() => _fingertipKnown = false;

    private (double X, double Y) ComputeFingertip(ReadOnlySpan<double> q)
    {
        double phi = 0.0, x = 0.0, y = 0.0;
        for (int i = 0; i < q.Length; i++)
        {
            phi += q[i];
            (double sin, double cos) = Math.SinCos(phi);
            x += _lengths[i] * cos;
            y += _lengths[i] * sin;
        }

        return (x, y);
    }

    private static int ValidatedLinks(ArmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return options.Links;
    }
}
