// What one `es` invocation produced: exit code and both streams.
namespace Es.Node.Tests;

/// <summary>The outcome of running the command, in-process or as a process.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Both streams, for assertion messages.</summary>
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}
