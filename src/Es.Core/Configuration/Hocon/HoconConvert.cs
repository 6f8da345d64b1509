// Typed reading of resolved values, with errors that name the place, the key, what was found
// and what was expected.
namespace Es.Core.Configuration.Hocon;

using System.Globalization;
using System.Text.RegularExpressions;

/// <summary>
/// Conversions behind the typed getters of <see cref="HoconObject"/>. Lenient where HOCON is
/// (a quoted "10" reads as a number, <c>yes</c>/<c>on</c> read as true) and strict elsewhere.
/// </summary>
internal static partial class HoconConvert
{
    public static ConfigException Mismatch(HoconValue value, string path, string expected) =>
        value.Origin.Error("expected " + expected + ", found " + value.Describe(), path);

    public static string ToText(HoconValue value, string path) => value is HoconScalar { Type: not HoconType.Null } s
        ? s.Text
        : throw Mismatch(value, path, "a string");

    public static double ToDouble(HoconValue value, string path)
    {
        if (value is HoconScalar { Type: HoconType.Number or HoconType.String } s
            && IsNumber(s.Text.Trim())
            && double.TryParse(s.Text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double d))
        {
            return d;
        }

        throw Mismatch(value, path, "a number");
    }

    public static long ToLong(HoconValue value, string path)
    {
        if (value is HoconScalar { Type: HoconType.Number or HoconType.String } s && IsNumber(s.Text.Trim()))
        {
            string text = s.Text.Trim();
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l))
            {
                return l;
            }

            // 1e3 or 2.0 are integers written as doubles; anything fractional or huge is not.
            if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal dec)
                && dec == decimal.Truncate(dec) && dec >= long.MinValue && dec <= long.MaxValue)
            {
                return (long)dec;
            }

            throw Mismatch(value, path, "a whole number within 64-bit range");
        }

        throw Mismatch(value, path, "a whole number");
    }

    public static int ToInt(HoconValue value, string path)
    {
        long l;
        try
        {
            l = ToLong(value, path);
        }
        catch (ConfigException)
        {
            throw Mismatch(value, path, "an int");
        }

        return l is < int.MinValue or > int.MaxValue ? throw Mismatch(value, path, "an int (32-bit)") : (int)l;
    }

    public static bool ToBool(HoconValue value, string path)
    {
        if (value is HoconScalar { Type: HoconType.Boolean or HoconType.String } s)
        {
            switch (s.Text.Trim().ToLowerInvariant())
            {
                case "true" or "yes" or "on":
                    return true;
                case "false" or "no" or "off":
                    return false;
            }
        }

        throw Mismatch(value, path, "a boolean (true/false, yes/no, on/off)");
    }

    public static TimeSpan ToDuration(HoconValue value, string path)
    {
        if (value is HoconScalar { Type: HoconType.Number or HoconType.String } s && HoconUnits.ParseDuration(s.Text) is { } t)
        {
            return t;
        }

        throw Mismatch(value, path, HoconUnits.DurationHelp);
    }

    public static long ToBytes(HoconValue value, string path)
    {
        if (value is HoconScalar { Type: HoconType.Number or HoconType.String } s && HoconUnits.ParseBytes(s.Text) is { } b)
        {
            return b;
        }

        throw Mismatch(value, path, HoconUnits.SizeHelp);
    }

    public static IReadOnlyList<T> ToList<T>(HoconValue value, string path, Func<HoconValue, string, T> element, string expected)
    {
        if (value is not HoconArray array)
        {
            throw Mismatch(value, path, "an array of " + expected);
        }

        var result = new List<T>(array.Items.Count);
        for (int i = 0; i < array.Items.Count; i++)
        {
            result.Add(element(array.Items[i], path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]"));
        }

        return result;
    }

    /// <summary>True for text in HOCON/JSON number syntax (what the parser calls a number).</summary>
    public static bool IsNumber(string text) => NumberSyntax().IsMatch(text);

    [GeneratedRegex(@"^-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberSyntax();
}
