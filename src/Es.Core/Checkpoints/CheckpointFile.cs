// The checkpoint file format: a versioned binary layout closed by a SHA-256 checksum, written atomically.
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Es.Core.Normalization;
using Es.Core.Optimizers;
using Es.Core.Strategies;

namespace Es.Core.Checkpoints;

/// <summary>
/// Reads and writes <see cref="Checkpoint"/>s. Layout: the magic "ESAKKACK", a 32-bit format
/// version, a 64-bit payload length, the payload (little-endian fields), and the SHA-256 of
/// everything before it. A reader can therefore tell a foreign file (magic), a newer format
/// (version), a truncated file (length) and a corrupted one (checksum) apart, and say which.
/// </summary>
public static class CheckpointFile
{
    /// <summary>The format version this build writes and the newest it reads.</summary>
    public const int FormatVersion = 3;

    private static readonly byte[] Magic = "ESAKKACK"u8.ToArray();
    private const int HeaderSize = 8 + 4 + 8;
    private const int ChecksumSize = 32;

    /// <summary>Writes <paramref name="checkpoint"/> to <paramref name="path"/> atomically: a reader sees the old file or the new one, never half of one.</summary>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void Save(string path, Checkpoint checkpoint)
    {
        byte[] bytes = Serialize(checkpoint);
        string directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        string temp = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Reads a checkpoint.</summary>
    /// <exception cref="CheckpointException">The file is missing, foreign, truncated, corrupted or of a newer format; the message says which.</exception>
    public static Checkpoint Load(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointException(path, $"cannot read the checkpoint: {e.Message}", e);
        }
        return Deserialize(bytes, path);
    }

    /// <summary>The checkpoint as bytes (the file's exact content).</summary>
    public static byte[] Serialize(Checkpoint checkpoint)
    {
        using var payload = new MemoryStream();
        using (var w = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(checkpoint.RunSeed);
            w.Write(checkpoint.Generation);
            w.Write(checkpoint.EnvironmentId);
            w.Write(checkpoint.Timesteps);
            w.Write(checkpoint.Episodes);
            w.Write(checkpoint.BestReturn);
            w.Write(checkpoint.Configuration);
            w.Write(checkpoint.GoalStreak);
            StrategyState s = checkpoint.Strategy;
            w.Write(s.Name);
            w.Write(s.Generation);
            WriteFloats(w, s.Center);
            w.Write(s.Optimizer is not null);
            if (s.Optimizer is { } o)
            {
                w.Write(o.Kind);
                w.Write(o.StepCount);
                w.Write(o.Buffers.Length);
                foreach (float[] b in o.Buffers) WriteFloats(w, b);
            }
            w.Write(checkpoint.Normalizer is not null);
            if (checkpoint.Normalizer is { } n)
            {
                WriteDoubles(w, n.Sum);
                WriteDoubles(w, n.SumSq);
                w.Write(n.Count);
            }
            // Version 2: the strategy's own state beyond θ (CMA-ES's covariance, PEPG's σ, ...).
            w.Write(s.Extra is not null);
            if (s.Extra is { } extra) WriteDoubles(w, extra);
            // Version 3: the reference batch of virtual batch normalization.
            w.Write(checkpoint.ReferenceBatch is not null);
            if (checkpoint.ReferenceBatch is { } batch) WriteFloats(w, batch);
        }
        var bytes = new byte[HeaderSize + payload.Length + ChecksumSize];
        Magic.CopyTo(bytes, 0);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), FormatVersion);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(12), payload.Length);
        payload.GetBuffer().AsSpan(0, (int)payload.Length).CopyTo(bytes.AsSpan(HeaderSize));
        SHA256.HashData(bytes.AsSpan(0, bytes.Length - ChecksumSize), bytes.AsSpan(bytes.Length - ChecksumSize));
        return bytes;
    }

    /// <summary>Parses checkpoint bytes; <paramref name="origin"/> names them in errors.</summary>
    /// <exception cref="CheckpointException">The bytes are not a valid checkpoint.</exception>
    public static Checkpoint Deserialize(ReadOnlySpan<byte> bytes, string origin)
    {
        if (bytes.Length < Magic.Length || !bytes[..Magic.Length].SequenceEqual(Magic))
            throw new CheckpointException(origin, "not an EsAkka checkpoint (the file does not start with the ESAKKACK signature).");
        if (bytes.Length < HeaderSize)
            throw new CheckpointException(origin, $"truncated: {bytes.Length} bytes, shorter than the {HeaderSize}-byte header.");
        int version = BinaryPrimitives.ReadInt32LittleEndian(bytes[8..]);
        if (version > FormatVersion || version < 1)
            throw new CheckpointException(origin, $"format version {version} is not supported; this build reads versions 1 to {FormatVersion}.");
        long payloadLength = BinaryPrimitives.ReadInt64LittleEndian(bytes[12..]);
        long expected = HeaderSize + payloadLength + ChecksumSize;
        if (payloadLength < 0 || bytes.Length < expected)
            throw new CheckpointException(origin, $"truncated: {bytes.Length} bytes, expected {expected}.");
        if (bytes.Length > expected)
            throw new CheckpointException(origin, $"corrupted: {bytes.Length - expected} unexpected bytes after the checksum.");
        Span<byte> hash = stackalloc byte[ChecksumSize];
        SHA256.HashData(bytes[..(int)(expected - ChecksumSize)], hash);
        if (!hash.SequenceEqual(bytes[(int)(expected - ChecksumSize)..]))
            throw new CheckpointException(origin, "corrupted: the SHA-256 checksum does not match the content.");
        try
        {
            using var r = new BinaryReader(new MemoryStream(bytes.Slice(HeaderSize, (int)payloadLength).ToArray()), Encoding.UTF8);
            ulong runSeed = r.ReadUInt64();
            long generation = r.ReadInt64();
            string envId = r.ReadString();
            long timesteps = r.ReadInt64();
            long episodes = r.ReadInt64();
            double best = r.ReadDouble();
            string config = r.ReadString();
            int streak = r.ReadInt32();
            string name = r.ReadString();
            long strategyGeneration = r.ReadInt64();
            float[] center = ReadFloats(r);
            OptimizerState? optimizer = null;
            if (r.ReadBoolean())
            {
                string kind = r.ReadString();
                long steps = r.ReadInt64();
                int count = r.ReadInt32();
                if (count is < 0 or > 16) throw new InvalidDataException($"optimizer buffer count {count}");
                var buffers = new float[count][];
                for (int i = 0; i < count; i++) buffers[i] = ReadFloats(r);
                optimizer = new OptimizerState(kind, steps, buffers);
            }
            ObservationStats? normalizer = null;
            if (r.ReadBoolean())
                normalizer = new ObservationStats(ReadDoubles(r), ReadDoubles(r), r.ReadDouble());
            double[]? extra = version >= 2 && r.ReadBoolean() ? ReadDoubles(r) : null;
            float[]? referenceBatch = version >= 3 && r.ReadBoolean() ? ReadFloats(r) : null;
            if (r.BaseStream.Position != r.BaseStream.Length)
                throw new InvalidDataException("trailing bytes in the payload");
            return new Checkpoint(runSeed, generation, envId, new StrategyState(name, strategyGeneration, center, optimizer, extra), normalizer, timesteps, episodes, best, config, streak, referenceBatch);
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or IOException or ArgumentException)
        {
            throw new CheckpointException(origin, $"corrupted: the payload does not parse ({e.Message}).", e);
        }
    }

    private static void WriteFloats(BinaryWriter w, float[] values)
    {
        w.Write(values.Length);
        foreach (float v in values) w.Write(v);
    }

    private static void WriteDoubles(BinaryWriter w, double[] values)
    {
        w.Write(values.Length);
        foreach (double v in values) w.Write(v);
    }

    private static float[] ReadFloats(BinaryReader r)
    {
        int n = r.ReadInt32();
        if (n < 0 || (long)n * 4 > r.BaseStream.Length - r.BaseStream.Position) throw new InvalidDataException($"array length {n}");
        var values = new float[n];
        for (int i = 0; i < n; i++) values[i] = r.ReadSingle();
        return values;
    }

    private static double[] ReadDoubles(BinaryReader r)
    {
        int n = r.ReadInt32();
        if (n < 0 || (long)n * 8 > r.BaseStream.Length - r.BaseStream.Position) throw new InvalidDataException($"array length {n}");
        var values = new double[n];
        for (int i = 0; i < n; i++) values[i] = r.ReadDouble();
        return values;
    }
}
