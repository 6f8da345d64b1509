// Parse-time placeholder for ${path} and ${?path}; replaced by the resolver.
namespace Es.Core.Configuration.Hocon;

/// <summary>
/// A <c>${path}</c> or <c>${?path}</c> awaiting resolution against the whole root and then the
/// environment. Never appears in a resolved tree.
/// </summary>
internal sealed class HoconSubstitution : HoconValue
{
    internal HoconSubstitution(IReadOnlyList<string> path, bool optional, HoconOrigin origin, bool environmentOnly = false)
        : base(origin)
    {
        Path = path;
        Optional = optional;
        EnvironmentOnly = environmentOnly;
    }

    /// <summary>The path segments referred to.</summary>
    public IReadOnlyList<string> Path { get; }

    /// <summary>True for <c>${?path}</c>: an unresolvable optional substitution makes its field absent instead of failing.</summary>
    public bool Optional { get; }

    /// <summary>
    /// True for a self-reference with no earlier value: the config cannot supply it (that would be
    /// a cycle), so only the environment is consulted.
    /// </summary>
    public bool EnvironmentOnly { get; }

    /// <summary>The path as written in error messages and as the environment variable name.</summary>
    public string PathText => HoconPath.Join(Path);

    public override HoconType Type => throw new InvalidOperationException("unresolved substitution ${" + PathText + "}");

    internal override bool NeedsResolution => true;

    internal override string Describe() => "substitution ${" + (Optional ? "?" : string.Empty) + PathText + "}";
}
