// Entry points for reading HOCON: parse a file or a string into a resolved, immutable HoconObject.
namespace Es.Core.Configuration.Hocon;

/// <summary>
/// Parses HOCON (Lightbend's "Human-Optimized Config Object Notation") into a resolved tree.
/// Substitutions are resolved against the whole document and then environment variables, so
/// the result holds only objects, arrays and scalars, each with its origin.
/// </summary>
public static class HoconParser
{
    /// <summary>Parses a file; includes are relative to its directory.</summary>
    /// <exception cref="ConfigException">The file is missing, malformed, or a substitution cannot be resolved.</exception>
    public static HoconObject ParseFile(string path)
    {
        var builder = NewBuilder(path);
        ParseFileInto(builder, path);
        return Resolve(builder);
    }

    /// <summary>Parses text; <paramref name="originName"/> is what errors and origins call it (a file name, <c>--set</c>...).</summary>
    /// <remarks>Includes are relative to the directory of <paramref name="originName"/> when it names one, else the current directory.</remarks>
    /// <exception cref="ConfigException">The text is malformed or a substitution cannot be resolved.</exception>
    public static HoconObject ParseString(string text, string originName)
    {
        var builder = NewBuilder(originName);
        ParseStringInto(builder, text, originName);
        return Resolve(builder);
    }

    /// <summary>An empty unresolved root into which several sources can be read in order before one resolution.</summary>
    internal static HoconObject NewBuilder(string originName) => new(new HoconOrigin(originName, 1, 1));

    /// <summary>Reads a file into a builder root, as if its text came after everything read so far.</summary>
    internal static void ParseFileInto(HoconObject builder, string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException("cannot read configuration file: " + e.Message, path, null, null, null, e);
        }

        var reader = new HoconReader(text, path, Path.GetDirectoryName(path) ?? string.Empty, [Path.GetFullPath(path)]);
        reader.ParseDocument(builder, []);
    }

    /// <summary>Reads text into a builder root, as if it came after everything read so far.</summary>
    internal static void ParseStringInto(HoconObject builder, string text, string originName)
    {
        string directory;
        try
        {
            directory = Path.GetDirectoryName(originName) ?? string.Empty;
        }
        catch (ArgumentException)
        {
            directory = string.Empty;
        }

        new HoconReader(text, originName, directory, []).ParseDocument(builder, []);
    }

    /// <summary>Resolves a builder root; <paramref name="environment"/> replaces environment variables (tests).</summary>
    internal static HoconObject Resolve(HoconObject builder, Func<string, string?>? environment = null) =>
        new HoconResolver(builder, environment ?? Environment.GetEnvironmentVariable).ResolveRoot();
}
