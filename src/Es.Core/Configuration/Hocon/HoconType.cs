// The kinds of value a resolved HOCON tree can hold.
namespace Es.Core.Configuration.Hocon;

/// <summary>The JSON-like kind of a resolved value; HOCON has no other kinds once substitutions are resolved.</summary>
public enum HoconType
{
    /// <summary>A set of named fields.</summary>
    Object,

    /// <summary>An ordered list of values.</summary>
    Array,

    /// <summary>Text, quoted or not (including unit-suffixed values such as <c>10s</c>).</summary>
    String,

    /// <summary>A number as written (int, long or double, possibly with exponent).</summary>
    Number,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>An explicit <c>null</c>.</summary>
    Null,
}
