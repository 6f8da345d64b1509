// Typed es.env.mujoco: a user's own MJCF model and the reward chosen for it (environment id "MuJoCo").
namespace Es.Core.Configuration;

/// <summary>
/// Options of the configurable MuJoCo task (<c>es.env.mujoco</c>), read only when <c>es.env.id = "MuJoCo"</c>.
/// Es.Core only carries these values; the MuJoCo bindings (project Es.MuJoCo) interpret them.
/// </summary>
/// <param name="Model">Path of the MJCF (XML) model file; empty = none given (<c>model</c>).</param>
/// <param name="Reward">forward | reach | upright (<c>reward</c>).</param>
/// <param name="Body">Name of the body the reward follows; empty = the first body after the world (<c>body</c>).</param>
/// <param name="FrameSkip">Physics steps per environment step (<c>frame-skip</c>).</param>
/// <param name="MaxEpisodeSteps">The task's own step limit (<c>max-episode-steps</c>).</param>
/// <param name="ForwardRewardWeight">forward: weight of the body's centre-of-mass x velocity (<c>forward-reward-weight</c>).</param>
/// <param name="CtrlCostWeight">Weight of the squared control in the reward (<c>ctrl-cost-weight</c>).</param>
/// <param name="HealthyReward">forward, upright: reward of each step the body's height is in range (<c>healthy-reward</c>).</param>
/// <param name="HealthyZRange">[min, max] height of the body; outside it the episode terminates; [] = never (<c>healthy-z-range</c>).</param>
/// <param name="ResetNoiseScale">Half-width of the uniform noise added to the initial qpos and qvel (<c>reset-noise-scale</c>).</param>
/// <param name="Target">reach: the target point [x, y, z] (<c>target</c>).</param>
/// <param name="TargetNoise">reach: half-width of the uniform noise added to each target coordinate at reset (<c>target-noise</c>).</param>
public sealed record MuJoCoSettings(
    string Model,
    string Reward,
    string Body,
    int FrameSkip,
    int MaxEpisodeSteps,
    double ForwardRewardWeight,
    double CtrlCostWeight,
    double HealthyReward,
    IReadOnlyList<double> HealthyZRange,
    double ResetNoiseScale,
    IReadOnlyList<double> Target,
    double TargetNoise)
{
    /// <summary>The environment id that reads these settings (the user-model task of Es.MuJoCo).</summary>
    public const string EnvironmentId = "MuJoCo";

    /// <summary>The rewards <see cref="Reward"/> may name.</summary>
    public static readonly IReadOnlyList<string> Rewards = ["forward", "reach", "upright"];

    /// <summary>The defaults of reference.conf, for settings built in code.</summary>
    public static MuJoCoSettings Default { get; } = new(
        Model: string.Empty, Reward: "forward", Body: string.Empty, FrameSkip: 5, MaxEpisodeSteps: 1000,
        ForwardRewardWeight: 1.0, CtrlCostWeight: 0.1, HealthyReward: 1.0, HealthyZRange: [], ResetNoiseScale: 0.01,
        Target: [0.5, 0.0, 0.0], TargetNoise: 0.1);

    /// <summary>Compares lists by content, so settings read twice from the same text are equal.</summary>
    public bool Equals(MuJoCoSettings? other) =>
        other is not null && Model == other.Model && Reward == other.Reward && Body == other.Body && FrameSkip == other.FrameSkip
        && MaxEpisodeSteps == other.MaxEpisodeSteps && ForwardRewardWeight.Equals(other.ForwardRewardWeight)
        && CtrlCostWeight.Equals(other.CtrlCostWeight) && HealthyReward.Equals(other.HealthyReward)
        && HealthyZRange.SequenceEqual(other.HealthyZRange) && ResetNoiseScale.Equals(other.ResetNoiseScale)
        && Target.SequenceEqual(other.Target) && TargetNoise.Equals(other.TargetNoise);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Model, Reward, Body, FrameSkip, MaxEpisodeSteps, CtrlCostWeight);
}
