// Base of every node of a HOCON tree: resolved values (object, array, scalar) and, while
// parsing only, the internal unresolved nodes (substitutions, concatenations, delayed merges).
namespace Es.Core.Configuration.Hocon;

/// <summary>
/// A value of a HOCON document. Every node remembers its <see cref="Origin"/> so that type and
/// validation errors can point at the text that produced it.
/// </summary>
public abstract class HoconValue
{
    private protected HoconValue(HoconOrigin origin)
    {
        Origin = origin;
    }

    /// <summary>Where this value was written.</summary>
    public HoconOrigin Origin { get; }

    /// <summary>The kind of this value.</summary>
    public abstract HoconType Type { get; }

    /// <summary>True only for the parser's internal placeholders (substitutions, concatenations, merges).</summary>
    internal virtual bool NeedsResolution => false;

    /// <summary>A short description for error messages, such as <c>string "abc"</c> or <c>an object</c>.</summary>
    internal abstract string Describe();
}
