// Validation of flat action buffers shared by the environments.
namespace Es.Core.Environments;

/// <summary>Turns flat float actions into validated values, rejecting what no policy should send.</summary>
internal static class ActionChecks
{
    /// <summary>The discrete index held in <paramref name="action"/>[0], which must be an integer in [0, <paramref name="n"/>).</summary>
    public static int DiscreteIndex(ReadOnlySpan<float> action, int n, string envId)
    {
        if (action.Length != 1)
            throw new ArgumentException($"{envId}: a discrete action is one value, got {action.Length}.", nameof(action));
        float a = action[0];
        if (!float.IsFinite(a) || a != MathF.Floor(a) || a < 0f || a >= n)
            throw new ArgumentException(
                $"{envId}: invalid discrete action {a.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}; expected an integer index in [0, {n}).",
                nameof(action));
        return (int)a;
    }

    /// <summary>Component <paramref name="index"/> of a continuous action as a double, rejecting NaN and infinities.</summary>
    /// <remarks>
    /// Infinities are refused rather than clamped: the clamp would hide them from the action while an
    /// unclipped-action cost (MountainCarContinuous) would turn them into an infinite reward.
    /// </remarks>
    public static double Continuous(ReadOnlySpan<float> action, int index, string envId)
    {
        float a = action[index];
        if (!float.IsFinite(a)) ThrowNotFinite(a, index, envId, nameof(action));
        return a;
    }

    // Apart, so that Continuous stays small enough to inline into every step.
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowNotFinite(float a, int index, string envId, string parameter) =>
        throw new ArgumentException(
            $"{envId}: action component {index} is {a.ToString(System.Globalization.CultureInfo.InvariantCulture)}; it must be a finite number.",
            parameter);

    /// <summary>min(max(v, lo), hi), the clamp Gymnasium's np.clip applies.</summary>
    public static double Clamp(double v, double lo, double hi) => Math.Min(Math.Max(v, lo), hi);
}
