// Typed es.env.arm: options of the planar robot arm environment.
namespace Es.Core.Configuration;

/// <summary>Planar robot arm options (<c>es.env.arm</c>).</summary>
/// <param name="Links">Number of links (<c>links</c>).</param>
/// <param name="LinkLengths">Length of each link; empty = 1/links each (<c>link-lengths</c>).</param>
/// <param name="ControlCost">Weight of the squared-action penalty (<c>control-cost</c>).</param>
public sealed record ArmSettings(int Links, IReadOnlyList<double> LinkLengths, double ControlCost)
{
    /// <summary>Compares lists by content, so settings read twice from the same text are equal.</summary>
    public bool Equals(ArmSettings? other) =>
        other is not null && Links == other.Links && LinkLengths.SequenceEqual(other.LinkLengths) && ControlCost.Equals(other.ControlCost);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Links, LinkLengths.Count, ControlCost);
}
