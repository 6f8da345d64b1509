// The one exception the MuJoCo bindings throw for a missing library or model, a wrong version or a bad model file.
namespace Es.MuJoCo;

/// <summary>
/// MuJoCo cannot be used as asked: the library or a model file is missing (the message names the
/// Debian package to install), the library is not version 2.2.2, or MuJoCo refused a model.
/// </summary>
public sealed class MuJoCoException : Exception
{
    /// <summary>Creates the exception with its message.</summary>
    public MuJoCoException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    public MuJoCoException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no message (prefer the other constructors).</summary>
    public MuJoCoException()
        : base("MuJoCo failed.")
    {
    }
}
