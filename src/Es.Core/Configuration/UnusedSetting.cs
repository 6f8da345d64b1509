// A key a configuration sets that the run it describes would never read, with where it was written and why.
namespace Es.Core.Configuration;

using Es.Core.Configuration.Hocon;

/// <summary>
/// A setting with no effect: a user who writes <c>hidden = [64, 64]</c> for a linear policy
/// expects a bigger network, and silently training a small one would mislead them.
/// </summary>
/// <param name="Key">The full key, such as <c>es.policy.hidden</c>.</param>
/// <param name="Origin">Where the value was written (a file position or <c>--set</c>).</param>
/// <param name="Reason">Why the run does not read it, and what to do instead.</param>
public sealed record UnusedSetting(string Key, HoconOrigin Origin, string Reason)
{
    /// <summary>The refusal of this setting, located at its origin.</summary>
    public ConfigException ToException() => Origin.Error("has no effect: " + Reason, Key);

    /// <summary>Renders as <c>file:line:column: key: reason</c>.</summary>
    public override string ToString() => ToException().Message;
}
