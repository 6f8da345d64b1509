// Creates the actor system of a node from the `akka` section the project's strict parser has read.
using Akka.Actor;
using Akka.Configuration;
using Es.Core.Configuration;

namespace Es.Actors.Hosting;

/// <summary>
/// Every actor system of a run is made here, with the local provider (no remoting, no ports) and
/// the configuration of <see cref="EsSettings.Akka"/>: reference.conf's project settings (the
/// evaluators' dispatcher, logging) under the user's own <c>akka</c> keys, with Akka.NET's
/// defaults below. Akka's parser only ever reads text the strict parser produced.
/// </summary>
public static class EsActorSystem
{
    /// <summary>Creates a system named <paramref name="name"/> configured by <paramref name="settings"/>.</summary>
    /// <param name="name">The system's name (letters, digits, '-').</param>
    /// <param name="settings">The run's settings; only <see cref="EsSettings.Akka"/> is read.</param>
    public static ActorSystem Create(string name, EsSettings settings) => ActorSystem.Create(name, Config(settings));

    /// <summary>The Akka configuration of <paramref name="settings"/>.</summary>
    /// <param name="settings">The run's settings.</param>
    public static Config Config(EsSettings settings) => ConfigurationFactory.ParseString(settings.Akka);
}
