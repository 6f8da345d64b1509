// Humanoid: Gymnasium's Humanoid locomotion task on the humanoid of Debian's MuJoCo samples.
namespace Es.MuJoCo.Tasks;

using Es.Core.Random;

/// <summary>
/// Run forward without falling: Gymnasium's Humanoid-v5 reward, termination and observation,
/// on <c>humanoid/humanoid.xml</c> of libmujoco-samples (the DeepMind Control Suite humanoid:
/// 17 bodies with the world, nq 28, nv 27, 21 motors with controls in [−1, 1], timestep 0.005 s).
/// </summary>
/// <remarks>
/// <para><b>Step.</b> Three physics steps (0.015 s, Gymnasium's control period for its humanoid).</para>
/// <para><b>Reward.</b> 1.25 × (x velocity of the whole body's centre of mass over the step) + 5
/// (healthy reward, every step the torso height qpos[2] is in [1.0, 2.0]) − 0.1 × Σ ctrl² −
/// min(5·10⁻⁷ × Σ cfrc_ext², 10) (contact cost over the bodies after the world).</para>
/// <para><b>Termination</b> when qpos[2] leaves [1.0, 2.0]; truncation at 1,000 steps.</para>
/// <para><b>Observation</b> (426 values): qpos[2..] (26: torso height, orientation quaternion,
/// joint angles), qvel (27), cinert of bodies 1–16 (160), cvel of bodies 1–16 (96),
/// qfrc_actuator[6..] (21), cfrc_ext of bodies 1–16 (96).</para>
/// <para><b>Reset.</b> qpos = qpos0 + U(±0.01), qvel = U(±0.01), drawn from the seed.</para>
/// </remarks>
public sealed class HumanoidEnvironment : MuJoCoEnvironment
{
    /// <summary>Registry id.</summary>
    public const string EnvironmentId = "Humanoid";

    /// <summary>The model file, from Debian's libmujoco-samples.</summary>
    public static readonly string DefaultModelPath = Path.Combine(MuJoCoLibrary.ModelDirectory, "humanoid", "humanoid.xml");

    /// <summary>Weight of the forward velocity.</summary>
    public const double ForwardRewardWeight = 1.25;

    /// <summary>Reward of each healthy step.</summary>
    public const double HealthyReward = 5.0;

    /// <summary>Weight of the squared controls.</summary>
    public const double CtrlCostWeight = 0.1;

    /// <summary>Weight of the squared contact forces.</summary>
    public const double ContactCostWeight = 5e-7;

    /// <summary>Upper bound of the contact cost.</summary>
    public const double ContactCostMax = 10.0;

    /// <summary>Healthy torso heights, [min, max].</summary>
    public const double HealthyZMin = 1.0, HealthyZMax = 2.0;

    /// <summary>Half-width of the reset noise.</summary>
    public const double ResetNoiseScale = 1e-2;

    private double _xBefore;

    /// <summary>Loads the humanoid from <see cref="DefaultModelPath"/>.</summary>
    /// <exception cref="MuJoCoException">The library or model is missing.</exception>
    public HumanoidEnvironment()
        : this(DefaultModelPath)
    {
    }

    /// <summary>Loads a humanoid model from <paramref name="modelPath"/> (it must have the layout of humanoid.xml).</summary>
    /// <exception cref="MuJoCoException">The library or model is missing.</exception>
    public HumanoidEnvironment(string modelPath)
        : base(modelPath, frameSkip: 3, taskStateSize: 0)
    {
        if (Model.Njnt == 0 || Model.JointType[0] != Native.MjLayout.JointFree)
            throw new MuJoCoException($"{EnvironmentId}: model '{Model.Path}' has no free root joint; it is not a humanoid.");
    }

    /// <summary>The whole body's centre of mass, x, after the last step or reset.</summary>
    public double MassCenterX => MassCenter().X;

    /// <summary>Torso height (qpos[2]).</summary>
    public double TorsoHeight => Data.Qpos[2];

    /// <inheritdoc/>
    protected override string Id => EnvironmentId;

    /// <inheritdoc/>
    protected override int ObservationSize => (Model.Nq - 2) + Model.Nv + 22 * (Model.Nbody - 1) + (Model.Nv - 6);

    /// <inheritdoc/>
    protected override int MaxEpisodeSteps => 1000;

    /// <inheritdoc/>
    protected override void SampleInitialState(ref Rng rng) => AddResetNoise(ref rng, ResetNoiseScale);

    /// <inheritdoc/>
    protected override void BeforeStep() => _xBefore = MassCenter().X;

    /// <inheritdoc/>
    protected override (double Reward, bool Terminated) AfterStep(double controlSquared)
    {
        double velocity = (MassCenter().X - _xBefore) / Dt;
        double z = Data.Qpos[2];
        bool healthy = z >= HealthyZMin && z <= HealthyZMax;
        double contactCost = Math.Min(ContactCostWeight * ContactForceSquared(), ContactCostMax);
        double reward = ForwardRewardWeight * velocity + (healthy ? HealthyReward : 0.0) - CtrlCostWeight * controlSquared - contactCost;
        return (reward, !healthy);
    }

    /// <inheritdoc/>
    protected override void WriteObservation(Span<float> observation) => HumanoidObservation.Write(Data, observation);
}
