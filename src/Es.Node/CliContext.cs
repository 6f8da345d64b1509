// Where a command writes and whether it may draw on a terminal; tests pass string writers.
namespace Es.Node;

/// <summary>The streams of one invocation.</summary>
/// <param name="Out">Results (JSON, tables, progress).</param>
/// <param name="Error">Messages starting with "es: ".</param>
/// <param name="Terminal">True when <paramref name="Out"/> is an interactive terminal, so live displays and tables may be drawn.</param>
internal sealed record CliContext(TextWriter Out, TextWriter Error, bool Terminal)
{
    /// <summary>Writes "es: <paramref name="message"/>" to the error stream.</summary>
    public void Fail(string message) => Error.WriteLine("es: " + message);

    /// <summary>Writes a progress line at once (called from actor threads too).</summary>
    public void Say(string line)
    {
        lock (Out)
        {
            Out.WriteLine(line);
            Out.Flush();
        }
    }
}
