// The exit statuses of `es`, in one place so the commands, the docs and the tests agree.
namespace Es.Node;

/// <summary>Exit statuses: scripts tell a failed run (1) from a mistake in what they passed (2).</summary>
internal static class ExitCodes
{
    /// <summary>Done; for train also a run stopped by its goal, a budget or Ctrl-C with its checkpoint written.</summary>
    public const int Success = 0;

    /// <summary>Something failed while running (a failed run, an unexpected exception).</summary>
    public const int Failure = 1;

    /// <summary>Bad input: unknown command or option, bad configuration, unreadable checkpoint, bad value.</summary>
    public const int BadInput = 2;

    /// <summary>A command without a graceful stop (eval) was interrupted by Ctrl-C (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;
}
