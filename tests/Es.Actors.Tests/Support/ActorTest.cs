// The base of every actor test: Akka.TestKit's TestKit on the project's own actor configuration, every timeout dilated by ES_TEST_TIMEFACTOR.
using System.Globalization;
using Akka.Configuration;
using Es.Actors.Hosting;
using Es.Core.Configuration;

namespace Es.Actors.Tests.Support;

/// <summary>
/// An Akka.TestKit.Xunit2 <c>TestKit</c> whose system has the configuration of a run's actor
/// systems (reference.conf's <c>akka</c> section: the evaluators' dispatcher, logging), with
/// Akka.TestKit's event listener as logger (for <c>EventFilter</c>) and <c>akka.test.timefactor</c>
/// read from the environment variable <see cref="TimeFactorVariable"/>, so a loaded CI machine can
/// be given more time without editing a test.
/// </summary>
public abstract class ActorTest : Akka.TestKit.Xunit2.TestKit
{
    /// <summary>The environment variable holding the time factor (a positive number, invariant culture; 1 when unset).</summary>
    public const string TimeFactorVariable = "ES_TEST_TIMEFACTOR";

    /// <summary>Starts the test's own actor system.</summary>
    protected ActorTest()
        : base(Configuration(Environment.GetEnvironmentVariable(TimeFactorVariable)))
    {
    }

    /// <summary>The test systems' configuration for a time factor given as <paramref name="timeFactor"/> (null or blank: 1).</summary>
    /// <exception cref="ArgumentException">Not a positive number: a typo must not silently run tests with the wrong timing.</exception>
    public static Config Configuration(string? timeFactor)
    {
        double factor = ParseTimeFactor(timeFactor);
        string text = string.Create(CultureInfo.InvariantCulture, $$"""
            akka {
              test.timefactor = {{factor}}
              loggers = ["Akka.TestKit.TestEventListener, Akka.TestKit"]
            }
            """);
        return ConfigurationFactory.ParseString(text).WithFallback(EsActorSystem.Config(EsSettings.Default));
    }

    private static double ParseTimeFactor(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return 1.0;
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double factor) && factor > 0 && !double.IsInfinity(factor))
            return factor;
        throw new ArgumentException($"{TimeFactorVariable}='{value}' is not a positive number.", nameof(value));
    }
}
