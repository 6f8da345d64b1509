// The extension point of the environment registry: how a library outside Es.Core adds environments.
namespace Es.Core.Environments;

using Es.Core.Configuration;

/// <summary>
/// An environment id contributed from outside Es.Core (for example the MuJoCo tasks of Es.MuJoCo,
/// which need native code Es.Core must not load). Register it with
/// <see cref="EnvironmentRegistry.Register(EnvironmentProvider)"/> once at start-up.
/// </summary>
/// <param name="Id">Registry id, as configurations name it in es.env.id.</param>
/// <param name="Create">
/// Makes a fresh instance from the run's <c>es.env</c> settings, or from the defaults when given null
/// (as <c>es envs</c> does to show the spec). Every call returns a new instance that owns its state.
/// </param>
/// <param name="Check">
/// Optional: called while settings are validated, before anything runs; returns a problem (the key
/// and why) that makes the settings unusable, such as a missing model file, or null when they are fine.
/// </param>
public sealed record EnvironmentProvider(
    string Id,
    Func<EnvSettings?, IStatefulEnvironment> Create,
    Func<EnvSettings, EnvironmentProblem?>? Check = null);

/// <summary>Why settings cannot make an environment: the key to blame and the reason, for a located configuration error.</summary>
/// <param name="Key">Full key, such as "es.env.mujoco.model".</param>
/// <param name="Message">What is wrong and how to fix it.</param>
public sealed record EnvironmentProblem(string Key, string Message);
