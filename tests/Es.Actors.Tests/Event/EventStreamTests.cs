// Tests of dead letters, logging and the event stream.
using Es.Actors.Event;
using Es.Actors.Tests.Support;

namespace Es.Actors.Tests.Event;

public sealed class EventStreamTests : TestKit.TestKit
{
    [Fact]
    public void DeadLetters_Should_BeCountedPublishedAndLoggedAsWarnings()
    {
        var actor = ActorOf(Props.Create(() => new EchoActor()));
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);
        Sys.EventStream.Subscribe(TestActor, typeof(DeadLetter));
        EventFilter.Warning("was not delivered").ExpectOne(() => actor.Tell("late"));
        var deadLetter = ExpectMsg<DeadLetter>();
        Assert.Equal("late", deadLetter.Message);
        Assert.Same(actor, deadLetter.Recipient);
        Assert.Same(TestActor, deadLetter.Sender);
        Assert.Equal(1, Sys.DeadLetterCount);
    }

    [Fact]
    public void Nobody_Should_TurnMessagesIntoDeadLetters()
    {
        EventFilter.DeadLetter<string>().ExpectOne(() => ActorRefs.Nobody.Tell("void", TestActor));
        EventFilter.DeadLetter<int>().ExpectOne(() => Sys.DeadLetters.Tell(1, TestActor));
        Assert.Equal(2, Sys.DeadLetterCount);
    }

    [Fact]
    public void Log_Should_PublishEventsWithTheActorPathAndRespectTheMinimumLevel()
    {
        var actor = ActorOf(Props.Create(() => new Chatty()), "chatty");
        Sys.EventStream.Subscribe(TestActor, typeof(LogEvent));
        using (EventFilter.Warning().Mute())
        {
            actor.Tell("go");
            var logged = ExpectMsg<LogEvent>();
            Assert.Equal(LogLevel.Warning, logged.Level); // the debug line was below the minimum level
            Assert.Equal(actor.Path.ToString(), logged.LogSource);
            Assert.Equal("careful", logged.Message);
        }
    }

    [Fact]
    public void ActorFailures_Should_BeLoggedAsErrorsWithPathAndException()
    {
        var actor = ActorOf(Props.Create(() => new Reporter(TestActor)), "fragile");
        ExpectMsg("PreStart");
        Sys.EventStream.Subscribe(TestActor, typeof(LogEvent));
        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => actor.Tell("fail"));
        var error = FishForMessage<LogEvent>(e => e.Level == LogLevel.Error);
        Assert.Equal(actor.Path.ToString(), error.LogSource);
        Assert.IsType<InvalidOperationException>(error.Cause);
        Assert.Contains("boom", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void EventStream_Should_DeliverBySubtypeAndStopAfterUnsubscribe()
    {
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe(probe.Ref, typeof(Animal));
        Sys.EventStream.Publish(new Dog("rex"));
        Sys.EventStream.Publish("not an animal");
        probe.ExpectMsg<Dog>(d => d.Name == "rex");
        Sys.EventStream.Unsubscribe(probe.Ref, typeof(Animal));
        Sys.EventStream.Publish(new Dog("fido"));
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    private abstract record Animal;

    private sealed record Dog(string Name) : Animal;

    private sealed class Chatty : ReceiveActor
    {
        public Chatty() => Receive<string>(_ =>
        {
            Context.Log.Debug("chatter");
            Context.Log.Warning("careful");
        });
    }
}
