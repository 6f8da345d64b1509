// Tests of the mailbox: system messages overtake user messages, one message at a time under concurrency.
using Es.Actors.Event;

namespace Es.Actors.Tests.Dispatch;

public sealed class MailboxTests : TestKit.TestKit
{
    [Fact]
    public void Stop_Should_OvertakeQueuedUserMessages()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var actor = ActorOf(Props.Create(() => new Blocker(gate.Task)));
        Watch(actor);
        actor.Tell("block");
        ExpectMsg("blocked");
        actor.Tell("m1");
        actor.Tell("m2");
        EventFilter.DeadLetter<string>(occurrences: 2).Expect(() => Sys.Stop(actor)); // a system message: handled while "block" is pending
        ExpectTerminated(actor);
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void PoisonPill_Should_StopOnlyAfterTheMessagesQueuedBeforeIt()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var actor = ActorOf(Props.Create(() => new Blocker(gate.Task)));
        Watch(actor);
        actor.Tell("block");
        ExpectMsg("blocked");
        actor.Tell("m1");
        actor.Tell(PoisonPill.Instance);
        EventFilter.DeadLetter<string>().ExpectOne(() =>
        {
            actor.Tell("m2"); // queued behind the PoisonPill: dropped when the actor stops
            gate.SetResult();
        });
        ExpectMsg("block");
        ExpectMsg("m1");
        ExpectTerminated(actor);
    }

    [Fact]
    public void Mailbox_Should_ProcessOneMessageAtATimeUnderConcurrentTells()
    {
        var actor = ActorOf(Props.Create(() => new ConcurrencyChecker()));
        const int threads = 8, perThread = 2_000;
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, _ =>
        {
            for (var i = 0; i < perThread; i++) actor.Tell(1, ActorRefs.NoSender);
        });
        actor.Tell("report");
        var (count, overlaps) = ExpectMsg<(int, int)>(TimeSpan.FromSeconds(10));
        Assert.Equal(threads * perThread, count);
        Assert.Equal(0, overlaps);
    }

    [Fact]
    public void Mailbox_Should_DeliverEverythingWithThroughputOne()
    {
        using var kit = new TestKit.TestKit(ActorSystemSettings.Default with { Throughput = 1 }, "throughput1");
        var actor = kit.ActorOf(Props.Create(() => new ConcurrencyChecker()));
        for (var i = 0; i < 300; i++) actor.Tell(1, ActorRefs.NoSender);
        actor.Tell("report", kit.TestActor);
        Assert.Equal((300, 0), kit.ExpectMsg<(int, int)>());
    }

    private sealed class Blocker : ReceiveActor
    {
        public Blocker(Task gate)
        {
            ReceiveAsync<string>(async s =>
            {
                if (s == "block")
                {
                    Sender.Tell("blocked");
                    await gate;
                }
                Sender.Tell(s);
            });
        }
    }

    private sealed class ConcurrencyChecker : ReceiveActor
    {
        private int _inside;
        private int _count;
        private int _overlaps;

        public ConcurrencyChecker()
        {
            Receive<int>(_ =>
            {
                if (Interlocked.Increment(ref _inside) != 1) Interlocked.Increment(ref _overlaps);
                _count++;
                Thread.SpinWait(20);
                Interlocked.Decrement(ref _inside);
            });
            Receive<string>(_ => Sender.Tell((_count, _overlaps)));
        }
    }
}
