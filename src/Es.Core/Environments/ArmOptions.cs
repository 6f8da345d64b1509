// Settings of the planar N-link robot arm (Arm-v0).
namespace Es.Core.Environments;

/// <summary>
/// How the planar arm is built and how hard it is to control. The defaults give a two-link arm
/// of total reach 1.0 that a small policy can learn to point within a few hundred generations.
/// </summary>
public sealed record ArmOptions
{
    /// <summary>Number of links (and joints); each joint adds one action component.</summary>
    public int Links { get; init; } = 2;

    /// <summary>Length of each link; null gives every link 1/<see cref="Links"/> so the reach is 1.0 whatever the count.</summary>
    public IReadOnlyList<double>? LinkLengths { get; init; }

    /// <summary>Weight of the squared action in the reward; it keeps learned motions smooth instead of bang-bang.</summary>
    public double ControlCost { get; init; } = 0.01;

    /// <summary>Episode length; the arm never terminates on its own, so every episode is truncated here.</summary>
    public int MaxEpisodeSteps { get; init; } = 200;

    /// <summary>Integration step in seconds.</summary>
    public double Dt { get; init; } = 0.05;

    /// <summary>Joint angular acceleration (rad/s²) commanded by an action component of 1.</summary>
    public double MaxAcceleration { get; init; } = 10.0;

    /// <summary>Viscous damping rate (1/s): a released joint slows down instead of spinning forever.</summary>
    public double Damping { get; init; } = 1.0;

    /// <summary>Joint speeds are clamped to ±this (rad/s), which keeps the dynamics bounded under any policy.</summary>
    public double MaxJointSpeed { get; init; } = 2 * Math.PI;

    /// <summary>The link lengths in effect: <see cref="LinkLengths"/> or the equal-split default.</summary>
    public double[] ResolveLinkLengths()
    {
        if (LinkLengths is not null)
            return LinkLengths.ToArray();
        var lengths = new double[Links];
        Array.Fill(lengths, 1.0 / Links);
        return lengths;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that cannot make a working arm.</summary>
    public void Validate()
    {
        if (Links < 1 || Links > 64)
            throw new ArgumentException($"ArmOptions.Links must be in [1, 64], got {Links}.");
        if (LinkLengths is not null)
        {
            if (LinkLengths.Count != Links)
                throw new ArgumentException($"ArmOptions.LinkLengths has {LinkLengths.Count} values but Links is {Links}.");
            for (int i = 0; i < LinkLengths.Count; i++)
            {
                if (!(LinkLengths[i] > 0) || !double.IsFinite(LinkLengths[i]))
                    throw new ArgumentException($"ArmOptions.LinkLengths[{i}] must be positive and finite, got {LinkLengths[i]}.");
            }
        }

        if (!(ControlCost >= 0) || !double.IsFinite(ControlCost))
            throw new ArgumentException($"ArmOptions.ControlCost must be non-negative and finite, got {ControlCost}.");
        if (MaxEpisodeSteps < 1)
            throw new ArgumentException($"ArmOptions.MaxEpisodeSteps must be positive, got {MaxEpisodeSteps}.");
        if (!(Dt > 0) || !double.IsFinite(Dt))
            throw new ArgumentException($"ArmOptions.Dt must be positive and finite, got {Dt}.");
        if (!(MaxAcceleration > 0) || !double.IsFinite(MaxAcceleration))
            throw new ArgumentException($"ArmOptions.MaxAcceleration must be positive and finite, got {MaxAcceleration}.");
        if (!(Damping >= 0) || !double.IsFinite(Damping))
            throw new ArgumentException($"ArmOptions.Damping must be non-negative and finite, got {Damping}.");
        if (!(MaxJointSpeed > 0) || !double.IsFinite(MaxJointSpeed))
            throw new ArgumentException($"ArmOptions.MaxJointSpeed must be positive and finite, got {MaxJointSpeed}.");
    }
}
