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

    /// <summary>
    /// Starts a throwaway actor system on a thread-pool thread, has one actor answer, and stops
    /// it. The first actor system of a process takes about half a second to start (compiling and
    /// loading Akka's start-up code; a second one starts in about 15 ms), longer than a short
    /// CartPole run's reading of its configuration. A command that will run actors calls this
    /// first, so that cost overlaps its own start-up instead of following it. Its threads are
    /// background threads (<c>akka.daemonic</c>), so a command that ends early does not wait for it.
    /// </summary>
    /// <returns>Completes when the system has stopped; never faults (the real system reports any problem).</returns>
    public static Task WarmUpAsync() => Task.Run(async () =>
    {
        try
        {
            ActorSystem system = ActorSystem.Create("es-warm-up", ConfigurationFactory.ParseString("akka { loglevel = OFF, stdout-loglevel = OFF, daemonic = on }"));
            try
            {
                IActorRef echo = system.ActorOf(Props.Create(() => new Echo()));
                await echo.Ask<string>("warm", TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            }
            finally
            {
                await system.Terminate().ConfigureAwait(false);
            }
        }
        catch (Exception)
        {
            // Only a head start: the run's own system reports whatever went wrong.
        }
    });

    private sealed class Echo : ReceiveActor
    {
        public Echo() => Receive<string>(s => Sender.Tell(s));
    }

    /// <summary>The Akka configuration of <paramref name="settings"/>.</summary>
    /// <param name="settings">The run's settings.</param>
    public static Config Config(EsSettings settings) => ConfigurationFactory.ParseString(settings.Akka);
}
