// MuJoCo: a user's own MJCF model with a reward chosen in configuration (forward, reach or upright).
namespace Es.MuJoCo.Tasks;

using Es.Core.Configuration;
using Es.Core.Random;
using Es.MuJoCo.Native;

/// <summary>
/// Any MJCF model with one of three rewards, configured under <c>es.env.mujoco</c>
/// (<see cref="MuJoCoSettings"/>). The reward follows one body (<c>body</c>, default the first
/// body after the world).
/// </summary>
/// <remarks>
/// <para><b>forward</b>: forward-reward-weight × (x velocity of the body's subtree centre of mass over
/// the step) + healthy-reward − ctrl-cost-weight × Σ ctrl².</para>
/// <para><b>reach</b>: −‖body position − target‖ − ctrl-cost-weight × Σ ctrl²; the target is
/// <c>target</c> + U(±target-noise) per coordinate, drawn at reset.</para>
/// <para><b>upright</b>: healthy-reward × (z component of the body's z axis, 1 when upright)
/// − ctrl-cost-weight × Σ ctrl².</para>
/// <para><b>Termination</b> when the body's height leaves healthy-z-range (never when it is []);
/// truncation at max-episode-steps.</para>
/// <para><b>Observation.</b> qpos (without the root's x and y when the first joint is free and the
/// reward is forward), qvel, and for reach the target (3) and body − target (3).</para>
/// <para><b>Reset.</b> qpos = qpos0 + U(±reset-noise-scale), qvel = U(±reset-noise-scale).
/// Positions of bodies are those MuJoCo computed in the last physics step, as in Gymnasium.</para>
/// </remarks>
public sealed class MjcfEnvironment : MuJoCoEnvironment
{
    /// <summary>Registry id.</summary>
    public const string EnvironmentId = Es.Core.Configuration.MuJoCoSettings.EnvironmentId;

    private readonly MuJoCoSettings _settings;
    private readonly int _body;
    private readonly int _qposSkip;
    private readonly bool _reach;
    private double _xBefore;

    /// <summary>Loads <see cref="MuJoCoSettings.Model"/> and prepares the reward the settings choose.</summary>
    /// <exception cref="MuJoCoException">No model was given, the library or model is missing, or the body does not exist.</exception>
    public MjcfEnvironment(MuJoCoSettings settings)
        : base(RequireModel(settings), settings.FrameSkip, taskStateSize: 3)
    {
        _settings = settings;
        if (settings.Body.Length == 0)
        {
            if (Model.Nbody < 2)
                throw new MuJoCoException($"{EnvironmentId}: model '{Model.Path}' has no body besides the world.");
            _body = 1;
        }
        else
        {
            _body = Model.BodyId(settings.Body);
            if (_body < 0)
                throw new MuJoCoException($"{EnvironmentId}: model '{Model.Path}' has no body named \"{settings.Body}\" (es.env.mujoco.body).");
        }

        _reach = settings.Reward == "reach";
        _qposSkip = settings.Reward == "forward" && Model.Njnt > 0 && Model.JointType[0] == MjLayout.JointFree ? 2 : 0;
        for (int i = 0; i < 3; i++)
            TaskState[i] = settings.Target[i];
    }

    /// <summary>Id of the body the reward follows.</summary>
    public int BodyId => _body;

    /// <inheritdoc/>
    protected override string Id => EnvironmentId;

    /// <inheritdoc/>
    protected override int ObservationSize => Model.Nq - _qposSkip + Model.Nv + (_reach ? 6 : 0);

    /// <inheritdoc/>
    protected override int MaxEpisodeSteps => _settings.MaxEpisodeSteps;

    /// <inheritdoc/>
    protected override void SampleInitialState(ref Rng rng)
    {
        AddResetNoise(ref rng, _settings.ResetNoiseScale);
        for (int i = 0; i < 3; i++)
            TaskState[i] = _settings.Target[i] + rng.NextDouble(-_settings.TargetNoise, _settings.TargetNoise);
    }

    /// <inheritdoc/>
    protected override void BeforeStep() => _xBefore = Data.SubtreeCom[3 * _body];

    /// <inheritdoc/>
    protected override (double Reward, bool Terminated) AfterStep(double controlSquared)
    {
        ReadOnlySpan<double> xpos = Data.Xpos.Slice(3 * _body, 3);
        bool healthy = _settings.HealthyZRange.Count == 0
            || (xpos[2] >= _settings.HealthyZRange[0] && xpos[2] <= _settings.HealthyZRange[1]);
        double ctrlCost = _settings.CtrlCostWeight * controlSquared;
        double reward = _settings.Reward switch
        {
            "forward" => _settings.ForwardRewardWeight * (Data.SubtreeCom[3 * _body] - _xBefore) / Dt + (healthy ? _settings.HealthyReward : 0.0) - ctrlCost,
            "reach" => -Distance(xpos) - ctrlCost,
            _ => (healthy ? _settings.HealthyReward : 0.0) * Data.Xmat[9 * _body + 8] - ctrlCost,
        };
        return (reward, !healthy);
    }

    /// <inheritdoc/>
    protected override void WriteObservation(Span<float> observation)
    {
        int at = HumanoidObservation.Copy(Data.Qpos[_qposSkip..], observation, 0);
        at = HumanoidObservation.Copy(Data.Qvel, observation, at);
        if (_reach)
        {
            ReadOnlySpan<double> xpos = Data.Xpos.Slice(3 * _body, 3);
            for (int i = 0; i < 3; i++)
            {
                observation[at + i] = (float)TaskState[i];
                observation[at + 3 + i] = (float)(xpos[i] - TaskState[i]);
            }
        }
    }

    private double Distance(ReadOnlySpan<double> xpos)
    {
        double sum = 0;
        for (int i = 0; i < 3; i++)
        {
            double d = xpos[i] - TaskState[i];
            sum += d * d;
        }

        return Math.Sqrt(sum);
    }

    private static string RequireModel(MuJoCoSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Model.Length == 0)
            throw new MuJoCoException($"{EnvironmentId}: es.env.mujoco.model is empty; give the path of an MJCF (XML) file, for example \"{HumanoidEnvironment.DefaultModelPath}\".");
        return settings.Model;
    }
}
