// Runs `es` in-process with captured streams, the way every in-process test calls it.
namespace Es.Node.Tests;

/// <summary>Calls <see cref="EsCli.RunAsync(string[], TextWriter, TextWriter, CancellationToken)"/> with string writers.</summary>
public static class Cli
{
    /// <summary>Runs <c>es <paramref name="args"/></c>.</summary>
    public static Task<CliResult> RunAsync(params string[] args) => RunAsync(args, CancellationToken.None);

    /// <summary>Runs <c>es <paramref name="args"/></c>; <paramref name="cancellation"/> plays Ctrl-C.</summary>
    public static async Task<CliResult> RunAsync(string[] args, CancellationToken cancellation)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = await EsCli.RunAsync(args, TextWriter.Synchronized(stdout), TextWriter.Synchronized(stderr), cancellation);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }
}
