// Which drawer shows which environment.
using Es.Core.Environments;

namespace Es.Viz.Render;

/// <summary>Picks the drawer of an environment instance: the classic-control tasks, the arm, the memory tasks, the pixel games and the MuJoCo tasks.</summary>
public static class FrameDrawers
{
    /// <summary>The drawer for <paramref name="environment"/>.</summary>
    /// <exception cref="VizInputException">No drawer knows this environment (the message lists those that are drawn).</exception>
    public static IFrameDrawer For(IEnvironment environment) => environment switch
    {
        CartPoleEnvironment => new CartPoleDrawer(),
        PendulumEnvironment => new PendulumDrawer(),
        AcrobotEnvironment => new AcrobotDrawer(),
        MountainCarEnvironment => new MountainCarDrawer(0.5),
        MountainCarContinuousEnvironment => new MountainCarDrawer(0.45),
        ArmEnvironment arm => new ArmDrawer(arm.Options.ResolveLinkLengths(), arm.InnerRadius, 1 / arm.Options.Dt),
        Es.MuJoCo.MuJoCoEnvironment mujoco => new MuJoCoDrawer(mujoco),
        PixelGame game => new PixelGameDrawer(game),
        CueMemoryEnvironment cue => new CueMemoryDrawer(cue),
        MaskedEnvironment masked => new MaskedDrawer(For(masked.Inner), masked.Spec.Id switch
        {
            MaskedEnvironment.CartPoleId => "the policy sees x and θ, not the velocities",
            MaskedEnvironment.PendulumId => "the policy sees cos θ and sin θ, not θ̇",
            _ => $"the policy sees {masked.Spec.ObservationSize} of {masked.Inner.Spec.ObservationSize} observation values",
        }),
        _ => throw new VizInputException(
            $"es render cannot draw {environment.Spec.Id}; it draws {string.Join(", ", Drawn)}, the MuJoCo tasks and the test functions (see docs/tasks.md)."),
    };

    /// <summary>The environment ids that have a drawer.</summary>
    public static IReadOnlyList<string> Drawn { get; } =
    [
        CartPoleEnvironment.EnvironmentId, PendulumEnvironment.EnvironmentId, AcrobotEnvironment.EnvironmentId,
        MountainCarEnvironment.EnvironmentId, MountainCarContinuousEnvironment.EnvironmentId, ArmEnvironment.EnvironmentId,
        MaskedEnvironment.CartPoleId, MaskedEnvironment.PendulumId, CueMemoryEnvironment.EnvironmentId,
        BreakoutEnvironment.EnvironmentId, InvadersEnvironment.EnvironmentId, FreewayEnvironment.EnvironmentId,
    ];
}
