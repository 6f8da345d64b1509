// The head's coordinator: takes over from the replicas, hands out work, re-issues lost and overdue tasks, and stops on a goal, a budget, a signal or a failure.
using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using Es.Actors.Hosting;
using Es.Core.Checkpoints;
using Es.Core.Configuration;
using Es.Core.Evaluation;
using Es.Core.Training;

namespace Es.Actors.Evolution;

/// <summary>
/// Drives a run. In a cluster it first asks every replica how far it got
/// (<see cref="QueryReplicas"/>) and continues from the most advanced one, so a head that starts
/// after its predecessor died needs no checkpoint; a run that has ended is never continued. It
/// then creates the <see cref="Aggregator"/> as its child and hands out the tasks the aggregator
/// plans to the task feeds that ask for work (<see cref="RequestWork"/>), remembering which feed
/// holds which task. A feed's tasks go to others as soon as its node becomes unreachable, leaves
/// or its feed stops, and any task without a result after the task timeout goes out again
/// (duplicates are ignored by the aggregator). When a feed has nothing left and the generation
/// nothing left to hand out, the feed holding the most unfinished tasks is asked to give back up
/// to half of them that it has not started (<see cref="ReturnTasks"/>), and they go to the idle
/// feed: the tasks a node claimed ahead no longer keep the others waiting at a generation's end.
/// After each complete generation it decides whether the goal is reached, and it ends the run
/// with a final checkpoint on a goal, a budget, an interrupt, or a failure such as an empty
/// rollout pool, telling every node (<see cref="RunEnded"/>).
/// </summary>
public sealed class Coordinator : ReceiveActor, IWithTimers, IWithUnboundedStash
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly HeadSetup _setup;
    private readonly Dictionary<IActorRef, FeedState> _feeds = [];
    private readonly Queue<int> _pending = new();
    private readonly Dictionary<IActorRef, ReplicaState> _replicas = [];
    private readonly Dictionary<Address, MemberInfo> _members = [];
    private readonly HashSet<IActorRef> _knownReplicas = []; // told directly when the run ends: the topic is at most once
    private DateTime _generationStarted = DateTime.UtcNow;
    private StopRule _rule = null!;
    private IActorRef _aggregator = ActorRefs.Nobody;
    private IReadOnlyList<EvaluationTask> _tasks = [];
    private IActorRef?[] _holder = [];
    private DateTime[] _issuedAt = [];
    private bool[] _done = [];
    private long _generation = -1;
    private int _reissued;
    private string? _lastEvaluatorFailure;
    private bool _finishing;

    /// <summary>Creates the coordinator.</summary>
    /// <param name="setup">The run and where its outcome goes.</param>
    public Coordinator(HeadSetup setup)
    {
        _setup = setup;
        TakingOver();
    }

    /// <summary>Props of a coordinator.</summary>
    public static Props Props(HeadSetup setup) => Akka.Actor.Props.Create(() => new Coordinator(setup));

    /// <inheritdoc/>
    public ITimerScheduler Timers { get; set; } = null!;

    /// <inheritdoc/>
    public IStash Stash { get; set; } = null!;

    /// <summary>Tell the coordinator to end the run now (Ctrl-C), writing the final checkpoint.</summary>
    public sealed record Interrupt
    {
        /// <summary>The message.</summary>
        public static Interrupt Instance { get; } = new();
    }

    private RunPlan Plan => _setup.Plan;

    /// <inheritdoc/>
    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe(Self, typeof(EvaluatorStopped));
        if (_setup.LocalPool is { } pool) Context.Watch(pool);
        if (RunTopic.IsCluster(Context.System))
        {
            Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
                typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent));
        }
        AskReplicas();
    }

    private void AskReplicas()
    {
        if (_setup.TakeOverWait > TimeSpan.Zero)
        {
            RunTopic.Publish(Context.System, QueryReplicas.Instance, Self);
            Timers.StartSingleTimer("take-over", TakeOverDue.Instance, _setup.TakeOverWait);
        }
        else
        {
            Self.Tell(TakeOverDue.Instance);
        }
    }

    /// <inheritdoc/>
    protected override void PostStop()
    {
        Context.System.EventStream.Unsubscribe(Self);
        if (RunTopic.IsCluster(Context.System)) Cluster.Get(Context.System).Unsubscribe(Self);
        _setup.Completion.TrySetResult(new RunOutcome(StopReason.Failed, Math.Max(0, _generation), [], null, "the coordinator stopped before the run finished", null));
    }

    /// <inheritdoc/>
    protected override SupervisorStrategy SupervisorStrategy() => Akka.Actor.SupervisorStrategy.StoppingStrategy;

    // Until the run's state is known: the replicas' answers, then the most advanced replica's snapshot.
    private void TakingOver()
    {
        Receive<ReplicaState>(state => _replicas[Sender] = state);
        Receive<TakeOverDue>(_ => OnTakeOverDue());
        Receive<StateLoaded>(loaded => Start(loaded.State, $"continuing the run from generation {loaded.State.Generation}, the state of the replica on {loaded.From}"));
        Receive<SnapshotMissing>(_ =>
        {
            _log.Warning("the most advanced replica did not send its state; asking the replicas again");
            _replicas.Clear();
            AskReplicas();
        });
        Receive<Interrupt>(_ => Context.Stop(Self));
        Receive<EvaluatorStopped>(s => _lastEvaluatorFailure = s.Reason);
        Receive<ClusterEvent.IMemberEvent>(m => OnMember(m.Member, StateOf(m)));
        Receive<ClusterEvent.ReachabilityEvent>(m => OnMember(m.Member, m is ClusterEvent.UnreachableMember ? "unreachable" : "up"));
        ReceiveAny(_ => Stash.Stash());
    }

    private void OnTakeOverDue()
    {
        if (_replicas.Values.Any(r => r.RunEnded))
        {
            // The run ended while this node stood by: never continue it.
            Announce("the run has already ended; this head does not continue it");
            TellRunEnded(new RunEnded("the run had already ended"));
            Context.Stop(Self);
            return;
        }
        long start = Plan.Resume?.Generation ?? 0;
        KeyValuePair<IActorRef, ReplicaState> best = _replicas.OrderByDescending(r => r.Value.Generation).FirstOrDefault();
        if (best.Key is not null && best.Value.Generation > start)
        {
            string from = best.Key.Path.Address.HasLocalScope ? "this node" : best.Key.Path.Address.ToString();
            best.Key.Ask<SnapshotReply>(GetSnapshot.Instance, TimeSpan.FromSeconds(30))
                .PipeTo(Self, success: reply => new StateLoaded(reply.Snapshot, from), failure: _ => SnapshotMissing.Instance);
            return;
        }
        Start(null, null);
    }

    private void Start(Checkpoint? replicaState, string? why)
    {
        Learner learner = Plan.CreateLeadLearner();
        string configuration = Plan.Configuration;
        double bestReturn = Plan.Resume?.BestReturn ?? double.NaN;
        _rule = Plan.CreateStopRule();
        if (replicaState is not null)
        {
            // The run goes on as its first head configured it: budgets and goal included.
            learner.Restore(replicaState);
            configuration = replicaState.Configuration;
            bestReturn = replicaState.BestReturn;
            _rule = new StopRule(SettingsLoader.ParseSaved(configuration, "the run's configuration").Run) { Streak = replicaState.GoalStreak };
            Announce(why! + (_setup.Plan.Options.RunDirectory is { } dir ? $"; metrics and checkpoints go to {dir}" : string.Empty));
        }
        _replicas.Clear();
        RunOptions options = Plan.Options;
        Props aggregator = Aggregator.Props(learner, options.RunDirectory, options.Observer, Plan.EnvironmentId, configuration,
            options.Settings.Checkpoint.Every, bestReturn, options.StragglerCutoff, _setup.MaxUpdatesPerReply);
        // Without an aggregator restart strategy a failure there would silently lose the run: stop and report instead.
        _aggregator = Context.ActorOf(aggregator, "aggregator");
        Context.Watch(_aggregator);
        TimeSpan tick = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(50).Ticks, options.TaskTimeout.Ticks / 4));
        Timers.StartPeriodicTimer("deadlines", CheckDeadlines.Instance, tick);
        Become(Running);
        Stash.UnstashAll();
        _setup.OnStarted?.Invoke(Self);
    }

    private void Running()
    {
        Receive<GenerationPlanned>(OnPlanned);
        Receive<RequestWork>(OnRequest);
        Receive<TaskResults>(OnResults);
        Receive<TasksReturned>(OnReturned);
        Receive<GetUpdates>(m =>
        {
            _knownReplicas.Add(Sender);
            _aggregator.Forward(m);
        });
        Receive<GetSnapshot>(m => _aggregator.Forward(m));
        Receive<GenerationAssembled>(OnAssembled);
        Receive<CheckDeadlines>(_ => OnCheckDeadlines());
        Receive<Interrupt>(_ => Finish(StopReason.Interrupted, null));
        Receive<EvaluatorStopped>(s => _lastEvaluatorFailure = s.Reason);
        Receive<ClusterEvent.UnreachableMember>(m =>
        {
            OnMember(m.Member, "unreachable");
            NodeLost(m.Member.Address, "is unreachable");
        });
        Receive<ClusterEvent.MemberRemoved>(m =>
        {
            OnMember(m.Member, "removed");
            NodeLost(m.Member.Address, "has left the cluster");
        });
        Receive<ClusterEvent.IMemberEvent>(m => OnMember(m.Member, StateOf(m)));
        Receive<ClusterEvent.ReachabilityEvent>(m => OnMember(m.Member, "up"));
        Receive<ReplicaState>(_ => { });
        Receive<SnapshotReply>(_ => { });
        Receive<Terminated>(OnTerminated);
        Receive<RunFinished>(f =>
        {
            // The outcome first: this node's own watcher hears RunEnded too, and must find the run finished here.
            _setup.Completion.TrySetResult(f.Outcome);
            TellRunEnded(new RunEnded(f.Outcome.Reason.ToString()));
            Context.Stop(Self);
        });
    }

    private void OnPlanned(GenerationPlanned planned)
    {
        if (_finishing) return;
        if (_rule.BudgetSpent(planned.Generation, planned.TotalTimesteps) is { } budget)
        {
            Finish(budget, null);
            return;
        }
        _generation = planned.Generation;
        _tasks = planned.Tasks;
        _holder = new IActorRef?[_tasks.Count];
        _issuedAt = new DateTime[_tasks.Count];
        _done = new bool[_tasks.Count];
        _reissued = 0;
        foreach (FeedState feed in _feeds.Values)
        {
            feed.Held = 0;
            feed.ReturnTo = null;
        }
        _generationStarted = DateTime.UtcNow;
        _pending.Clear();
        for (int j = 0; j < _tasks.Count; j++) _pending.Enqueue(j);
        Serve();
    }

    private void OnRequest(RequestWork request)
    {
        if (!_feeds.TryGetValue(Sender, out FeedState? feed))
        {
            feed = new FeedState();
            _feeds[Sender] = feed;
            Context.Watch(Sender);
            if (!Sender.Path.Address.Equals(Self.Path.Address) || _feeds.Count > 1)
                Announce($"node {NodeName(Sender)} is up ({request.Evaluators} evaluator(s))");
        }
        feed.Evaluators = request.Evaluators;
        Member(Sender.Path.Address).Evaluators = request.Evaluators;
        feed.Demand = Math.Max(0, request.Max);
        Serve();
        Rebalance(Sender, feed);
    }

    // Hands pending tasks to the feeds that asked, each request answered by one batch.
    private void Serve()
    {
        if (_finishing || _pending.Count == 0) return;
        DateTime now = DateTime.UtcNow;
        foreach ((IActorRef feedRef, FeedState feed) in _feeds.OrderBy(f => f.Value.LastServed))
        {
            if (_pending.Count == 0) break;
            Grant(feedRef, feed, now);
        }
    }

    // Answers one feed's request with pending tasks, if it asked.
    private void Grant(IActorRef feedRef, FeedState feed, DateTime now)
    {
        if (feed.Demand <= 0) return;
        int most = Math.Min(feed.Demand, _setup.MaxTasksPerBatch);
        var batch = new List<EvaluationTask>(Math.Min(most, _pending.Count));
        while (batch.Count < most && _pending.TryDequeue(out int j))
        {
            if (_done[j]) continue; // re-queued after its deadline, and its result came in since
            _holder[j] = feedRef;
            _issuedAt[j] = now;
            batch.Add(_tasks[j]);
        }
        if (batch.Count == 0) return;
        feed.Held += batch.Count;
        feed.Demand = 0;
        feed.LastServed = now;
        feedRef.Tell(new WorkBatch(batch));
    }

    // A feed that holds nothing asked for work the generation no longer has: the feed holding the most
    // unfinished tasks gives back up to half of them, those it has not started, for this one.
    private void Rebalance(IActorRef idleRef, FeedState idle)
    {
        if (_finishing || _generation < 0 || _pending.Count > 0 || idle.Demand <= 0 || idle.Held > 0) return;
        IActorRef? busyRef = null;
        FeedState? busy = null;
        foreach ((IActorRef feedRef, FeedState feed) in _feeds)
        {
            if (feedRef.Equals(idleRef) || feed.ReturnTo is not null || feed.Held < 2 || (busy is not null && feed.Held <= busy.Held)) continue;
            busyRef = feedRef;
            busy = feed;
        }
        if (busyRef is null || busy is null) return;
        busy.ReturnTo = idleRef;
        busyRef.Tell(new ReturnTasks(_generation, Math.Min(idle.Demand, busy.Held / 2)));
    }

    private void OnReturned(TasksReturned returned)
    {
        if (!_feeds.TryGetValue(Sender, out FeedState? from)) return;
        IActorRef? to = from.ReturnTo;
        from.ReturnTo = null;
        if (_finishing || returned.Generation != _generation) return;
        int n = 0;
        foreach (int j in returned.Tasks)
        {
            if (j < 0 || j >= _tasks.Count || _done[j] || !Sender.Equals(_holder[j])) continue;
            _holder[j] = null;
            _pending.Enqueue(j);
            n++;
        }
        from.Held -= n;
        if (n == 0) return;
        // The feed that ran out of work first, then whoever else asked.
        if (to is not null && _feeds.TryGetValue(to, out FeedState? idle)) Grant(to, idle, DateTime.UtcNow);
        Serve();
    }

    private void OnResults(TaskResults results)
    {
        MemberInfo member = Member(Sender.Path.Address);
        foreach (TaskResult r in results.Results)
        {
            member.Steps += r.Steps;
            if (r.Generation != _generation || r.Task < 0 || r.Task >= _done.Length || _done[r.Task]) continue;
            _done[r.Task] = true;
            if (_holder[r.Task] is { } holder && _feeds.TryGetValue(holder, out FeedState? held)) held.Held--;
            _holder[r.Task] = null;
        }
        _aggregator.Forward(results);
        if (_feeds.TryGetValue(Sender, out FeedState? feed)) Rebalance(Sender, feed);
    }

    private void OnCheckDeadlines()
    {
        if (_finishing || _generation < 0) return;
        DateTime now = DateTime.UtcNow;
        int overdue = Requeue(j => _holder[j] is not null && now - _issuedAt[j] >= Plan.Options.TaskTimeout);
        if (overdue == 0) return;
        Announce($"generation {_generation}: re-issuing {overdue} overdue task(s)");
        // A replica that missed the last update cannot evaluate this generation: publish it again.
        _aggregator.Tell(Republish.Instance);
    }

    // Puts the unfinished tasks that match back in line for other feeds; returns how many.
    private int Requeue(Func<int, bool> which)
    {
        int n = 0;
        for (int j = 0; j < _tasks.Count; j++)
        {
            if (_done[j] || !which(j)) continue;
            if (_holder[j] is { } holder && _feeds.TryGetValue(holder, out FeedState? held)) held.Held--;
            _holder[j] = null;
            _pending.Enqueue(j);
            n++;
        }
        _reissued += n;
        Serve();
        return n;
    }

    private void NodeLost(Address address, string what)
    {
        IActorRef[] gone = _feeds.Keys.Where(f => f.Path.Address.Equals(address)).ToArray();
        foreach (IActorRef feed in gone) FeedLost(feed, $"node {address} {what}");
    }

    private void FeedLost(IActorRef feed, string what)
    {
        if (!_feeds.Remove(feed)) return;
        int n = _finishing || _generation < 0 ? 0 : Requeue(j => feed.Equals(_holder[j]));
        Announce(n > 0 ? $"{what}: its {n} unfinished task(s) go to other nodes" : what);
    }

    private void OnAssembled(GenerationAssembled assembled)
    {
        if (_finishing || assembled.Generation != _generation) return;
        if (_rule.GoalReached(assembled.Evaluation))
        {
            Finish(StopReason.Goal, null);
            return;
        }
        _aggregator.Tell(new ApplyGeneration(assembled.Generation, _rule.Streak, _reissued, _feeds.Count, _feeds.Values.Sum(f => f.Evaluators)));
        double seconds = Math.Max(1e-6, (DateTime.UtcNow - _generationStarted).TotalSeconds);
        foreach (MemberInfo m in _members.Values)
        {
            m.StepsPerSecond = m.Steps / seconds;
            m.Steps = 0;
        }
        ReportMembers();
    }

    private void OnTerminated(Terminated terminated)
    {
        if (_finishing) return;
        if (terminated.ActorRef.Equals(_setup.LocalPool))
        {
            string why = _lastEvaluatorFailure is null ? "" : $"; the last evaluator failure was: {_lastEvaluatorFailure}";
            Finish(StopReason.Failed, $"no evaluators are left: every evaluator of the rollout pool has stopped after failing past its retry budget{why}");
        }
        else if (terminated.ActorRef.Equals(_aggregator))
        {
            _setup.Completion.TrySetResult(new RunOutcome(StopReason.Failed, _generation, [], null, "the aggregator failed (see the log); no final checkpoint was written", null));
            Context.Stop(Self);
        }
        else
        {
            FeedLost(terminated.ActorRef, $"the task feed of node {NodeName(terminated.ActorRef)} stopped");
        }
    }

    private void Finish(StopReason reason, string? error)
    {
        if (_finishing) return;
        _finishing = true;
        _aggregator.Tell(new FinishRun(reason, error, _rule.Streak));
    }

    // Every replica must learn that the run ended, or a standby head would continue it: the topic
    // reaches the nodes whose subscription has spread, a direct message every replica that asked.
    private void TellRunEnded(RunEnded ended)
    {
        RunTopic.Publish(Context.System, ended, Self);
        if (!RunTopic.IsCluster(Context.System)) return;
        foreach (IActorRef replica in _knownReplicas) replica.Tell(ended, Self);
        foreach (IActorRef replica in _replicas.Keys) replica.Tell(ended, Self);
    }

    private void Announce(string message)
    {
        _log.Info("{0}", message);
        Plan.Options.Observer?.OnEvent(message);
    }

    private static string NodeName(IActorRef actor) => actor.Path.Address.HasLocalScope ? "local" : actor.Path.Address.ToString();

    // A member by address; this node's own actors have a local address, which the cluster knows by its full one.
    private MemberInfo Member(Address address)
    {
        if (address.HasLocalScope && RunTopic.IsCluster(Context.System)) address = Cluster.Get(Context.System).SelfAddress;
        if (!_members.TryGetValue(address, out MemberInfo? member))
        {
            member = new MemberInfo { Roles = address.HasLocalScope ? "single" : "", State = "up" };
            _members[address] = member;
        }
        return member;
    }

    private void OnMember(Member member, string state)
    {
        MemberInfo info = Member(member.Address);
        info.Roles = string.Join(", ", member.Roles.OrderBy(r => r, StringComparer.Ordinal));
        info.State = state;
        ReportMembers();
    }

    private static string StateOf(ClusterEvent.IMemberEvent e) => e switch
    {
        ClusterEvent.MemberRemoved => "removed",
        ClusterEvent.MemberLeft or ClusterEvent.MemberExited => "leaving",
        ClusterEvent.MemberJoined => "joining",
        _ => "up",
    };

    private void ReportMembers() =>
        Plan.Options.Observer?.OnMembers([.. _members.Select(m => new Hosting.MemberStatus(m.Key.HasLocalScope ? "local" : m.Key.ToString(), m.Value.Roles, m.Value.State,
            m.Value.Evaluators, m.Value.StepsPerSecond))]);

    private sealed class MemberInfo
    {
        public string Roles = "";
        public string State = "up";
        public int Evaluators;
        public long Steps;
        public double StepsPerSecond;
    }

    private sealed class FeedState
    {
        public int Demand;
        public int Held; // tasks of the generation handed to it and not finished
        public IActorRef? ReturnTo; // asked to give tasks back for this idle feed, no answer yet
        public int Evaluators;
        public DateTime LastServed = DateTime.MinValue;
    }

    private sealed record CheckDeadlines
    {
        public static CheckDeadlines Instance { get; } = new();
    }

    private sealed record TakeOverDue
    {
        public static TakeOverDue Instance { get; } = new();
    }

    private sealed record StateLoaded(Checkpoint State, string From);

    private sealed record SnapshotMissing
    {
        public static SnapshotMissing Instance { get; } = new();
    }
}

/// <summary>What a head needs to run: the run's plan, where the outcome goes, and how the messages are sized.</summary>
/// <param name="Plan">The run's composition (settings, resume checkpoint, run directory, observer).</param>
/// <param name="Completion">Completed with the outcome when the run ends on this head.</param>
/// <param name="LocalPool">A rollout pool in the same process to watch (the run fails when it empties), or null.</param>
/// <param name="TakeOverWait">How long a starting head waits for the replicas' answers (zero: it does not ask; one process).</param>
/// <param name="MaxTasksPerBatch">Most tasks in one <see cref="WorkBatch"/>.</param>
/// <param name="MaxUpdatesPerReply">Most updates in one <see cref="UpdatesReply"/>.</param>
public sealed record HeadSetup(RunPlan Plan, TaskCompletionSource<RunOutcome> Completion, IActorRef? LocalPool, TimeSpan TakeOverWait,
    int MaxTasksPerBatch = 2048, int MaxUpdatesPerReply = 16)
{
    /// <summary>Called with the coordinator when it starts running the run (after a take-over, if any): where an interrupt goes.</summary>
    public Action<IActorRef>? OnStarted { get; init; }
}
