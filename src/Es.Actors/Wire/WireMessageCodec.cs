// The layouts of the cluster messages (Evolution/WireMessages.cs): one manifest and one envelope kind per type, explicit little-endian fields.
using Es.Actors.Evolution;
using Es.Core.Evaluation;
using Es.Core.Training;

namespace Es.Actors.Wire;

/// <summary>
/// Encodes and decodes every <see cref="IWireMessage"/> inside a <see cref="WireCodec"/> envelope, so
/// each one carries the magic, the protocol version, its kind and the run id. Lists are a count and
/// their items, the count checked against the bytes that follow and a fixed upper bound; tasks,
/// results, generation updates and snapshots reuse the codec's own payload layouts.
/// </summary>
/// <remarks>
/// Payloads (protocol version 4): RequestWork = max (int32 ≥ 0), evaluators (int32 ≥ 0);
/// ReturnTasks = generation (int64 ≥ 0), max (int32 ≥ 0); TasksReturned = generation (int64 ≥ 0),
/// count, task indices (int32 ≥ 0 each);
/// WorkBatch = count, tasks; TaskResults = count, results; GenerationPublished = generation update,
/// goal streak (int32 ≥ 0), best return (float64, NaN for none); GetUpdates = from-generation (int64 ≥ −1);
/// UpdatesReply = count, GenerationPublished payloads; SnapshotReply = the checkpoint file (its own
/// format version and SHA-256); GetSnapshot, QueryReplicas = empty; ReplicaState = generation
/// (int64 ≥ −1), run-ended flag; RunEnded = reason (UTF-8, at most <see cref="MaxReasonBytes"/>).
/// Decoding throws <see cref="WireException"/> and nothing else. Instances are thread-safe.
/// </remarks>
internal sealed class WireMessageCodec
{
    /// <summary>Most items in one list (tasks of a batch, results, updates): far above any batch the head sends.</summary>
    public const int MaxItems = 1 << 20;

    /// <summary>Longest reason text in a <see cref="RunEnded"/>, in bytes of UTF-8.</summary>
    public const int MaxReasonBytes = 64 * 1024;

    private const int MinPublishedBytes = WireCodec.MinGenerationBytes + 4 + 8;

    private static readonly (Type Type, string Manifest, MessageKind Kind)[] Table =
    [
        (typeof(RequestWork), "RequestWork", MessageKind.RequestWork),
        (typeof(WorkBatch), "WorkBatch", MessageKind.WorkBatch),
        (typeof(TaskResults), "TaskResults", MessageKind.TaskResults),
        (typeof(GenerationPublished), "GenerationPublished", MessageKind.GenerationPublished),
        (typeof(GetUpdates), "GetUpdates", MessageKind.GetUpdates),
        (typeof(UpdatesReply), "UpdatesReply", MessageKind.UpdatesReply),
        (typeof(SnapshotReply), "SnapshotReply", MessageKind.Snapshot),
        (typeof(GetSnapshot), "GetSnapshot", MessageKind.GetSnapshot),
        (typeof(QueryReplicas), "QueryReplicas", MessageKind.QueryReplicas),
        (typeof(ReplicaState), "ReplicaState", MessageKind.ReplicaState),
        (typeof(RunEnded), "RunEnded", MessageKind.RunEnded),
        (typeof(ReturnTasks), "ReturnTasks", MessageKind.ReturnTasks),
        (typeof(TasksReturned), "TasksReturned", MessageKind.TasksReturned),
    ];

    private static readonly Dictionary<Type, string> ManifestByType = Table.ToDictionary(t => t.Type, t => t.Manifest);
    private static readonly Dictionary<string, MessageKind> KindByManifest = Table.ToDictionary(t => t.Manifest, t => t.Kind, StringComparer.Ordinal);

    private readonly WireCodec _codec;

    /// <summary>Creates the codec over one run's envelope.</summary>
    public WireMessageCodec(WireCodec codec) => _codec = codec ?? throw new ArgumentNullException(nameof(codec));

    /// <summary>The run every message must belong to.</summary>
    public WireCodec Envelope => _codec;

    /// <summary>Every type this codec carries, with its manifest.</summary>
    public static IEnumerable<(Type Type, string Manifest)> Types => Table.Select(t => (t.Type, t.Manifest));

    /// <summary>The manifest of <paramref name="message"/>'s type.</summary>
    /// <exception cref="ArgumentException">The type is not one of the wire messages.</exception>
    public static string Manifest(object message) =>
        ManifestByType.TryGetValue(message.GetType(), out string? manifest)
            ? manifest
            : throw new ArgumentException($"{message.GetType().FullName} is not a message of the wire protocol.", nameof(message));

    /// <summary>Encodes a message.</summary>
    /// <exception cref="ArgumentException">The message is not a wire message, or holds a strategy update the protocol does not carry.</exception>
    /// <exception cref="WireException">The message would exceed the size limit.</exception>
    public byte[] Encode(IWireMessage message)
    {
        switch (message)
        {
            case SnapshotReply snapshot:
                return _codec.EncodeSnapshot(snapshot.Snapshot);
            case RequestWork request:
            {
                var w = new WireWriter(8);
                w.Int32(request.Max);
                w.Int32(request.Evaluators);
                return _codec.Wrap(MessageKind.RequestWork, w.Written);
            }
            case ReturnTasks ask:
            {
                var w = new WireWriter(12);
                w.Int64(ask.Generation);
                w.Int32(ask.Max);
                return _codec.Wrap(MessageKind.ReturnTasks, w.Written);
            }
            case TasksReturned returned:
            {
                var w = new WireWriter(12 + 4 * returned.Tasks.Count);
                w.Int64(returned.Generation);
                w.Int32(returned.Tasks.Count);
                foreach (int task in returned.Tasks) w.Int32(task);
                return _codec.Wrap(MessageKind.TasksReturned, w.Written);
            }
            case WorkBatch batch:
            {
                var w = new WireWriter(4 + batch.Tasks.Count * WireCodec.TaskBytes);
                w.Int32(batch.Tasks.Count);
                foreach (EvaluationTask task in batch.Tasks) WireCodec.WriteTask(w, task);
                return _codec.Wrap(MessageKind.WorkBatch, w.Written);
            }
            case TaskResults results:
            {
                var w = new WireWriter(4 + results.Results.Count * 64);
                w.Int32(results.Results.Count);
                foreach (TaskResult result in results.Results) WireCodec.WriteResult(w, result);
                return _codec.Wrap(MessageKind.TaskResults, w.Written);
            }
            case GenerationPublished published:
            {
                var w = new WireWriter(128);
                WritePublished(w, published);
                return _codec.Wrap(MessageKind.GenerationPublished, w.Written);
            }
            case GetUpdates get:
            {
                var w = new WireWriter(8);
                w.Int64(get.FromGeneration);
                return _codec.Wrap(MessageKind.GetUpdates, w.Written);
            }
            case UpdatesReply reply:
            {
                var w = new WireWriter(4 + reply.Updates.Count * 128);
                w.Int32(reply.Updates.Count);
                foreach (GenerationPublished published in reply.Updates) WritePublished(w, published);
                return _codec.Wrap(MessageKind.UpdatesReply, w.Written);
            }
            case GetSnapshot:
                return _codec.Wrap(MessageKind.GetSnapshot, []);
            case QueryReplicas:
                return _codec.Wrap(MessageKind.QueryReplicas, []);
            case ReplicaState state:
            {
                var w = new WireWriter(9);
                w.Int64(state.Generation);
                w.Bool(state.RunEnded);
                return _codec.Wrap(MessageKind.ReplicaState, w.Written);
            }
            case RunEnded ended:
            {
                var w = new WireWriter(64);
                w.String(ended.Reason);
                if (w.Length - 4 > MaxReasonBytes)
                    throw new ArgumentException($"A run's end reason is at most {MaxReasonBytes} bytes of UTF-8, not {w.Length - 4}.", nameof(message));
                return _codec.Wrap(MessageKind.RunEnded, w.Written);
            }
            default:
                throw new ArgumentException($"{message?.GetType().FullName ?? "null"} is not a message of the wire protocol.", nameof(message));
        }
    }

    /// <summary>Decodes the bytes of a message whose sender named it <paramref name="manifest"/>.</summary>
    /// <exception cref="WireException">The bytes are refused (unknown manifest, other run or version, oversized, another kind than the manifest says, malformed); the message says why.</exception>
    public IWireMessage Decode(ReadOnlySpan<byte> bytes, string manifest)
    {
        if (!KindByManifest.TryGetValue(manifest ?? "", out MessageKind kind))
            throw new WireException(WireRefusal.UnknownType, $"unknown message type '{Shorten(manifest ?? "")}'");
        return kind switch
        {
            MessageKind.Snapshot => new SnapshotReply(_codec.DecodeSnapshot(bytes)),
            MessageKind.RequestWork => _codec.Guard(bytes, kind, static (ref WireReader r) =>
                new RequestWork(WireCodec.NonNegative(r.Int32("max"), "max"), WireCodec.NonNegative(r.Int32("evaluators"), "evaluators"))),
            MessageKind.ReturnTasks => _codec.Guard(bytes, kind, static (ref WireReader r) =>
                new ReturnTasks(WireCodec.NonNegative(r.Int64("generation"), "generation"), WireCodec.NonNegative(r.Int32("max"), "max"))),
            MessageKind.TasksReturned => _codec.Guard(bytes, kind, static (ref WireReader r) =>
            {
                long generation = WireCodec.NonNegative(r.Int64("generation"), "generation");
                var tasks = new int[r.Count("tasks", 4, MaxItems)];
                for (int i = 0; i < tasks.Length; i++) tasks[i] = WireCodec.NonNegative(r.Int32("task"), "task");
                return new TasksReturned(generation, tasks);
            }),
            MessageKind.WorkBatch => _codec.Guard(bytes, kind, static (ref WireReader r) =>
            {
                var tasks = new EvaluationTask[r.Count("tasks", WireCodec.TaskBytes, MaxItems)];
                for (int i = 0; i < tasks.Length; i++) tasks[i] = WireCodec.ReadTask(ref r);
                return new WorkBatch(tasks);
            }),
            MessageKind.TaskResults => _codec.Guard(bytes, kind, static (ref WireReader r) =>
            {
                var results = new TaskResult[r.Count("results", WireCodec.MinResultBytes, MaxItems)];
                for (int i = 0; i < results.Length; i++) results[i] = WireCodec.ReadResult(ref r);
                return new TaskResults(results);
            }),
            MessageKind.GenerationPublished => _codec.Guard(bytes, kind, ReadPublished),
            MessageKind.GetUpdates => _codec.Guard(bytes, kind, static (ref WireReader r) =>
                new GetUpdates(AtLeastMinusOne(r.Int64("from-generation"), "from-generation"))),
            MessageKind.UpdatesReply => _codec.Guard(bytes, kind, static (ref WireReader r) =>
            {
                var updates = new GenerationPublished[r.Count("updates", MinPublishedBytes, MaxItems)];
                for (int i = 0; i < updates.Length; i++) updates[i] = ReadPublished(ref r);
                return new UpdatesReply(updates);
            }),
            MessageKind.GetSnapshot => _codec.Guard(bytes, kind, static (ref WireReader _) => GetSnapshot.Instance),
            MessageKind.QueryReplicas => _codec.Guard(bytes, kind, static (ref WireReader _) => QueryReplicas.Instance),
            MessageKind.ReplicaState => _codec.Guard(bytes, kind, static (ref WireReader r) =>
                new ReplicaState(AtLeastMinusOne(r.Int64("generation"), "generation"), r.Bool("run-ended flag"))),
            MessageKind.RunEnded => _codec.Guard(bytes, kind, static (ref WireReader r) => new RunEnded(r.String("reason", MaxReasonBytes))),
            _ => throw new WireException(WireRefusal.UnknownType, $"unknown message type '{manifest}'"),
        };
    }

    private static void WritePublished(WireWriter w, GenerationPublished published)
    {
        WireCodec.WriteGeneration(w, published.Update);
        w.Int32(published.GoalStreak);
        w.Double(published.BestReturn);
    }

    private static GenerationPublished ReadPublished(ref WireReader r)
    {
        GenerationUpdate update = WireCodec.ReadGeneration(ref r);
        int streak = WireCodec.NonNegative(r.Int32("goal streak"), "goal streak");
        double best = r.Double("best return");
        return new GenerationPublished(update, streak, best);
    }

    private static long AtLeastMinusOne(long value, string field) =>
        value >= -1 ? value : throw new WireException($"malformed: {field} is {value}, expected -1 or more");

    /// <summary>A manifest from the network, cut short and stripped of control characters for the log.</summary>
    internal static string Shorten(string manifest)
    {
        string clean = new(manifest.Take(80).Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return manifest.Length > 80 ? clean + "…" : clean;
    }
}
