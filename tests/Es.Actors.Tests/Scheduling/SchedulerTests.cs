// Tests of the scheduler (once, repeatedly, cancel) and of actor timers (fire, replace, cancel on stop).
using System.Diagnostics;
using Es.Actors.Scheduling;

namespace Es.Actors.Tests.Scheduling;

public sealed class SchedulerTests : TestKit.TestKit
{
    [Fact]
    public void ScheduleTellOnce_Should_DeliverOnceAfterTheDelay()
    {
        var start = Stopwatch.GetTimestamp();
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(100), TestActor, "tick", null);
        ExpectMsg("tick");
        Assert.True(Stopwatch.GetElapsedTime(start) >= TimeSpan.FromMilliseconds(90));
        Assert.Same(Sys.DeadLetters, LastSender);
        ExpectNoMsg(TimeSpan.FromMilliseconds(150));
    }

    [Fact]
    public void ScheduleTellRepeatedly_Should_DeliverUntilCancelled()
    {
        var task = Sys.Scheduler.ScheduleTellRepeatedly(TimeSpan.Zero, TimeSpan.FromMilliseconds(20), TestActor, "tick", TestActor);
        ExpectMsg("tick");
        ExpectMsg("tick");
        ExpectMsg("tick");
        task.Cancel();
        Assert.True(task.IsCancellationRequested);
        while (ReceiveOne(TimeSpan.FromMilliseconds(60)) is not null) { } // ticks already in the mailbox
        ExpectNoMsg(TimeSpan.FromMilliseconds(150));
    }

    [Fact]
    public void Cancel_Should_PreventAPendingDelivery()
    {
        var task = Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(100), TestActor, "never", null);
        task.Cancel();
        ExpectNoMsg(TimeSpan.FromMilliseconds(250));
    }

    [Fact]
    public void Timers_Should_FireSingleAndPeriodicTimers()
    {
        var actor = ActorOf(Props.Create(() => new TimerActor(TestActor)));
        actor.Tell("single");
        ExpectMsg("single fired");
        actor.Tell("periodic");
        ExpectMsg("periodic fired");
        ExpectMsg("periodic fired");
        actor.Tell("cancel");
        FishForMessage<string>(m => m == "cancelled"); // ticks sent before the cancel arrive first
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Timers_Should_ReplaceATimerStartedWithTheSameKey()
    {
        var actor = ActorOf(Props.Create(() => new TimerActor(TestActor)));
        actor.Tell("single");
        actor.Tell("replace");
        ExpectMsg("replaced fired");
        ExpectNoMsg(TimeSpan.FromMilliseconds(150));
    }

    [Fact]
    public void Timers_Should_BeCancelledWhenTheActorStops()
    {
        var ticks = CreateTestProbe(); // ticks go apart from the Terminated the test actor waits for
        var actor = ActorOf(Props.Create(() => new TimerActor(ticks.Ref)));
        actor.Tell("periodic");
        ticks.ExpectMsg("periodic fired");
        Watch(actor);
        using (EventFilter.DeadLetter<object>().Mute()) // a tick already in the mailbox dies with the actor
        {
            Sys.Stop(actor);
            ExpectTerminated(actor);
            Assert.Equal(0, ((DefaultScheduler)Sys.Scheduler).ActiveCount);
        }
    }

    private sealed class TimerActor : ReceiveActor
    {
        public TimerActor(IActorRef probe)
        {
            Receive<string>(s => s == "single", _ => Timers.StartSingleTimer("t", "single fired", TimeSpan.FromMilliseconds(50)));
            Receive<string>(s => s == "replace", _ => Timers.StartSingleTimer("t", "replaced fired", TimeSpan.FromMilliseconds(60)));
            Receive<string>(s => s == "periodic", _ => Timers.StartPeriodicTimer("p", "periodic fired", TimeSpan.FromMilliseconds(30)));
            Receive<string>(s => s == "cancel", _ =>
            {
                Timers.CancelAll();
                probe.Tell(Timers.IsTimerActive("p") ? "still active" : "cancelled");
            });
            Receive<string>(s => probe.Tell(s));
        }
    }
}
