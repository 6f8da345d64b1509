// Typed, validated view of the whole `es` section: what the trainer actually runs with.
namespace Es.Core.Configuration;

/// <summary>
/// Every EsAkka setting, read from HOCON through <see cref="SettingsLoader"/> and validated.
/// Immutable; derive variants with <c>with</c> expressions and check them with
/// <see cref="SettingsValidator.Validate(EsSettings)"/>.
/// </summary>
/// <param name="Run">Seed and stopping rules (<c>es.run</c>).</param>
/// <param name="Env">The task (<c>es.env</c>).</param>
/// <param name="Policy">The policy network (<c>es.policy</c>).</param>
/// <param name="Strategy">The evolution strategy (<c>es.strategy</c>).</param>
/// <param name="Noise">The shared noise table (<c>es.noise</c>).</param>
/// <param name="Normalization">Observation normalization (<c>es.normalization</c>).</param>
/// <param name="Evaluation">Mean-policy evaluation (<c>es.evaluation</c>).</param>
/// <param name="Checkpoint">Checkpoints (<c>es.checkpoint</c>).</param>
/// <param name="Cluster">Cluster mode (<c>es.cluster</c>).</param>
/// <param name="Rollouts">How evaluators step episodes (<c>es.rollouts</c>).</param>
public sealed record EsSettings(
    RunSettings Run,
    EnvSettings Env,
    PolicySettings Policy,
    StrategySettings Strategy,
    NoiseSettings Noise,
    NormalizationSettings Normalization,
    EvaluationSettings Evaluation,
    CheckpointSettings Checkpoint,
    ClusterSettings Cluster,
    RolloutSettings Rollouts)
{
    private static readonly Lazy<EsSettings> DefaultSettings = new(SettingsLoader.LoadDefault);

    /// <summary>
    /// The settings of reference.conf alone. The environment id is not checked against the
    /// registry here, so the defaults are available even where no environment is registered.
    /// </summary>
    public static EsSettings Default => DefaultSettings.Value;

    /// <summary>
    /// The resolved <c>akka { ... }</c> section of the same file (reference.conf's project defaults
    /// under the user's changes), rendered as HOCON text by the strict parser. The actor system
    /// is configured from this text only, so Akka.NET's lax parser never reads a user's file; the
    /// keys pass through unchecked, as Akka users expect. Not part of <see cref="ToHocon"/>: it
    /// says how this node runs its actors, not what the run computes.
    /// </summary>
    public string Akka { get; init; } = SettingsSchema.ReferenceAkka;

    /// <summary>
    /// The settings as an <c>es { ... }</c> HOCON document, saved with runs and checkpoints;
    /// <see cref="SettingsLoader.ParseSaved"/> reads it back to equal settings.
    /// </summary>
    public string ToHocon() => SettingsWriter.ToHocon(this);
}
