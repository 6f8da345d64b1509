// Runs one node of a cluster run: joins through the seed nodes, hosts the head singleton (head role) and a rollout pool (worker role), and ends with the run.
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Cluster.Tools.Singleton;
using Es.Actors.Evolution;
using Es.Core.Checkpoints;
using Es.Core.Evaluation;

namespace Es.Actors.Hosting;

/// <summary>
/// One node of a cluster run. Every node joins the cluster named by <c>akka.cluster.seed-nodes</c>
/// and runs a <see cref="ParameterReplica"/>. A head-role node also runs a
/// <see cref="ClusterSingletonManager"/> for the <see cref="Coordinator"/>: the singleton lives on
/// the oldest head-role node, and when that node dies it starts on the next one, which continues
/// from the most advanced replica. An evaluating node runs a rollout pool and a task feed that
/// pull work from the head through a <see cref="ClusterSingletonProxy"/>. Before its pool takes
/// any task a node compares its settings with the run's (<see cref="ClusterNodeOptions.CheckRun"/>).
/// The node ends when the run ends (wherever it finished), when it is stopped, when its pool
/// empties, or when the cluster removes it (downing): it never runs on alone.
/// </summary>
public static class ClusterNode
{
    /// <summary>The name of the singleton manager (under <c>/user</c>) and of the singleton itself.</summary>
    public const string HeadName = "head";

    /// <summary>How long a node whose run finished waits before it leaves, so the news reaches every node first.</summary>
    public static readonly TimeSpan Linger = TimeSpan.FromSeconds(1);

    /// <summary>Joins the cluster and serves the run until it ends.</summary>
    /// <param name="options">The node's role and run.</param>
    /// <param name="cancellation">Ctrl-C: a head ends the run (with a final checkpoint); a worker leaves the cluster.</param>
    public static async Task<NodeOutcome> RunAsync(ClusterNodeOptions options, CancellationToken cancellation)
    {
        RunPlan plan = options.Plan;
        List<string> roles = options.Head ? ["head"] : [];
        if (options.Evaluate) roles.Add("worker");
        Sizes sizes = SizesOf(plan);
        ActorSystem system = EsActorSystem.CreateCluster(plan.Options.Settings, roles, sizes.Largest, anyPort: !options.Head);
        options.SystemCreated?.Invoke(system);
        var completion = new TaskCompletionSource<RunOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var ended = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var poolGone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var active = new TaskCompletionSource<IActorRef>(TaskCreationOptions.RunContinuationsAsynchronously);
        bool leaving = false;
        try
        {
            var queue = new WorkQueue();
            IActorRef? pool = options.Evaluate ? NodeHost.StartPool(system, plan, queue) : null;
            var quarantined = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            system.ActorOf(Props.Create(() => new RunWatcher(ended, pool, poolGone, options.Head, quarantined)), "run-watcher");
            if (options.Head)
            {
                var setup = new HeadSetup(plan, completion, pool, plan.Options.Settings.Cluster.TakeOverWait, MaxUpdatesPerReply: sizes.UpdatesPerReply) { OnStarted = a => active.TrySetResult(a) };
                system.ActorOf(ClusterSingletonManager.Props(Coordinator.Props(setup), PoisonPill.Instance,
                    ClusterSingletonManagerSettings.Create(system).WithRole("head").WithSingletonName(HeadName)), HeadName);
            }
            IActorRef head = system.ActorOf(ClusterSingletonProxy.Props($"/user/{HeadName}",
                ClusterSingletonProxySettings.Create(system).WithRole("head").WithSingletonName(HeadName).WithBufferSize(10_000)), "head-proxy");
            IActorRef replica = NodeHost.StartReplica(system, head, plan);
            options.Say($"node {Cluster.Get(system).SelfAddress} ({string.Join(", ", roles)}): joining {string.Join(", ", SeedNodes(system))}");
            // Up, not only joined: a standby head counts for the split-brain resolver's majority from then on.
            Cluster.Get(system).RegisterOnMemberUp(() => options.Say($"node {Cluster.Get(system).SelfAddress}: up"));

            // Nothing is evaluated before this node's settings are known to give the run's numbers.
            if (await FirstStateAsync(replica, options, ended.Task, system, cancellation).ConfigureAwait(false) is not { } state)
            {
                if (ended.Task.IsCompleted) return await EndAsync(NodeEnd.RunEndedElsewhere, null, $"the run ended ({ended.Task.Result}) before this node took part");
                if (!cancellation.IsCancellationRequested && system.WhenTerminated.IsCompleted)
                    return new NodeOutcome(NodeEnd.Downed, null, "this node was removed from the cluster before the run started (downed: unreachable for too long, or on the losing side of a partition)");
                return await EndAsync(NodeEnd.Stopped, null, "stopped before the run started");
            }
            if (options.CheckRun(state) is { } mismatch)
                return await EndAsync(NodeEnd.Refused, null, mismatch);
            if (pool is not null) NodeHost.StartFeed(system, head, plan, pool, replica, queue, sizes.ResultsPerMessage);
            options.Say($"node {Cluster.Get(system).SelfAddress}: in the run at generation {state.Generation}");

            Task interrupted = Task.Delay(Timeout.Infinite, cancellation).ContinueWith(_ => { }, TaskScheduler.Default);
            Task first = await Task.WhenAny(completion.Task, ended.Task, system.WhenTerminated, poolGone.Task, interrupted, quarantined.Task).ConfigureAwait(false);
            if (first == interrupted)
            {
                if (!active.Task.IsCompleted) return await EndAsync(NodeEnd.Stopped, null, "stopped; the run goes on without this node");
                active.Task.Result.Tell(Coordinator.Interrupt.Instance);
                await Task.WhenAny(completion.Task, system.WhenTerminated).ConfigureAwait(false);
            }
            if (completion.Task.IsCompleted)
            {
                await Task.Delay(Linger, CancellationToken.None).ConfigureAwait(false);
                return await EndAsync(NodeEnd.RunFinishedHere, completion.Task.Result, "the run ended on this head");
            }
            if (ended.Task.IsCompleted) return await EndAsync(NodeEnd.RunEndedElsewhere, null, $"the run ended ({ended.Task.Result})");
            if (poolGone.Task.IsCompleted)
                return await EndAsync(NodeEnd.PoolEmpty, null, "no evaluators are left on this node: every evaluator stopped after failing past its retry budget (see the log)");
            return new NodeOutcome(NodeEnd.Downed, null,
                "this node was removed from the cluster (downed: unreachable for too long, or on the losing side of a partition); it does not run on alone");
        }
        finally
        {
            leaving = true;
            await system.Terminate().ConfigureAwait(false);
        }

        async Task<NodeOutcome> EndAsync(NodeEnd end, RunOutcome? run, string message)
        {
            if (!leaving && !system.WhenTerminated.IsCompleted)
            {
                leaving = true;
                // Leaving (rather than vanishing) lets the others reassign this node's tasks at once.
                Task leave = CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.ClrExitReason.Instance);
                await Task.WhenAny(leave, Task.Delay(TimeSpan.FromSeconds(15), CancellationToken.None)).ConfigureAwait(false);
            }
            return new NodeOutcome(end, run, message);
        }
    }

    // The replica's first state (which names the run's configuration), or null when the node stops or the run ends first.
    private static async Task<Checkpoint?> FirstStateAsync(IActorRef replica, ClusterNodeOptions options, Task ended, ActorSystem system, CancellationToken cancellation)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        Task<SnapshotReply> asked = replica.Ask<SnapshotReply>(GetSnapshot.Instance, Timeout.InfiniteTimeSpan, stop.Token);
        if (await Task.WhenAny(asked, Task.Delay(TimeSpan.FromSeconds(3), cancellation)).ConfigureAwait(false) != asked)
            options.Say($"waiting for the head of run '{options.Plan.Options.Settings.Cluster.RunId}'...");
        Task done = await Task.WhenAny(asked, ended, system.WhenTerminated, Task.Delay(Timeout.Infinite, cancellation)).ConfigureAwait(false);
        stop.Cancel();
        return done == asked && asked.IsCompletedSuccessfully ? asked.Result.Snapshot : null;
    }

    private static IEnumerable<string> SeedNodes(ActorSystem system) => Cluster.Get(system).Settings.SeedNodes.Select(a => a.ToString());

    /// <summary>The largest messages of a run: its learner state, and how many updates and results fit a message.</summary>
    internal static Sizes SizesOf(RunPlan plan)
    {
        Es.Core.Training.Learner learner = plan.CreateLeadLearner();
        int snapshot = CheckpointFile.Serialize(learner.ToCheckpoint(plan.EnvironmentId, double.NaN, plan.Configuration, 0)).Length;
        int tasks = learner.Tasks().Count;
        int update = 256 + tasks * 16;
        const int updatesPerReply = 16;
        int observations = plan.CreateEvaluator() is { } evaluator ? ObservationsOf(evaluator) : 0;
        int result = 128 + observations * 16;
        const int resultBudget = 256 * 1024;
        int results = Math.Max(1, resultBudget / result);
        int largest = Math.Max(snapshot, Math.Max(updatesPerReply * update, resultBudget));
        return new Sizes(largest, updatesPerReply, results);
    }

    private static int ObservationsOf(PairEvaluator evaluator) => evaluator.Fitness.ObservationSize;

    internal sealed record Sizes(int Largest, int UpdatesPerReply, int ResultsPerMessage);

    // Ends the node when the run ends anywhere (the topic, or this node's replica told directly),
    // or when the last head-role node has left the cluster gracefully (a worker has no run left to
    // serve); and notices an empty pool. A head that dies (downed, not left) leaves the workers
    // waiting with their replicas' state for a head that joins and continues the run.
    private sealed class RunWatcher : ReceiveActor
    {
        public RunWatcher(TaskCompletionSource<string> ended, IActorRef? pool, TaskCompletionSource poolGone, bool head, TaskCompletionSource quarantined)
        {
            // The others removed this node while it could not answer (frozen, cut off): it must not run on.
            Context.System.EventStream.Subscribe(Self, typeof(Akka.Remote.ThisActorSystemQuarantinedEvent));
            Receive<Akka.Remote.ThisActorSystemQuarantinedEvent>(_ => quarantined.TrySetResult());
            if (pool is not null) Context.Watch(pool);
            RunTopic.Subscribe(Context.System, Self);
            Context.System.EventStream.Subscribe(Self, typeof(ParameterReplica.RunEndedSeen));
            if (!head) Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.MemberRemoved));
            Receive<RunEnded>(e => ended.TrySetResult(e.Reason));
            Receive<ParameterReplica.RunEndedSeen>(e => ended.TrySetResult(e.Reason));
            Receive<ClusterEvent.MemberRemoved>(removed =>
            {
                if (!removed.Member.HasRole("head") || removed.PreviousStatus != Akka.Cluster.MemberStatus.Exiting) return;
                bool headLeft = !Cluster.Get(Context.System).State.Members.Any(m => m.HasRole("head") && !m.Address.Equals(removed.Member.Address)
                    && m.Status is Akka.Cluster.MemberStatus.Up or Akka.Cluster.MemberStatus.Joining or Akka.Cluster.MemberStatus.WeaklyUp);
                if (headLeft) ended.TrySetResult("the head left the cluster");
            });
            Receive<Terminated>(_ => poolGone.TrySetResult());
            Receive<SubscribeAck>(_ => { });
            Receive<IWireMessage>(_ => { });
        }

        protected override void PostStop()
        {
            Context.System.EventStream.Unsubscribe(Self);
            Cluster.Get(Context.System).Unsubscribe(Self);
        }
    }
}

/// <summary>How a cluster node ended.</summary>
public enum NodeEnd
{
    /// <summary>The run ended on this node's head: <see cref="NodeOutcome.Run"/> says how.</summary>
    RunFinishedHere,

    /// <summary>The run ended on another head.</summary>
    RunEndedElsewhere,

    /// <summary>The node was stopped (Ctrl-C) and left the cluster.</summary>
    Stopped,

    /// <summary>The node's settings would not give the run's numbers.</summary>
    Refused,

    /// <summary>Every evaluator of the node's pool stopped after failing.</summary>
    PoolEmpty,

    /// <summary>The cluster removed this node.</summary>
    Downed,
}

/// <summary>How a node ended, and the run's outcome when it ended on this node.</summary>
/// <param name="End">How the node ended.</param>
/// <param name="Run">The run's outcome, when the run ended on this node's head.</param>
/// <param name="Message">What to tell the user.</param>
public sealed record NodeOutcome(NodeEnd End, RunOutcome? Run, string Message);

/// <summary>What a cluster node is and does.</summary>
/// <param name="Plan">The run (the node's own settings; a head's run directory and observer).</param>
/// <param name="Head">The node has the head role: it may host the coordinator.</param>
/// <param name="Evaluate">The node runs a rollout pool.</param>
/// <param name="CheckRun">Given the run's state (with the first head's configuration), returns why this node's settings do not fit, or null.</param>
/// <param name="Say">Where the node's progress lines go.</param>
public sealed record ClusterNodeOptions(RunPlan Plan, bool Head, bool Evaluate, Func<Checkpoint, string?> CheckRun, Action<string> Say)
{
    /// <summary>
    /// Called with the node's actor system as soon as it exists, before it joins: lets an
    /// in-process cluster test watch membership or make the node vanish abruptly (terminate the
    /// system without leaving), as a crashed machine would. Null for none.
    /// </summary>
    public Action<ActorSystem>? SystemCreated { get; init; }
}
