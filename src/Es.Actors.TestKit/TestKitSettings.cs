// Test timing: the default timeout and the time factor that dilates every timeout on slow machines.
using System.Globalization;

namespace Es.Actors.TestKit;

/// <summary>
/// Timing settings of a <see cref="TestKit"/>. Every timeout the kit applies, default or explicit, is multiplied by
/// <see cref="TimeFactor"/> (Akka's <c>akka.test.timefactor</c>), so a slow or shared CI machine can be given more
/// time through the <c>ES_TEST_TIMEFACTOR</c> environment variable without touching the tests.
/// </summary>
public sealed class TestKitSettings
{
    /// <summary>The environment variable holding the time factor (a positive number, invariant culture).</summary>
    public const string TimeFactorVariable = "ES_TEST_TIMEFACTOR";

    /// <summary>Creates settings.</summary>
    /// <param name="timeFactor">Overrides the environment variable when set.</param>
    /// <param name="defaultTimeout">Timeout of expectations that name none, before dilation; 3 s when null.</param>
    public TestKitSettings(double? timeFactor = null, TimeSpan? defaultTimeout = null)
    {
        var factor = timeFactor ?? TimeFactorFromEnvironment();
        if (!(factor > 0) || double.IsInfinity(factor))
            throw new ArgumentOutOfRangeException(nameof(timeFactor), factor, "The time factor must be a positive, finite number.");
        TimeFactor = factor;
        DefaultTimeout = defaultTimeout ?? TimeSpan.FromSeconds(3);
    }

    /// <summary>Multiplier applied to every timeout.</summary>
    public double TimeFactor { get; }

    /// <summary>Timeout of expectations that name none, before dilation.</summary>
    public TimeSpan DefaultTimeout { get; }

    /// <summary>Scales <paramref name="duration"/> by the time factor (infinite stays infinite).</summary>
    public TimeSpan Dilated(TimeSpan duration) =>
        duration == Timeout.InfiniteTimeSpan ? duration : TimeSpan.FromTicks((long)(duration.Ticks * TimeFactor));

    /// <summary>The time factor from <see cref="TimeFactorVariable"/>; 1.0 when unset.</summary>
    public static double TimeFactorFromEnvironment() => ParseTimeFactor(Environment.GetEnvironmentVariable(TimeFactorVariable));

    /// <summary>Parses a time factor; null or blank means 1.0.</summary>
    /// <exception cref="ArgumentException">Not a positive number: a typo must not silently run tests with the wrong timing.</exception>
    public static double ParseTimeFactor(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return 1.0;
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var factor) && factor > 0 && !double.IsInfinity(factor))
            return factor;
        throw new ArgumentException($"{TimeFactorVariable}='{value}' is not a positive number.", nameof(value));
    }
}
