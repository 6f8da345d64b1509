// Typed es.env: which environment or test function is optimized, and its options.
namespace Es.Core.Configuration;

/// <summary>The task (<c>es.env</c>).</summary>
/// <param name="Id">Registry id of an environment or test function (<c>id</c>).</param>
/// <param name="MaxEpisodeSteps">0 = the environment's own limit, otherwise min(own, this) (<c>max-episode-steps</c>).</param>
/// <param name="Dimension">Test functions: number of parameters, 0 = default (<c>dimension</c>).</param>
/// <param name="Optimum">Quadratic test function: its optimum, empty = default (<c>optimum</c>).</param>
/// <param name="Arm">Planar robot arm options (<c>arm</c>).</param>
public sealed record EnvSettings(string Id, int MaxEpisodeSteps, int Dimension, IReadOnlyList<double> Optimum, ArmSettings Arm)
{
    /// <summary>Options of the configurable MuJoCo task (<c>mujoco</c>); the defaults unless set.</summary>
    public MuJoCoSettings MuJoCo { get; init; } = MuJoCoSettings.Default;

    /// <summary>Compares lists by content, so settings read twice from the same text are equal.</summary>
    public bool Equals(EnvSettings? other) =>
        other is not null && Id == other.Id && MaxEpisodeSteps == other.MaxEpisodeSteps && Dimension == other.Dimension
        && Optimum.SequenceEqual(other.Optimum) && Arm.Equals(other.Arm) && MuJoCo.Equals(other.MuJoCo);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, MaxEpisodeSteps, Dimension, Optimum.Count, Arm);
}
