// A leaf value: string, number, boolean or null, kept as the text that was written so that
// units (10s, 512k) and number formats survive until a typed getter interprets them.
namespace Es.Core.Configuration.Hocon;

/// <summary>
/// A string, number, boolean or null. The text is kept as written because HOCON decides the
/// meaning late: <c>10s</c> is a string until read as a duration, <c>1e3</c> may be read as an int.
/// </summary>
public sealed class HoconScalar : HoconValue
{
    private readonly HoconType _type;

    internal HoconScalar(HoconType type, string text, HoconOrigin origin)
        : base(origin)
    {
        if (type is HoconType.Object or HoconType.Array)
        {
            throw new ArgumentException("a scalar cannot be an object or array", nameof(type));
        }

        _type = type;
        Text = text;
    }

    /// <inheritdoc/>
    public override HoconType Type => _type;

    /// <summary>The value as text: the string itself, the number as written, <c>true</c>/<c>false</c> or <c>null</c>.</summary>
    public string Text { get; }

    /// <inheritdoc/>
    public override string ToString() => Text;

    internal static HoconScalar String(string text, HoconOrigin origin) => new(HoconType.String, text, origin);

    internal static HoconScalar Null(HoconOrigin origin) => new(HoconType.Null, "null", origin);

    internal static HoconScalar Boolean(bool value, HoconOrigin origin) => new(HoconType.Boolean, value ? "true" : "false", origin);

    internal static HoconScalar Number(double value, HoconOrigin origin) =>
        new(HoconType.Number, value.ToString("R", System.Globalization.CultureInfo.InvariantCulture), origin);

    internal static HoconScalar Number(long value, HoconOrigin origin) =>
        new(HoconType.Number, value.ToString(System.Globalization.CultureInfo.InvariantCulture), origin);

    internal override string Describe() => _type switch
    {
        HoconType.String => "string \"" + Text + "\"",
        HoconType.Number => "number " + Text,
        HoconType.Boolean => "boolean " + Text,
        _ => "null",
    };
}
