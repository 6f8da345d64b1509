// The run's broadcast channel: DistributedPubSub in a cluster, the event stream in one process.
using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;

namespace Es.Actors.Evolution;

/// <summary>
/// Where the head's broadcasts go (<see cref="GenerationPublished"/>, <see cref="RunEnded"/>,
/// <see cref="QueryReplicas"/>): a DistributedPubSub topic when the actor system runs the cluster
/// provider, the actor system's event stream otherwise. Both are at most once; the receivers
/// recover what they miss by asking (<see cref="GetUpdates"/>).
/// </summary>
public static class RunTopic
{
    /// <summary>The DistributedPubSub topic of a run.</summary>
    public const string Name = "es-run";

    /// <summary>Whether <paramref name="system"/> runs the cluster provider.</summary>
    public static bool IsCluster(ActorSystem system) => system.Settings.ProviderClass.Contains("Cluster", StringComparison.Ordinal);

    /// <summary>Subscribes <paramref name="subscriber"/> to the run's broadcasts.</summary>
    public static void Subscribe(ActorSystem system, IActorRef subscriber)
    {
        if (IsCluster(system))
            DistributedPubSub.Get(system).Mediator.Tell(new Subscribe(Name, subscriber), subscriber);
        else
            system.EventStream.Subscribe(subscriber, typeof(IWireMessage));
    }

    /// <summary>Sends <paramref name="message"/> to every subscriber; their answers go to <paramref name="sender"/> (in a cluster).</summary>
    public static void Publish(ActorSystem system, IWireMessage message, IActorRef sender)
    {
        if (IsCluster(system))
            DistributedPubSub.Get(system).Mediator.Tell(new Publish(Name, message), sender);
        else
            system.EventStream.Publish(message);
    }
}
