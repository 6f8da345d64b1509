// A Spectre.Console console drawing on the command's output writer, for tables and live displays.
using Spectre.Console;

namespace Es.Node.Output;

/// <summary>Creates Spectre consoles bound to a <see cref="CliContext"/>'s output rather than to the process console.</summary>
internal static class Terminal
{
    /// <summary>A console writing to <paramref name="context"/>'s output with the terminal's detected capabilities.</summary>
    public static IAnsiConsole For(CliContext context) =>
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(context.Out) });
}
