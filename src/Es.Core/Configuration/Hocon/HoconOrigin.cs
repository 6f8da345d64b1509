// Where a HOCON value was written: kept on every node so errors can send the user to the exact spot.
namespace Es.Core.Configuration.Hocon;

/// <summary>The place a value came from, so that a bad value can be reported as <c>file:line:column</c>.</summary>
/// <param name="File">File path as given to the parser, or an origin name such as <c>--set</c> or <c>reference.conf</c>.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
public sealed record HoconOrigin(string File, int Line, int Column)
{
    /// <summary>Renders as <c>file:line:column</c>, the form editors understand.</summary>
    public override string ToString() => $"{File}:{Line}:{Column}";

    /// <summary>Builds an error located here.</summary>
    internal ConfigException Error(string reason, string? key = null) => new(reason, File, Line, Column, key);
}
