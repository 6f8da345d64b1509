// Tests of supervision: restart, resume, stop, escalate, retry budgets, all-for-one and initialization failures.
using Es.Actors.Supervision;
using Es.Actors.Tests.Support;

namespace Es.Actors.Tests.Supervision;

public sealed class SupervisionTests : TestKit.TestKit
{
    private IActorRef StartParent(SupervisorStrategy? strategy, bool watchChild = false)
    {
        var parent = ActorOf(Props.Create(() => new Parent(Props.Create(() => new Reporter(TestActor, "")), TestActor, strategy, watchChild)));
        ExpectMsg("PreStart");
        return parent;
    }

    [Fact]
    public void DefaultStrategy_Should_RestartKeepingTheMailboxAndHandTheFailingMessageToPreRestart()
    {
        var parent = StartParent(null);
        EventFilter.Exception<InvalidOperationException>("boom").ExpectOne(() =>
        {
            parent.Tell("inc");
            parent.Tell("fail");
            parent.Tell("get"); // queued behind the failing message: must survive the restart
        });
        ExpectMsg<(string, object?)>(m => m == ("PreRestart", "fail"));
        ExpectMsg("PostStop");
        ExpectMsg<(string, object?)>(m => m.Item1 == "PostRestart");
        ExpectMsg("PreStart");
        ExpectMsg(0); // fresh instance: state reset, but "get" was not lost
    }

    [Fact]
    public void OneForOneStrategy_Should_ResumeKeepingState()
    {
        var parent = StartParent(new OneForOneStrategy(_ => Directive.Resume));
        EventFilter.Exception<InvalidOperationException>().ExpectOne(() =>
        {
            parent.Tell("inc");
            parent.Tell("fail");
            parent.Tell("inc");
            parent.Tell("get");
        });
        ExpectMsg(2);
    }

    [Fact]
    public void OneForOneStrategy_Should_StopChildOnStopDirective()
    {
        var parent = StartParent(new OneForOneStrategy(_ => Directive.Stop), watchChild: true);
        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => parent.Tell("fail"));
        ExpectMsg("PostStop");
        Assert.Equal("child", ExpectMsg<Terminated>().ActorRef.Path.Name);
    }

    [Fact]
    public void OneForOneStrategy_Should_StopChildWhenRetryBudgetIsExhausted()
    {
        var parent = StartParent(new OneForOneStrategy(2, TimeSpan.FromMinutes(1), _ => Directive.Restart), watchChild: true);
        EventFilter.Exception<InvalidOperationException>(occurrences: 3).Expect(() =>
        {
            for (var i = 0; i < 3; i++) parent.Tell("fail");
        });
        for (var restart = 0; restart < 2; restart++)
        {
            ExpectMsg<(string, object?)>(m => m.Item1 == "PreRestart");
            ExpectMsg("PostStop");
            ExpectMsg<(string, object?)>(m => m.Item1 == "PostRestart");
            ExpectMsg("PreStart");
        }
        ExpectMsg("PostStop"); // third failure: over budget, stopped rather than escalated
        ExpectMsg<Terminated>(t => t.ActorRef.Path.Name == "child");
    }

    [Fact]
    public void OneForOneStrategy_Should_NeverRestartWithZeroRetries()
    {
        var parent = StartParent(new OneForOneStrategy(0, TimeSpan.Zero, _ => Directive.Restart), watchChild: true);
        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => parent.Tell("fail"));
        ExpectMsg("PostStop");
        ExpectMsg<Terminated>();
    }

    [Fact]
    public void Escalate_Should_FailTheParentWithTheSameExceptionUpToTheGrandparent()
    {
        var seen = CreateTestProbe();
        var grandparentStrategy = new OneForOneStrategy(e =>
        {
            seen.Tell(e);
            return Directive.Stop;
        });
        var parentProps = Props.Create(() => new Parent(Props.Create(() => new Thrower()), TestActor, new OneForOneStrategy(_ => Directive.Escalate), false));
        var grandparent = ActorOf(Props.Create(() => new Parent(parentProps, TestActor, grandparentStrategy, true)));
        var failure = new ArgumentException("deep");
        EventFilter.Exception<ArgumentException>("deep").ExpectOne(() => grandparent.Tell(failure));
        Assert.Same(failure, seen.ExpectMsg<ArgumentException>());
        ExpectMsg<Terminated>(t => t.ActorRef.Path.Name == "child"); // the grandparent stopped the escalating parent
    }

    [Fact]
    public void AllForOneStrategy_Should_RestartAllSiblings()
    {
        var parent = ActorOf(Props.Create(() => new TwoChildren(TestActor, new AllForOneStrategy(_ => Directive.Restart))));
        Assert.Equal(["aPreStart", "bPreStart"], ReceiveN(2).Cast<string>().Order());
        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => parent.Tell("fail a"));
        var events = ReceiveN(8).Select(m => m is ValueTuple<string, object?> t ? t.Item1 : (string)m).ToList();
        string[] expected = ["aPreRestart", "aPostStop", "aPostRestart", "aPreStart", "bPreRestart", "bPostStop", "bPostRestart", "bPreStart"];
        Assert.Equal(expected.Order(), events.Order());
    }

    [Fact]
    public void OneForOneStrategy_Should_LeaveSiblingsAlone()
    {
        var parent = ActorOf(Props.Create(() => new TwoChildren(TestActor, new OneForOneStrategy(_ => Directive.Restart))));
        ReceiveN(2);
        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => parent.Tell("fail a"));
        var events = ReceiveN(4).Select(m => m is ValueTuple<string, object?> t ? t.Item1 : (string)m).ToList();
        Assert.All(events, e => Assert.StartsWith("a", e, StringComparison.Ordinal));
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void ActorInitializationException_Should_StopTheActorByDefault()
    {
        EventFilter.Exception<ActorInitializationException>("ctor failed").ExpectOne(() =>
        {
            var actor = ActorOf(Props.Create(() => new BrokenConstructor()));
            Watch(actor);
            ExpectTerminated(actor);
        });
    }

    [Fact]
    public void PreStartFailure_Should_StopTheActorByDefault()
    {
        EventFilter.Exception<ActorInitializationException>("PreStart failed").ExpectOne(() =>
        {
            var actor = ActorOf(Props.Create(() => new BrokenPreStart()));
            Watch(actor);
            ExpectTerminated(actor);
        });
    }

    [Fact]
    public void Kill_Should_StopTheActorByDefault()
    {
        var actor = ActorOf(Props.Create(() => new Reporter(TestActor)));
        ExpectMsg("PreStart");
        Watch(actor);
        EventFilter.Exception<ActorKilledException>().ExpectOne(() => actor.Tell(Kill.Instance));
        ExpectMsg("PostStop");
        ExpectTerminated(actor);
    }

    [Fact]
    public void PropsStrategy_Should_BeUsedWhenTheActorDoesNotOverrideIt()
    {
        var props = Props.Create(() => new TwoChildren(TestActor, null)).WithSupervisorStrategy(new OneForOneStrategy(_ => Directive.Resume));
        var parent = ActorOf(props);
        ReceiveN(2);
        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => parent.Tell("fail a"));
        ExpectNoMsg(TimeSpan.FromMilliseconds(100)); // resumed: no restart hooks
    }

    private sealed class Thrower : ReceiveActor
    {
        public Thrower() => Receive<Exception>(e => throw e);
    }

    private sealed class BrokenConstructor : ActorBase
    {
        public BrokenConstructor() => throw new InvalidOperationException("ctor failed");

        protected override bool Receive(object message) => true;
    }

    private sealed class BrokenPreStart : ActorBase
    {
        protected override void PreStart() => throw new InvalidOperationException("PreStart failed");

        protected override bool Receive(object message) => true;
    }

    private sealed class TwoChildren : ReceiveActor
    {
        private readonly SupervisorStrategy? _strategy;

        public TwoChildren(IActorRef probe, SupervisorStrategy? strategy)
        {
            _strategy = strategy;
            var a = Context.ActorOf(Props.Create(() => new Reporter(probe, "a")), "a");
            Context.ActorOf(Props.Create(() => new Reporter(probe, "b")), "b");
            Receive<string>(s => s == "fail a", _ => a.Tell("fail"));
        }

        protected override SupervisorStrategy SupervisorStrategy() => _strategy ?? base.SupervisorStrategy();
    }
}
