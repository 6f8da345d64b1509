// The wire format, version 3: an envelope (magic, version, kind, run id, length) around explicit payloads.
using System.Globalization;
using Es.Core.Checkpoints;
using Es.Core.Evaluation;
using Es.Core.Normalization;
using Es.Core.Strategies;
using Es.Core.Training;

namespace Es.Actors.Wire;

/// <summary>
/// Encodes and decodes everything that crosses machines. Nothing is deserialized into arbitrary
/// types: each message kind has a fixed little-endian layout, and the envelope lets a receiver
/// refuse, with a message that says why, bytes from another run, another protocol version,
/// beyond the size limit, or that do not parse.
/// </summary>
/// <remarks>
/// Envelope layout (protocol version 3; version 2 added the fitness update of the strategies other than
/// OpenAI-ES, version 3 the cluster messages of <see cref="WireMessageCodec"/>): magic "ESWM" (4 bytes), version (uint16), kind
/// (<see cref="MessageKind"/>, 1 byte), run id (int32 byte count + UTF-8), payload length (int32),
/// payload. The checks run in that order, so a message of a newer protocol is reported as such
/// rather than as garbage. Decoding throws <see cref="WireException"/> and nothing else.
/// Instances are immutable and thread-safe.
/// </remarks>
public sealed class WireCodec
{
    /// <summary>The protocol version this node writes and the only one it reads.</summary>
    public const ushort ProtocolVersion = 4;

    /// <summary>Default limit on an encoded message: 16 MiB, ample for a snapshot of a large policy.</summary>
    public const int DefaultMaxMessageBytes = 16 * 1024 * 1024;

    /// <summary>Longest run id, node id or role accepted (bytes of UTF-8), so a header cannot claim megabytes.</summary>
    public const int MaxNameBytes = 1024;

    private static readonly byte[] Magic = "ESWM"u8.ToArray();
    private readonly byte[] _runIdBytes;

    /// <summary>Creates a codec for one run.</summary>
    /// <param name="runId">The run every message must belong to.</param>
    /// <param name="maxMessageBytes">Largest encoded message accepted or produced.</param>
    /// <exception cref="ArgumentException"><paramref name="runId"/> is empty or longer than <see cref="MaxNameBytes"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxMessageBytes"/> is not positive.</exception>
    public WireCodec(string runId, int maxMessageBytes = DefaultMaxMessageBytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxMessageBytes);
        _runIdBytes = System.Text.Encoding.UTF8.GetBytes(runId);
        if (_runIdBytes.Length > MaxNameBytes)
            throw new ArgumentException($"The run id is {_runIdBytes.Length} bytes; at most {MaxNameBytes} are allowed.", nameof(runId));
        RunId = runId;
        MaxMessageBytes = maxMessageBytes;
    }

    /// <summary>The run this codec writes and accepts.</summary>
    public string RunId { get; }

    /// <summary>Largest encoded message accepted or produced, in bytes.</summary>
    public int MaxMessageBytes { get; }

    /// <summary>Encodes a task.</summary>
    /// <exception cref="WireException">The message would exceed <see cref="MaxMessageBytes"/>.</exception>
    public byte[] EncodeTask(EvaluationTask task)
    {
        var w = new WireWriter(TaskBytes);
        WriteTask(w, task);
        return Wrap(MessageKind.Task, w.Written);
    }

    /// <summary>Bytes of one task's payload (fixed size).</summary>
    internal const int TaskBytes = 8 + 4 + 4 + 8 + 1 + 1;

    /// <summary>Writes a task's payload: generation, task index, noise index, environment seed, statistics flag, kind.</summary>
    internal static void WriteTask(WireWriter w, EvaluationTask task)
    {
        w.Int64(task.Generation);
        w.Int32(task.Task);
        w.Int32(task.NoiseIndex);
        w.UInt64(task.EnvironmentSeed);
        w.Bool(task.CollectStatistics);
        w.Byte((byte)task.Kind);
    }

    /// <summary>Decodes a task.</summary>
    /// <exception cref="WireException">The bytes are refused; the message says why.</exception>
    public EvaluationTask DecodeTask(ReadOnlySpan<byte> bytes) => Guard(bytes, MessageKind.Task, ReadTask);

    /// <summary>Reads what <see cref="WriteTask"/> wrote, checking every field.</summary>
    internal static EvaluationTask ReadTask(ref WireReader r)
    {
        long generation = NonNegative(r.Int64("generation"), "generation");
        int task = NonNegative(r.Int32("task index"), "task index");
        int noiseIndex = r.Int32("noise index");
        ulong seed = r.UInt64("environment seed");
        bool collect = r.Bool("collect-statistics flag");
        byte kind = r.Byte("task kind");
        if (!Enum.IsDefined((TaskKind)kind)) throw new WireException($"malformed: unknown task kind {kind}");
        // Evaluation episodes of θ itself carry no perturbation (noise index −1); training pairs need a real one.
        if ((TaskKind)kind == TaskKind.Train) NonNegative(noiseIndex, "noise index");
        return new EvaluationTask(generation, task, noiseIndex, seed, collect, (TaskKind)kind);
    }

    /// <summary>Encodes a result (fitness bits, NaN included, are kept exactly).</summary>
    /// <exception cref="WireException">The message would exceed <see cref="MaxMessageBytes"/>.</exception>
    public byte[] EncodeResult(TaskResult result)
    {
        var w = new WireWriter(64 + (result.Statistics?.Size ?? 0) * 16);
        WriteResult(w, result);
        return Wrap(MessageKind.Result, w.Written);
    }

    /// <summary>Fewest bytes of one result's payload (without observation statistics).</summary>
    internal const int MinResultBytes = 8 + 4 + 8 + 8 + 4 + 4 + 4 + 1;

    /// <summary>Writes a result's payload: generation, task, both fitnesses (exact bits), both lengths, retries, statistics.</summary>
    internal static void WriteResult(WireWriter w, TaskResult result)
    {
        w.Int64(result.Generation);
        w.Int32(result.Task);
        w.Double(result.FitnessPositive);
        w.Double(result.FitnessNegative);
        w.Int32(result.StepsPositive);
        w.Int32(result.StepsNegative);
        w.Int32(result.Retries);
        WriteStatistics(w, result.Statistics);
    }

    /// <summary>Decodes a result.</summary>
    /// <exception cref="WireException">The bytes are refused; the message says why.</exception>
    public TaskResult DecodeResult(ReadOnlySpan<byte> bytes) => Guard(bytes, MessageKind.Result, ReadResult);

    /// <summary>Reads what <see cref="WriteResult"/> wrote, checking every field.</summary>
    internal static TaskResult ReadResult(ref WireReader r)
    {
        long generation = NonNegative(r.Int64("generation"), "generation");
        int task = NonNegative(r.Int32("task index"), "task index");
        double plus = r.Double("fitness +");
        double minus = r.Double("fitness -");
        int stepsPlus = NonNegative(r.Int32("steps +"), "steps +");
        int stepsMinus = NonNegative(r.Int32("steps -"), "steps -");
        int retries = NonNegative(r.Int32("retries"), "retries");
        ObservationStats? stats = ReadStatistics(ref r);
        return new TaskResult(generation, task, plus, minus, stepsPlus, stepsMinus, stats, retries);
    }

    /// <summary>Encodes a generation update.</summary>
    /// <exception cref="ArgumentException">The strategy update is of a kind this protocol does not carry.</exception>
    /// <exception cref="WireException">The message would exceed <see cref="MaxMessageBytes"/>.</exception>
    public byte[] EncodeGeneration(GenerationUpdate update)
    {
        var w = new WireWriter(64 + (update.Statistics?.Size ?? 0) * 16);
        WriteGeneration(w, update);
        return Wrap(MessageKind.Generation, w.Written);
    }

    /// <summary>Fewest bytes of one generation update's payload (kind, generation, two empty lists, no statistics, checksum).</summary>
    internal const int MinGenerationBytes = 1 + 8 + 4 + 4 + 1 + 8;

    /// <summary>Writes a generation update's payload: strategy update kind and fields, statistics, parameter checksum.</summary>
    /// <exception cref="ArgumentException">The strategy update is of a kind this protocol does not carry.</exception>
    internal static void WriteGeneration(WireWriter w, GenerationUpdate update)
    {
        switch (update.Strategy)
        {
            case NoiseStepUpdate step:
                w.Byte(StrategyNoiseStep);
                w.Int64(step.Generation);
                w.Int32s(step.NoiseIndices);
                w.Singles(step.Weights);
                break;
            case FitnessUpdate told:
                w.Byte(StrategyFitness);
                w.Int64(told.Generation);
                w.Int32s(told.Tasks);
                w.Doubles(told.Fitness);
                break;
            default:
                throw new ArgumentException($"Protocol version {ProtocolVersion} carries {nameof(NoiseStepUpdate)} and {nameof(FitnessUpdate)}, not {update.Strategy.GetType().Name}.", nameof(update));
        }
        WriteStatistics(w, update.Statistics);
        w.UInt64(update.ParameterChecksum);
    }

    /// <summary>Decodes a generation update.</summary>
    /// <exception cref="WireException">The bytes are refused; the message says why.</exception>
    public GenerationUpdate DecodeGeneration(ReadOnlySpan<byte> bytes) => Guard(bytes, MessageKind.Generation, ReadGeneration);

    /// <summary>Reads what <see cref="WriteGeneration"/> wrote, checking every field.</summary>
    internal static GenerationUpdate ReadGeneration(ref WireReader r)
    {
        byte strategy = r.Byte("strategy update kind");
        if (strategy is not (StrategyNoiseStep or StrategyFitness)) throw new WireException($"malformed: unknown strategy update kind {strategy}");
        long generation = NonNegative(r.Int64("generation"), "generation");
        StrategyUpdate told;
        if (strategy == StrategyNoiseStep)
        {
            int[] indices = r.Int32s("noise indices");
            float[] weights = r.Singles("weights");
            if (indices.Length != weights.Length)
                throw new WireException($"malformed: {indices.Length} noise indices but {weights.Length} weights");
            told = new NoiseStepUpdate(generation, indices, weights);
        }
        else
        {
            int[] tasks = r.Int32s("tasks");
            double[] fitness = r.Doubles("fitness");
            if (tasks.Length == 0 || fitness.Length % tasks.Length != 0)
                throw new WireException($"malformed: {fitness.Length} fitnesses for {tasks.Length} tasks");
            told = new FitnessUpdate(generation, tasks, fitness);
        }
        ObservationStats? stats = ReadStatistics(ref r);
        ulong checksum = r.UInt64("parameter checksum");
        return new GenerationUpdate(told, stats, checksum);
    }

    /// <summary>Encodes a snapshot: the checkpoint file's bytes (versioned, SHA-256 checked) inside the envelope.</summary>
    /// <exception cref="WireException">The message would exceed <see cref="MaxMessageBytes"/>.</exception>
    public byte[] EncodeSnapshot(Checkpoint snapshot) => Wrap(MessageKind.Snapshot, CheckpointFile.Serialize(snapshot));

    /// <summary>Decodes a snapshot.</summary>
    /// <exception cref="WireException">The bytes are refused, including a checkpoint that fails its own checks.</exception>
    public Checkpoint DecodeSnapshot(ReadOnlySpan<byte> bytes)
    {
        ReadOnlySpan<byte> payload = Unwrap(bytes, MessageKind.Snapshot);
        try
        {
            return CheckpointFile.Deserialize(payload, $"snapshot of run '{RunId}'");
        }
        catch (CheckpointException e)
        {
            throw new WireException($"malformed: {e.Reason}", e);
        }
        catch (Exception e) when (e is not WireException)
        {
            throw new WireException($"malformed: the snapshot does not parse ({e.Message})", e);
        }
    }

    /// <summary>Puts <paramref name="payload"/> in an envelope; <paramref name="version"/> and <paramref name="runId"/> are overridable so tests can forge foreign messages.</summary>
    internal byte[] Wrap(MessageKind kind, ReadOnlySpan<byte> payload, ushort version = ProtocolVersion, string? runId = null)
    {
        byte[] run = runId is null ? _runIdBytes : System.Text.Encoding.UTF8.GetBytes(runId);
        long total = (long)Magic.Length + 2 + 1 + 4 + run.Length + 4 + payload.Length;
        if (total > MaxMessageBytes)
            throw new WireException(WireRefusal.Oversized, $"oversized: a {kind} message of {FormatSizes(total, MaxMessageBytes)}");
        var w = new WireWriter((int)total);
        w.Bytes(Magic);
        w.Int16(version);
        w.Byte((byte)kind);
        w.Int32(run.Length);
        w.Bytes(run);
        w.Int32(payload.Length);
        w.Bytes(payload);
        return w.Written.ToArray();
    }

    /// <summary>Checks the envelope and returns the payload.</summary>
    /// <exception cref="WireException">Any check fails; the checks run in layout order.</exception>
    internal ReadOnlySpan<byte> Unwrap(ReadOnlySpan<byte> bytes, MessageKind expected)
    {
        if (bytes.Length > MaxMessageBytes)
            throw new WireException(WireRefusal.Oversized, $"oversized: {FormatSizes(bytes.Length, MaxMessageBytes)}");
        if (bytes.Length < Magic.Length || !bytes[..Magic.Length].SequenceEqual(Magic))
            throw new WireException($"malformed: not an EsAkka message (no ESWM signature; {bytes.Length} bytes)");
        var r = new WireReader(bytes[Magic.Length..]);
        ushort version = r.UInt16("protocol version");
        if (version != ProtocolVersion)
            throw new WireException(WireRefusal.Version, $"protocol version {version}, this node speaks {ProtocolVersion}");
        byte kind = r.Byte("message kind");
        if (!Enum.IsDefined((MessageKind)kind))
            throw new WireException($"malformed: unknown message kind {kind}");
        if ((MessageKind)kind != expected)
            throw new WireException(WireRefusal.WrongKind, $"a {(MessageKind)kind} message where a {expected} message was expected");
        string runId = r.String("run id", MaxNameBytes);
        if (!string.Equals(runId, RunId, StringComparison.Ordinal))
            throw new WireException(WireRefusal.ForeignRun, $"message from run '{runId}', this run is '{RunId}'");
        int length = r.Int32("payload length");
        if (length < 0)
            throw new WireException($"malformed: negative payload length {length}");
        if (length > r.Remaining)
            throw new WireException($"malformed: truncated payload ({r.Remaining} of {length} bytes)");
        if (length < r.Remaining)
            throw new WireException($"malformed: {r.Remaining - length} unexpected bytes after the payload");
        return r.Bytes(length, "payload");
    }

    private const byte StrategyNoiseStep = 1;
    private const byte StrategyFitness = 2;

    /// <summary>Reads one payload (or a part of one) from <paramref name="reader"/>.</summary>
    internal delegate T PayloadReader<T>(ref WireReader reader);

    /// <summary>Unwraps, reads the payload to its last byte, and turns any stray exception into a <see cref="WireException"/>.</summary>
    internal T Guard<T>(ReadOnlySpan<byte> bytes, MessageKind kind, PayloadReader<T> read)
    {
        ReadOnlySpan<byte> payload = Unwrap(bytes, kind);
        try
        {
            var r = new WireReader(payload);
            T value = read(ref r);
            r.End($"{kind} payload");
            return value;
        }
        catch (Exception e) when (e is not WireException)
        {
            throw new WireException($"malformed: the {kind} payload does not parse ({e.Message})", e);
        }
    }

    private static void WriteStatistics(WireWriter w, ObservationStats? stats)
    {
        w.Bool(stats is not null);
        if (stats is null) return;
        w.Doubles(stats.Sum);
        w.Doubles(stats.SumSq);
        w.Double(stats.Count);
    }

    private static ObservationStats? ReadStatistics(ref WireReader r)
    {
        if (!r.Bool("statistics flag")) return null;
        double[] sum = r.Doubles("statistics sum");
        double[] sumSq = r.Doubles("statistics sum of squares");
        double count = r.Double("statistics count");
        if (sum.Length != sumSq.Length)
            throw new WireException($"malformed: statistics have {sum.Length} sums but {sumSq.Length} sums of squares");
        if (!double.IsFinite(count) || count < 0)
            throw new WireException($"malformed: statistics count {count.ToString(CultureInfo.InvariantCulture)}");
        return new ObservationStats(sum, sumSq, count);
    }

    internal static T NonNegative<T>(T value, string field) where T : System.Numerics.INumber<T>
    {
        if (T.IsNegative(value)) throw new WireException($"malformed: {field} is negative ({value})");
        return value;
    }

    /// <summary>"20 MB &gt; limit 16 MB", falling back to exact bytes when rounding would make both sides read alike.</summary>
    internal static string FormatSizes(long size, long limit)
    {
        string s = FormatSize(size), l = FormatSize(limit);
        if (s == l) (s, l) = ($"{size} bytes", $"{limit} bytes");
        return $"{s} > limit {l}";
    }

    private static string FormatSize(long bytes) => bytes switch
    {
        >= 1024 * 1024 => (bytes / (1024.0 * 1024.0)).ToString("0.#", CultureInfo.InvariantCulture) + " MB",
        >= 1024 => (bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " KB",
        _ => $"{bytes} bytes",
    };
}
