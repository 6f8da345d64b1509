// Tests of lifecycle hooks: order on start, restart and stop; children stop before their parent.
using Es.Actors.Tests.Support;

namespace Es.Actors.Tests;

public sealed class LifecycleTests : TestKit.TestKit
{
    [Fact]
    public void Lifecycle_Should_CallHooksInAkkaOrder()
    {
        var actor = ActorOf(Props.Create(() => new Reporter(TestActor)));
        ExpectMsg("PreStart");
        EventFilter.Exception<InvalidOperationException>("boom").ExpectOne(() => actor.Tell("fail"));
        ExpectMsg<(string, object?)>(m => m == ("PreRestart", "fail"));
        ExpectMsg("PostStop"); // the default PreRestart calls PostStop on the old instance
        ExpectMsg<(string, object?)>(m => m == ("PostRestart", "boom"));
        ExpectMsg("PreStart"); // the default PostRestart calls PreStart on the new instance
        Sys.Stop(actor);
        ExpectMsg("PostStop");
    }

    [Fact]
    public void Stop_Should_StopChildrenBeforeParentPostStop()
    {
        var parent = ActorOf(Props.Create(() => new TreeNode(TestActor, "p", 2)));
        var started = ReceiveN(3).Cast<string>().ToHashSet();
        Assert.Equal(["p.PreStart", "p0.PreStart", "p1.PreStart"], started.Order());
        Watch(parent);
        Sys.Stop(parent);
        var stops = ReceiveN(3).Cast<string>().ToList();
        Assert.Equal("p.PostStop", stops[2]);
        Assert.Equal(["p0.PostStop", "p1.PostStop"], stops.Take(2).Order());
        ExpectTerminated(parent);
    }

    [Fact]
    public void ContextStopSelf_Should_StopAfterCurrentMessage()
    {
        var actor = ActorOf(Props.Create(() => new SelfStopper(TestActor)));
        Watch(actor);
        EventFilter.DeadLetter<string>(s => s == "after").ExpectOne(() =>
        {
            actor.Tell("stop");
            actor.Tell("after"); // the stop overtakes it: a dead letter
        });
        ExpectMsg("stopping");
        ExpectTerminated(actor);
    }

    private sealed class TreeNode : ActorBase
    {
        private readonly IActorRef _probe;
        private readonly string _name;

        public TreeNode(IActorRef probe, string name, int children)
        {
            _probe = probe;
            _name = name;
            for (var i = 0; i < children; i++)
            {
                var childName = name + i; // the factory runs later: capture a copy, not the loop variable
                Context.ActorOf(Props.Create(() => new TreeNode(probe, childName, 0)), childName);
            }
        }

        protected override void PreStart() => _probe.Tell(_name + ".PreStart");

        protected override void PostStop() => _probe.Tell(_name + ".PostStop");

        protected override bool Receive(object message) => false;
    }

    private sealed class SelfStopper : ReceiveActor
    {
        public SelfStopper(IActorRef probe)
        {
            Receive<string>(s => s == "stop", _ =>
            {
                Context.Stop(Self);
                probe.Tell("stopping");
            });
            Receive<string>(s => probe.Tell("processed " + s));
        }
    }
}
