// Tests of the pinned dispatcher: an actor's turns on one dedicated thread, one message at a time, across restarts, and the thread ends with the actor.
using Es.Actors.Dispatch;
using Es.Actors.Routing;

namespace Es.Actors.Tests.Dispatch;

public sealed class PinnedDispatcherTests : TestKit.TestKit
{
    [Fact]
    public void PinnedActor_Should_RunEveryTurnOnOneDedicatedThread_NotOnThePool()
    {
        var actor = ActorOf(Props.Create(() => new ThreadReporter()).WithDispatcher(Dispatchers.PinnedDispatcherId), "pinned");
        var threads = new HashSet<int>();
        for (int i = 0; i < 20; i++)
        {
            actor.Tell("where");
            var (id, pool, name) = ExpectMsg<(int, bool, string?)>();
            Assert.False(pool, "a pinned actor's turn ran on a thread-pool thread");
            Assert.Equal(actor.Path.ToString(), name);
            threads.Add(id);
            Thread.Sleep(1); // let the thread go idle between messages
        }
        Assert.True(threads.Count == 1, $"the turns ran on {threads.Count} threads, expected one");
    }

    [Fact]
    public void PinnedActor_Should_ProcessOneMessageAtATime_UnderConcurrentTells()
    {
        var actor = ActorOf(Props.Create(() => new Counter()).WithDispatcher(Dispatchers.PinnedDispatcherId));
        const int threads = 4, perThread = 2_000;
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, _ =>
        {
            for (var i = 0; i < perThread; i++) actor.Tell(1, ActorRefs.NoSender);
        });
        actor.Tell("report");
        Assert.Equal((threads * perThread, 0), ExpectMsg<(int, int)>(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void PinnedThread_Should_SurviveARestart_AndEndWhenTheActorStops()
    {
        var actor = ActorOf(Props.Create(() => new ThreadReporter()).WithDispatcher(Dispatchers.PinnedDispatcherId));
        actor.Tell("where");
        int before = ExpectMsg<(int, bool, string?)>().Item1;
        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => actor.Tell("fail"));
        actor.Tell("where");
        Assert.Equal(before, ExpectMsg<(int, bool, string?)>().Item1);
        actor.Tell("thread");
        Thread thread = ExpectMsg<Thread>();
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);
        Assert.True(thread.Join(TimeSpan.FromSeconds(5)), "the pinned thread did not end after its actor stopped");
    }

    [Fact]
    public void PoolRoutees_Should_RunPinned_WhileTheRouterStaysOnThePool()
    {
        var router = ActorOf(Props.Create(() => new ThreadReporter()).WithDispatcher(Dispatchers.PinnedDispatcherId).WithRouter(new RoundRobinPool(2)));
        var names = new HashSet<string?>();
        for (int i = 0; i < 4; i++)
        {
            router.Tell("where");
            var (_, pool, name) = ExpectMsg<(int, bool, string?)>();
            Assert.False(pool, "a pinned routee's turn ran on a thread-pool thread");
            names.Add(name);
        }
        Assert.Equal(2, names.Count);
    }

    [Fact]
    public void WithDispatcher_Should_RefuseAnUnknownId_NamingTheKnownOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => Props.Create(() => new Counter()).WithDispatcher("my-dispatcher"));
        Assert.Contains(Dispatchers.PinnedDispatcherId, e.Message, StringComparison.Ordinal);
    }

    private sealed class ThreadReporter : ReceiveActor
    {
        public ThreadReporter()
        {
            Receive<string>(s => s == "where", _ => Sender.Tell((Environment.CurrentManagedThreadId, Thread.CurrentThread.IsThreadPoolThread, Thread.CurrentThread.Name)));
            Receive<string>(s => s == "thread", _ => Sender.Tell(Thread.CurrentThread));
            Receive<string>(s => s == "fail", _ => throw new InvalidOperationException("fail"));
        }
    }

    private sealed class Counter : ReceiveActor
    {
        private int _inside;
        private int _count;
        private int _overlaps;

        public Counter()
        {
            Receive<int>(_ =>
            {
                if (Interlocked.Increment(ref _inside) != 1) Interlocked.Increment(ref _overlaps);
                _count++;
                Interlocked.Decrement(ref _inside);
            });
            Receive<string>(_ => Sender.Tell((_count, _overlaps)));
        }
    }
}
