// Hyper-parameters of Augmented Random Search (Mania, Guy, Recht 2018), with representative defaults from the paper.
namespace Es.Core.Strategies;

/// <summary>
/// ARS settings. Defaults: V2-t with N = 8 directions, the top b = 4, step size α = 0.02 and
/// exploration noise ν = 0.03: the HalfCheetah-v1 command of the authors' code (modestyachts/ARS,
/// README: <c>--n_directions 8 --step_size 0.02 --delta_std 0.03</c>) with the b = N/2 the
/// paper's tables use for its small tasks (e.g. Hopper-v1: N = 8, b = 4).
/// </summary>
/// <remarks>
/// The paper's policies are linear: pick <c>es.policy.type = linear</c> to reproduce its setup.
/// V1 and V1-t expect observation normalization off, V2 and V2-t on; the strategy cannot see the
/// normalizer, so the configuration decides (see <see cref="ArsVariant"/>).
/// </remarks>
public sealed record ArsOptions
{
    /// <summary>Which of the paper's four versions; decides the name ("ars-v1", "ars-v1t", "ars-v2", "ars-v2t") and whether <see cref="TopDirections"/> is used.</summary>
    public ArsVariant Variant { get; init; } = ArsVariant.V2T;

    /// <summary>N: directions δₖ sampled per generation; each is evaluated as the pair θ ± ν·δₖ.</summary>
    public int Directions { get; init; } = 8;

    /// <summary>b: the -t variants step along the b directions with the largest max(r⁺, r⁻); V1 and V2 use all N (the paper's b = N) and do not read it.</summary>
    public int TopDirections { get; init; } = 4;

    /// <summary>α: the step size of θ ← θ + α/(b·σ_R)·Σ (r⁺ − r⁻)·δ.</summary>
    public double StepSize { get; init; } = 0.02;

    /// <summary>ν: the exploration noise, the scale of the perturbations θ ± ν·δ.</summary>
    public double ExplorationNoise { get; init; } = 0.03;

    /// <summary>Candidates per generation: 2N (each direction is a mirrored pair).</summary>
    public int PopulationSize => 2 * Directions;

    /// <summary>True for the variants that step along the top b directions only.</summary>
    public bool UsesTopDirections => Variant is ArsVariant.V1T or ArsVariant.V2T;

    /// <summary>The strategy's configuration name for <see cref="Variant"/>.</summary>
    public string Name => Variant switch
    {
        ArsVariant.V1 => "ars-v1",
        ArsVariant.V1T => "ars-v1t",
        ArsVariant.V2 => "ars-v2",
        ArsVariant.V2T => "ars-v2t",
        _ => throw new InvalidOperationException($"unknown ARS variant {Variant}."),
    };

    /// <summary>Refuses settings no run could use, with the reason.</summary>
    /// <exception cref="ArgumentException">A setting is invalid; the message names it.</exception>
    public void Validate()
    {
        if (!Enum.IsDefined(Variant)) throw new ArgumentException($"unknown ARS variant {Variant}.", nameof(Variant));
        if (Directions < 1 || Directions > int.MaxValue / 2) throw new ArgumentException($"directions (N) must be >= 1, got {Directions}.", nameof(Directions));
        if (TopDirections < 1 || TopDirections > Directions)
            throw new ArgumentException($"top directions (b) must be in [1, N = {Directions}], got {TopDirections}.", nameof(TopDirections));
        if (!(StepSize > 0) || double.IsInfinity(StepSize)) throw new ArgumentException($"step size (alpha) must be > 0 and finite, got {StepSize}.", nameof(StepSize));
        if (!(ExplorationNoise > 0) || double.IsInfinity(ExplorationNoise))
            throw new ArgumentException($"exploration noise (nu) must be > 0 and finite, got {ExplorationNoise}.", nameof(ExplorationNoise));
    }
}
