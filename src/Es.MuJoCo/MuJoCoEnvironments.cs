// Registers the MuJoCo tasks with Es.Core's environment registry, so configurations can name them.
namespace Es.MuJoCo;

using Es.Core.Configuration;
using Es.Core.Environments;
using Es.MuJoCo.Tasks;

/// <summary>
/// The MuJoCo ids: <c>Humanoid</c>, <c>HumanoidStandup</c>, <c>Arm26Reach</c> and <c>MuJoCo</c>
/// (a user's own model, <c>es.env.mujoco</c>). Registering loads nothing; the library is opened
/// when the first environment is made, or when settings naming one are validated (so a missing
/// library or model is a configuration error, exit 2, before a run starts).
/// </summary>
public static class MuJoCoEnvironments
{
    /// <summary>The ids this library adds.</summary>
    public static IReadOnlyList<string> Ids { get; } =
        [HumanoidEnvironment.EnvironmentId, HumanoidStandupEnvironment.EnvironmentId, Arm26ReachEnvironment.EnvironmentId, MjcfEnvironment.EnvironmentId];

    /// <summary>Adds the MuJoCo ids to <see cref="EnvironmentRegistry"/>; calling it again is harmless.</summary>
    public static void Register()
    {
        EnvironmentRegistry.Register(new EnvironmentProvider(HumanoidEnvironment.EnvironmentId, _ => new HumanoidEnvironment(), _ => CheckBuiltIn(HumanoidEnvironment.DefaultModelPath)));
        EnvironmentRegistry.Register(new EnvironmentProvider(HumanoidStandupEnvironment.EnvironmentId, _ => new HumanoidStandupEnvironment(), _ => CheckBuiltIn(HumanoidEnvironment.DefaultModelPath)));
        EnvironmentRegistry.Register(new EnvironmentProvider(Arm26ReachEnvironment.EnvironmentId, _ => new Arm26ReachEnvironment(), _ => CheckBuiltIn(Arm26ReachEnvironment.DefaultModelPath)));
        EnvironmentRegistry.Register(new EnvironmentProvider(MjcfEnvironment.EnvironmentId, s => new MjcfEnvironment((s ?? EsSettings.Default.Env).MuJoCo), CheckMjcf));
    }

    /// <summary>The problem with a built-in task's library or model, or null when it can run.</summary>
    internal static EnvironmentProblem? CheckBuiltIn(string modelPath)
    {
        if (LibraryProblem() is { } problem) return problem;
        return File.Exists(modelPath) ? null : new EnvironmentProblem("es.env.id", MjModel.MissingModelMessage(modelPath));
    }

    /// <summary>The problem with a user model's settings, or null when the model loads and has the body.</summary>
    internal static EnvironmentProblem? CheckMjcf(EnvSettings settings)
    {
        if (LibraryProblem() is { } problem) return problem;
        MuJoCoSettings m = settings.MuJoCo;
        if (m.Model.Length == 0)
            return new EnvironmentProblem("es.env.mujoco.model", $"is empty; es.env.id = \"{MjcfEnvironment.EnvironmentId}\" needs the path of an MJCF (XML) model file");
        if (!File.Exists(m.Model))
            return new EnvironmentProblem("es.env.mujoco.model", MjModel.MissingModelMessage(m.Model));
        try
        {
            using var probe = new MjcfEnvironment(m);
            return null;
        }
        catch (MuJoCoException e)
        {
            return new EnvironmentProblem(m.Body.Length > 0 && e.Message.Contains("no body named", StringComparison.Ordinal) ? "es.env.mujoco.body" : "es.env.mujoco.model", e.Message);
        }
    }

    private static EnvironmentProblem? LibraryProblem()
    {
        try
        {
            MuJoCoLibrary.EnsureLoaded();
            return null;
        }
        catch (MuJoCoException e)
        {
            return new EnvironmentProblem("es.env.id", e.Message);
        }
    }
}
