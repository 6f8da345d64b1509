// HumanoidStandup: Gymnasium's stand-up task, the same humanoid starting on its back.
namespace Es.MuJoCo.Tasks;

using Es.Core.Random;

/// <summary>
/// Get up from lying on the back: Gymnasium's HumanoidStandup-v5 reward on the humanoid of
/// libmujoco-samples, with the same observation as <see cref="HumanoidEnvironment"/> (426 values).
/// </summary>
/// <remarks>
/// <para><b>Reset.</b> The root is put at height 0.15 m and turned −90° about y (on the back, face
/// up: quaternion (√½, 0, −√½, 0)); then qpos += U(±0.01), qvel = U(±0.01). Three physics steps per step.</para>
/// <para><b>Reward.</b> qpos[2] / timestep (Gymnasium's "uph" term; timestep 0.005 s here) − 0.1 × Σ ctrl²
/// − min(5·10⁻⁷ × Σ cfrc_ext², 10) + 1.</para>
/// <para><b>Termination.</b> None; truncation at 1,000 steps.</para>
/// </remarks>
public sealed class HumanoidStandupEnvironment : MuJoCoEnvironment
{
    /// <summary>Registry id.</summary>
    public const string EnvironmentId = "HumanoidStandup";

    /// <summary>Height of the root at reset, before noise.</summary>
    public const double LyingHeight = 0.15;

    /// <summary>Loads the humanoid from <see cref="HumanoidEnvironment.DefaultModelPath"/>.</summary>
    /// <exception cref="MuJoCoException">The library or model is missing.</exception>
    public HumanoidStandupEnvironment()
        : base(HumanoidEnvironment.DefaultModelPath, frameSkip: 3, taskStateSize: 0)
    {
    }

    /// <inheritdoc/>
    protected override string Id => EnvironmentId;

    /// <inheritdoc/>
    protected override int ObservationSize => (Model.Nq - 2) + Model.Nv + 22 * (Model.Nbody - 1) + (Model.Nv - 6);

    /// <inheritdoc/>
    protected override int MaxEpisodeSteps => 1000;

    /// <inheritdoc/>
    protected override void SampleInitialState(ref Rng rng)
    {
        Span<double> qpos = Data.Qpos;
        qpos[2] = LyingHeight;
        double h = Math.Sqrt(0.5);
        qpos[3] = h;
        qpos[4] = 0;
        qpos[5] = -h;
        qpos[6] = 0;
        AddResetNoise(ref rng, HumanoidEnvironment.ResetNoiseScale);
    }

    /// <inheritdoc/>
    protected override (double Reward, bool Terminated) AfterStep(double controlSquared)
    {
        double uph = Data.Qpos[2] / Model.Timestep;
        double impact = Math.Min(HumanoidEnvironment.ContactCostWeight * ContactForceSquared(), HumanoidEnvironment.ContactCostMax);
        return (uph - HumanoidEnvironment.CtrlCostWeight * controlSquared - impact + 1.0, false);
    }

    /// <inheritdoc/>
    protected override void WriteObservation(Span<float> observation) => HumanoidObservation.Write(Data, observation);
}
