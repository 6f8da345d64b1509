// Arm26Reach: bring the hand of the two-joint, six-muscle arm of libmujoco-samples to a random target.
namespace Es.MuJoCo.Tasks;

using Es.Core.Random;

/// <summary>
/// A reaching task in the spirit of Gymnasium's Reacher, on <c>tendon_arm/arm26.xml</c> of
/// libmujoco-samples: a planar arm with a shoulder and an elbow hinge (each limited to [0°, 120°],
/// links of 0.5 m) driven by six muscles whose controls lie in [0, 1] and whose activations lag them.
/// </summary>
/// <remarks>
/// <para><b>Step.</b> Four physics steps (0.02 s); 100 steps per episode (truncation), no termination.</para>
/// <para><b>Hand</b> = the end of the forearm: 0.5·(cos q₁ + cos(q₁+q₂), sin q₁ + sin(q₁+q₂)) in the
/// horizontal plane, which is where MuJoCo puts the forearm frame's (0.5, 0, 0).</para>
/// <para><b>Reward.</b> −‖hand − target‖ − 0.1 × Σ ctrl².</para>
/// <para><b>Observation</b> (16 values): cos q (2), sin q (2), qvel (2), muscle activations (6),
/// target x, y (2), hand − target (2).</para>
/// <para><b>Reset.</b> Joint angles uniform in [0, 2π/3], velocities and activations zero; the target
/// is the hand position of another pair of angles drawn the same way, so it is always reachable.</para>
/// <para><b>State</b> adds the target (x, y) after the MuJoCo state.</para>
/// </remarks>
public sealed class Arm26ReachEnvironment : MuJoCoEnvironment
{
    /// <summary>Registry id.</summary>
    public const string EnvironmentId = "Arm26Reach";

    /// <summary>The model file, from Debian's libmujoco-samples.</summary>
    public static readonly string DefaultModelPath = Path.Combine(MuJoCoLibrary.ModelDirectory, "tendon_arm", "arm26.xml");

    /// <summary>Length of each link of arm26.xml.</summary>
    public const double LinkLength = 0.5;

    /// <summary>Upper limit of both joints (120°).</summary>
    public const double JointMax = 2 * Math.PI / 3;

    /// <summary>Weight of the squared controls.</summary>
    public const double CtrlCostWeight = 0.1;

    /// <summary>Loads the arm from <see cref="DefaultModelPath"/>.</summary>
    /// <exception cref="MuJoCoException">The library or model is missing.</exception>
    public Arm26ReachEnvironment()
        : base(DefaultModelPath, frameSkip: 4, taskStateSize: 2)
    {
        if (Model.Nq != 2 || Model.Nu != 6)
            throw new MuJoCoException($"{EnvironmentId}: model '{Model.Path}' has nq {Model.Nq} and nu {Model.Nu}; arm26.xml has 2 and 6.");
    }

    /// <summary>The target of the episode.</summary>
    public (double X, double Y) Target => (TaskState[0], TaskState[1]);

    /// <summary>Where the hand is, from the joint angles.</summary>
    public (double X, double Y) Hand => HandOf(Data.Qpos[0], Data.Qpos[1]);

    /// <inheritdoc/>
    protected override string Id => EnvironmentId;

    /// <inheritdoc/>
    protected override int ObservationSize => 16;

    /// <inheritdoc/>
    protected override int MaxEpisodeSteps => 100;

    /// <summary>The hand position for shoulder angle <paramref name="q1"/> and elbow angle <paramref name="q2"/>.</summary>
    public static (double X, double Y) HandOf(double q1, double q2) =>
        (LinkLength * (Math.Cos(q1) + Math.Cos(q1 + q2)), LinkLength * (Math.Sin(q1) + Math.Sin(q1 + q2)));

    /// <inheritdoc/>
    protected override void SampleInitialState(ref Rng rng)
    {
        Span<double> qpos = Data.Qpos;
        qpos[0] = rng.NextDouble(0, JointMax);
        qpos[1] = rng.NextDouble(0, JointMax);
        (double tx, double ty) = HandOf(rng.NextDouble(0, JointMax), rng.NextDouble(0, JointMax));
        TaskState[0] = tx;
        TaskState[1] = ty;
    }

    /// <inheritdoc/>
    protected override (double Reward, bool Terminated) AfterStep(double controlSquared)
    {
        (double hx, double hy) = Hand;
        double dx = hx - TaskState[0], dy = hy - TaskState[1];
        return (-Math.Sqrt(dx * dx + dy * dy) - CtrlCostWeight * controlSquared, false);
    }

    /// <inheritdoc/>
    protected override void WriteObservation(Span<float> observation)
    {
        ReadOnlySpan<double> q = Data.Qpos;
        ReadOnlySpan<double> v = Data.Qvel;
        ReadOnlySpan<double> act = Data.Act;
        observation[0] = (float)Math.Cos(q[0]);
        observation[1] = (float)Math.Cos(q[1]);
        observation[2] = (float)Math.Sin(q[0]);
        observation[3] = (float)Math.Sin(q[1]);
        observation[4] = (float)v[0];
        observation[5] = (float)v[1];
        for (int i = 0; i < 6; i++)
            observation[6 + i] = (float)act[i];
        (double hx, double hy) = Hand;
        observation[12] = (float)TaskState[0];
        observation[13] = (float)TaskState[1];
        observation[14] = (float)(hx - TaskState[0]);
        observation[15] = (float)(hy - TaskState[1]);
    }
}
