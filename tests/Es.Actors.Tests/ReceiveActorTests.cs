// Tests of ReceiveActor: typed dispatch, unhandled messages, Become, Stash and async handlers.
using Es.Actors.Event;

namespace Es.Actors.Tests;

public sealed class ReceiveActorTests : TestKit.TestKit
{
    [Fact]
    public void Receive_Should_DispatchByTypeAndPredicateInOrder()
    {
        var actor = ActorOf(Props.Create(() => new Typed()));
        actor.Tell(42);
        actor.Tell(-1);
        actor.Tell("text");
        ExpectMsg("positive 42");
        ExpectMsg("int -1");
        ExpectMsg("string text");
    }

    [Fact]
    public void Unhandled_Should_PublishUnhandledMessageAndLogWarning()
    {
        var actor = ActorOf(Props.Create(() => new Typed()));
        Sys.EventStream.Subscribe(TestActor, typeof(UnhandledMessage));
        EventFilter.Warning("Unhandled message").ExpectOne(() => actor.Tell(3.5));
        var unhandled = ExpectMsg<UnhandledMessage>();
        Assert.Equal(3.5, unhandled.Message);
        Assert.Same(actor, unhandled.Recipient);
    }

    [Fact]
    public void Become_Should_SwitchAndUnbecomeRestoreBehavior()
    {
        var actor = ActorOf(Props.Create(() => new Switcher()));
        actor.Tell("who");
        ExpectMsg("A");
        actor.Tell("switch");
        actor.Tell("who");
        ExpectMsg("B");
        actor.Tell("back");
        actor.Tell("who");
        ExpectMsg("A");
    }

    [Fact]
    public void Stash_Should_ReplayStashedMessagesInOrderAfterUnstashAll()
    {
        var actor = ActorOf(Props.Create(() => new Gatekeeper()));
        actor.Tell("one");
        actor.Tell("two");
        actor.Tell("open");
        actor.Tell("three");
        ExpectMsg("one");
        ExpectMsg("two");
        ExpectMsg("three");
    }

    [Fact]
    public void ReceiveAsync_Should_HoldOtherMessagesUntilTheTaskCompletes()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var actor = ActorOf(Props.Create(() => new Awaiter(gate.Task)));
        actor.Tell("slow");
        actor.Tell("fast");
        ExpectNoMsg(TimeSpan.FromMilliseconds(150)); // "fast" must wait for "slow"
        gate.SetResult();
        ExpectMsg("slow done");
        Assert.Same(actor, LastSender);
        ExpectMsg("fast done");
    }

    [Fact]
    public void ReceiveAsync_Should_FailTheActorWhenTheTaskFaults()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var actor = ActorOf(Props.Create(() => new Awaiter(gate.Task)));
        actor.Tell("slow");
        EventFilter.Exception<TimeoutException>("async boom").ExpectOne(() => gate.SetException(new TimeoutException("async boom")));
        actor.Tell("fast"); // restarted by the default strategy, and still processing
        ExpectMsg("fast done");
    }

    [Fact]
    public void ReceiveTimeout_Should_FireAfterInactivityUntilTurnedOff()
    {
        var actor = ActorOf(Props.Create(() => new Sleepy(TestActor, TimeSpan.FromMilliseconds(100))));
        actor.Tell("hello");
        ExpectMsg("hello");
        ExpectMsg("timed out");
        ExpectNoMsg(TimeSpan.FromMilliseconds(250)); // the handler turned it off
    }

    private sealed class Sleepy : ReceiveActor
    {
        public Sleepy(IActorRef probe, TimeSpan timeout)
        {
            Context.SetReceiveTimeout(timeout);
            Receive<ReceiveTimeout>(_ =>
            {
                Context.SetReceiveTimeout(null);
                probe.Tell("timed out");
            });
            Receive<string>(s => Sender.Tell(s));
        }
    }

    private sealed class Typed : ReceiveActor
    {
        public Typed()
        {
            Receive<int>(i => i > 0, i => Sender.Tell($"positive {i}"));
            Receive<int>(i => Sender.Tell($"int {i}"));
            Receive<string>(s => Sender.Tell($"string {s}"));
        }
    }

    private sealed class Switcher : ReceiveActor
    {
        public Switcher() => A();

        private void A()
        {
            Receive<string>(s => s == "who", _ => Sender.Tell("A"));
            Receive<string>(s => s == "switch", _ => BecomeStacked(B));
        }

        private void B()
        {
            Receive<string>(s => s == "who", _ => Sender.Tell("B"));
            Receive<string>(s => s == "back", _ => Context.Unbecome());
        }
    }

    private sealed class Gatekeeper : ReceiveActor
    {
        public Gatekeeper()
        {
            Receive<string>(s => s == "open", _ =>
            {
                Become(() => ReceiveAny(m => Sender.Tell(m)));
                Stash.UnstashAll();
            });
            ReceiveAny(_ => Stash.Stash());
        }
    }

    private sealed class Awaiter : ReceiveActor
    {
        public Awaiter(Task gate)
        {
            ReceiveAsync<string>(async s =>
            {
                if (s == "slow") await gate;
                Sender.Tell($"{s} done"); // Sender is still the sender of this message after the await
            });
        }
    }
}
