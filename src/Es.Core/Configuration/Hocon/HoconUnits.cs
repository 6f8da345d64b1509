// The HOCON spec's duration and size formats ("10s", "500 ms", "512k", "10 MiB", "1GB").
namespace Es.Core.Configuration.Hocon;

using System.Globalization;
using System.Text.RegularExpressions;

/// <summary>
/// Parses durations and byte sizes with the unit names of the HOCON spec. A bare number is
/// milliseconds for a duration and bytes for a size; single-letter and <c>Xi</c>/<c>XiB</c> size
/// units are powers of two, <c>XB</c> and spelled-out SI names are powers of ten.
/// </summary>
internal static partial class HoconUnits
{
    /// <summary>The duration units accepted, for error messages.</summary>
    public const string DurationHelp = "a duration such as 10s, 500 ms, 2 minutes or 1h (ns, us, ms, s, m, h, d; a bare number is milliseconds)";

    /// <summary>The size units accepted, for error messages.</summary>
    public const string SizeHelp = "a size such as 512k, 10 MiB or 1GB (B, k/K/Ki/KiB = 1024, kB = 1000, M/Mi/MiB, MB, G/Gi/GiB, GB, T, P, E; a bare number is bytes)";

    private static readonly Dictionary<string, long> DurationTicksPer100 = BuildDurationUnits();

    private static readonly Dictionary<string, decimal> SizeUnits = BuildSizeUnits();

    /// <summary>Reads a duration, or null when the text is not one.</summary>
    public static TimeSpan? ParseDuration(string text)
    {
        var m = NumberAndUnit().Match(text);
        if (!m.Success)
        {
            return null;
        }

        string unit = m.Groups["unit"].Value;
        if (unit.Length == 0)
        {
            unit = "ms";
        }

        if (!DurationTicksPer100.TryGetValue(unit, out long hundredthsOfTick)
            || !double.TryParse(m.Groups["number"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number))
        {
            return null;
        }

        double ticks = number * hundredthsOfTick / 100.0;
        if (double.IsNaN(ticks) || Math.Abs(ticks) > TimeSpan.MaxValue.Ticks)
        {
            return null;
        }

        return TimeSpan.FromTicks((long)Math.Round(ticks));
    }

    /// <summary>Reads a size in bytes, or null when the text is not one or overflows a long.</summary>
    public static long? ParseBytes(string text)
    {
        var m = NumberAndUnit().Match(text);
        if (!m.Success)
        {
            return null;
        }

        string unit = m.Groups["unit"].Value;
        decimal multiplier = 1;
        if (unit.Length > 0 && !SizeUnits.TryGetValue(unit, out multiplier))
        {
            return null;
        }

        if (!decimal.TryParse(m.Groups["number"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal number))
        {
            return null;
        }

        try
        {
            decimal bytes = decimal.Truncate(number * multiplier);
            return bytes < long.MinValue || bytes > long.MaxValue ? null : (long)bytes;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"^\s*(?<number>[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)\s*(?<unit>[A-Za-z]*)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberAndUnit();

    private static Dictionary<string, long> BuildDurationUnits()
    {
        // Values are hundredths of a 100 ns tick, so nanoseconds stay integral.
        var units = new Dictionary<string, long>(StringComparer.Ordinal);
        void Add(long value, params string[] names)
        {
            foreach (string n in names)
            {
                units[n] = value;
            }
        }

        Add(1, "ns", "nano", "nanos", "nanosecond", "nanoseconds");
        Add(1_000, "us", "micro", "micros", "microsecond", "microseconds");
        Add(1_000_000, "ms", "milli", "millis", "millisecond", "milliseconds");
        Add(1_000_000_000, "s", "second", "seconds");
        Add(60_000_000_000, "m", "minute", "minutes");
        Add(3_600_000_000_000, "h", "hour", "hours");
        Add(86_400_000_000_000, "d", "day", "days");
        return units;
    }

    private static Dictionary<string, decimal> BuildSizeUnits()
    {
        var units = new Dictionary<string, decimal>(StringComparer.Ordinal)
        {
            ["B"] = 1,
            ["b"] = 1,
            ["byte"] = 1,
            ["bytes"] = 1,
        };
        string[] si = ["kilo", "mega", "giga", "tera", "peta", "exa", "zetta", "yotta"];
        string[] iec = ["kibi", "mebi", "gibi", "tebi", "pebi", "exbi", "zebi", "yobi"];
        string letters = "KMGTPEZY";
        decimal power10 = 1;
        decimal power2 = 1;
        for (int i = 0; i < letters.Length; i++)
        {
            power10 *= 1000;
            power2 *= 1024;
            string upper = letters[i].ToString();
            string lower = upper.ToLowerInvariant();
            units[(i == 0 ? "k" : upper) + "B"] = power10;
            units[si[i] + "byte"] = power10;
            units[si[i] + "bytes"] = power10;
            units[upper] = power2;
            units[lower] = power2;
            units[upper + "i"] = power2;
            units[upper + "iB"] = power2;
            units[iec[i] + "byte"] = power2;
            units[iec[i] + "bytes"] = power2;
        }

        return units;
    }
}
