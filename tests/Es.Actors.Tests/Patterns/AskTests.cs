// Tests of Ask: replies, typed replies, timeouts, Status.Failure, argument checks, dead recipients.
using Es.Actors.Patterns;
using Es.Actors.Tests.Support;

namespace Es.Actors.Tests.Patterns;

public sealed class AskTests : TestKit.TestKit
{
    [Fact]
    public async Task Ask_Should_CompleteWithTheReply()
    {
        var echo = ActorOf(Props.Create(() => new EchoActor()));
        Assert.Equal("hi", await echo.Ask("hi", Dilated(TimeSpan.FromSeconds(3))));
        Assert.Equal(5, await echo.Ask<int>(5, Dilated(TimeSpan.FromSeconds(3))));
    }

    [Fact]
    public async Task AskOfT_Should_FailOnAReplyOfAnotherType()
    {
        var echo = ActorOf(Props.Create(() => new EchoActor()));
        var e = await Assert.ThrowsAsync<InvalidCastException>(() => echo.Ask<int>("text", Dilated(TimeSpan.FromSeconds(3))));
        Assert.Contains("String", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_Should_TimeOutNamingTheTargetAndTheMessageType()
    {
        var silent = ActorOf(Props.Create(() => new Silent()), "silent");
        var e = await Assert.ThrowsAsync<AskTimeoutException>(() => silent.Ask(new Question(1), TimeSpan.FromMilliseconds(100)));
        Assert.Contains(silent.Path.ToString(), e.Message, StringComparison.Ordinal);
        Assert.Contains(typeof(Question).FullName!, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_Should_FaultWithTheCauseOfStatusFailure()
    {
        var failing = ActorOf(Props.Create(() => new Refuser()));
        var e = await Assert.ThrowsAsync<NotSupportedException>(() => failing.Ask("anything", Dilated(TimeSpan.FromSeconds(3))));
        Assert.Equal("no", e.Message);
    }

    [Fact]
    public void Ask_Should_RequireAPositiveFiniteTimeout()
    {
        var echo = ActorOf(Props.Create(() => new EchoActor()));
        // Thrown synchronously, before anything is sent.
        Assert.Throws<ArgumentOutOfRangeException>(() => { _ = echo.Ask("x", Timeout.InfiniteTimeSpan); });
        Assert.Throws<ArgumentOutOfRangeException>(() => { _ = echo.Ask("x", TimeSpan.Zero); });
        Assert.Throws<ArgumentOutOfRangeException>(() => { _ = echo.Ask<string>("x", TimeSpan.FromSeconds(-1)); });
    }

    [Fact]
    public async Task Ask_Should_FailAtOnceForATerminatedRecipient()
    {
        var echo = ActorOf(Props.Create(() => new EchoActor()));
        Watch(echo);
        Sys.Stop(echo);
        ExpectTerminated(echo);
        using (EventFilter.DeadLetter<string>().Mute())
        {
            var e = await Assert.ThrowsAsync<AskTimeoutException>(() => echo.Ask("late", TimeSpan.FromMinutes(1)));
            Assert.Contains("terminated", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Ask_Should_TurnLateRepliesIntoDeadLetters()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slow = ActorOf(Props.Create(() => new SlowEcho(gate.Task)));
        await Assert.ThrowsAsync<AskTimeoutException>(() => slow.Ask("late", TimeSpan.FromMilliseconds(50)));
        EventFilter.DeadLetter<string>(s => s == "late").ExpectOne(() => gate.SetResult());
    }

    private sealed record Question(int Id);

    private sealed class Silent : ActorBase
    {
        protected override bool Receive(object message) => true;
    }

    private sealed class Refuser : ReceiveActor
    {
        public Refuser() => ReceiveAny(_ => Sender.Tell(new Status.Failure(new NotSupportedException("no"))));
    }

    private sealed class SlowEcho : ReceiveActor
    {
        public SlowEcho(Task gate) => ReceiveAsync<string>(async s =>
        {
            await gate;
            Sender.Tell(s);
        });
    }
}
