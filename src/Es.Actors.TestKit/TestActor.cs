// The actor behind a TestProbe: records every message (with its sender) for the test thread.
namespace Es.Actors.TestKit;

/// <summary>Queues everything it receives, Terminated included, and carries out watch commands from its probe.</summary>
internal sealed class TestActor(MessageQueue queue) : ActorBase
{
    protected override bool Receive(object message)
    {
        switch (message)
        {
            case WatchCommand watch:
                if (watch.Watch) Context.Watch(watch.Target);
                else Context.Unwatch(watch.Target);
                watch.Done.TrySetResult();
                return true;
            default:
                queue.Add(new ReceivedMessage(message, Sender));
                return true;
        }
    }
}

/// <summary>Asks the test actor to (un)watch <paramref name="Target"/>, so the Terminated lands in the probe's queue.</summary>
internal sealed record WatchCommand(IActorRef Target, bool Watch, TaskCompletionSource Done);
