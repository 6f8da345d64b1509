// The error for input the user has to fix (a missing file, a malformed --set, an out-of-range number).
namespace Es.Node;

/// <summary>
/// Bad input found by the command itself, as opposed to a configuration or checkpoint error
/// raised by Es.Core. It maps to exit code 2 and its message is shown as is after "es: ".
/// </summary>
internal sealed class UsageException(string message) : Exception(message);
