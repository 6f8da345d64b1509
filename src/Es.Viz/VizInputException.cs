// The error for input the user has to fix before anything can be drawn (a missing run, a bad --out).
namespace Es.Viz;

/// <summary>Bad input to a report, render, dashboard or playground; the command line maps it to exit code 2 and shows the message as is.</summary>
public sealed class VizInputException : Exception
{
    /// <summary>Creates the error with the message the user sees.</summary>
    public VizInputException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error with the message the user sees and its cause.</summary>
    public VizInputException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates the error with a generic message.</summary>
    public VizInputException()
        : base("bad input")
    {
    }
}
