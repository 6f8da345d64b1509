// Pins the checkpoint format: exact round trip, and a clear refusal of bad files.
using Es.Core.Checkpoints;
using Es.Core.Optimizers;
using Es.Core.Strategies;

namespace Es.Core.Tests.Checkpoints;

public sealed class CheckpointFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("es-ckpt-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Checkpoint Sample() => new(
        RunSeed: 12345,
        Generation: 17,
        EnvironmentId: "CartPole-v1",
        Strategy: new StrategyState("openai-es", 17, [0.5f, -1.25f, float.Epsilon, 3e10f], new OptimizerState("adam", 17, [[1f, 2f, 3f, 4f], [0.1f, 0.2f, 0.3f, 0.4f]])),
        Normalizer: new Es.Core.Normalization.ObservationStats([1.0, 2.0], [3.0, 4.5], 100.01),
        Timesteps: 1_000_000,
        Episodes: 2_000,
        BestReturn: 475.5,
        Configuration: "es { run { seed = 12345 } }\n",
        GoalStreak: 2);

    [Fact]
    public void SaveThenLoad_RoundTripsEveryField()
    {
        string path = Path.Combine(_dir, "latest.ckpt");
        Checkpoint original = Sample();
        CheckpointFile.Save(path, original);
        Checkpoint loaded = CheckpointFile.Load(path);
        Assert.Equal(original.RunSeed, loaded.RunSeed);
        Assert.Equal(original.Generation, loaded.Generation);
        Assert.Equal(original.EnvironmentId, loaded.EnvironmentId);
        Assert.Equal(original.Strategy.Center, loaded.Strategy.Center);
        Assert.Equal(original.Strategy.Optimizer!.Buffers[1], loaded.Strategy.Optimizer!.Buffers[1]);
        Assert.Equal(original.Strategy.Optimizer.StepCount, loaded.Strategy.Optimizer.StepCount);
        Assert.Equal(original.Normalizer!.SumSq, loaded.Normalizer!.SumSq);
        Assert.Equal(original.Normalizer.Count, loaded.Normalizer.Count);
        Assert.Equal(original.BestReturn, loaded.BestReturn);
        Assert.Equal(original.Configuration, loaded.Configuration);
        Assert.Equal(2, loaded.GoalStreak);
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp"));
    }

    [Fact]
    public void SaveThenLoad_RoundTripsTheStrategysOwnState()
    {
        Checkpoint original = Sample() with { Strategy = Sample().Strategy with { Extra = [0.25, -1e-300, double.MaxValue] } };
        Checkpoint loaded = CheckpointFile.Deserialize(CheckpointFile.Serialize(original), "memory");
        Assert.Equal(original.Strategy.Extra, loaded.Strategy.Extra);
        Assert.Null(CheckpointFile.Deserialize(CheckpointFile.Serialize(Sample()), "memory").Strategy.Extra);
    }

    // An older file is today's without the trailing flags its version lacked (Sample() has no extra state and no reference batch).
    private static byte[] OlderVersion(int version)
    {
        byte[] current = CheckpointFile.Serialize(Sample());
        int drop = CheckpointFile.FormatVersion - version;
        int payload = current.Length - 20 - 32;
        var old = new byte[current.Length - drop];
        current.AsSpan(0, 20 + payload - drop).CopyTo(old);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(old.AsSpan(8), version);
        System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(old.AsSpan(12), payload - drop);
        System.Security.Cryptography.SHA256.HashData(old.AsSpan(0, old.Length - 32), old.AsSpan(old.Length - 32));
        return old;
    }

    [Fact]
    public void Load_ReadsAVersion1File_WhichHadNoStrategyState()
    {
        Checkpoint loaded = CheckpointFile.Deserialize(OlderVersion(1), "v1");
        Assert.Equal(Sample().Strategy.Center, loaded.Strategy.Center);
        Assert.Null(loaded.Strategy.Extra);
        Assert.Null(loaded.ReferenceBatch);
        Assert.Equal(2, loaded.GoalStreak);
    }

    [Fact]
    public void Load_ReadsAVersion2File_WhichHadNoReferenceBatch()
    {
        Checkpoint loaded = CheckpointFile.Deserialize(OlderVersion(2), "v2");
        Assert.Equal(Sample().Strategy.Center, loaded.Strategy.Center);
        Assert.Null(loaded.ReferenceBatch);
        Assert.Equal(Sample().Configuration, loaded.Configuration);
    }

    [Fact]
    public void ReferenceBatch_SurvivesARoundTripBitForBit()
    {
        float[] batch = [0f, -0f, 1f, float.Epsilon, 3.4028235e38f, -1.5f, BitConverter.Int32BitsToSingle(0x3F800001)];
        Checkpoint loaded = CheckpointFile.Deserialize(CheckpointFile.Serialize(Sample() with { ReferenceBatch = batch }), "memory");
        Assert.Equal(batch.Select(BitConverter.SingleToInt32Bits), loaded.ReferenceBatch!.Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void Load_RefusesATruncatedFile_SayingSo()
    {
        string path = Path.Combine(_dir, "t.ckpt");
        byte[] bytes = CheckpointFile.Serialize(Sample());
        File.WriteAllBytes(path, bytes[..(bytes.Length - 40)]);
        var e = Assert.Throws<CheckpointException>(() => CheckpointFile.Load(path));
        Assert.StartsWith(path, e.Message);
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void Load_RefusesACorruptedFile_SayingSo()
    {
        string path = Path.Combine(_dir, "c.ckpt");
        byte[] bytes = CheckpointFile.Serialize(Sample());
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(path, bytes);
        Assert.Contains("checksum does not match", Assert.Throws<CheckpointException>(() => CheckpointFile.Load(path)).Message);
    }

    [Fact]
    public void Load_RefusesAForeignFile_SayingSo()
    {
        string path = Path.Combine(_dir, "f.ckpt");
        File.WriteAllText(path, "{\"not\": \"a checkpoint\"}");
        Assert.Contains("not an EsAkka checkpoint", Assert.Throws<CheckpointException>(() => CheckpointFile.Load(path)).Message);
    }

    [Fact]
    public void Load_RefusesANewerFormatVersion_SayingSo()
    {
        string path = Path.Combine(_dir, "v.ckpt");
        byte[] bytes = CheckpointFile.Serialize(Sample());
        bytes[8] = 99;
        File.WriteAllBytes(path, bytes);
        Assert.Contains("format version 99 is not supported", Assert.Throws<CheckpointException>(() => CheckpointFile.Load(path)).Message);
    }

    [Fact]
    public void Load_RefusesAMissingFile_SayingSo()
    {
        string path = Path.Combine(_dir, "missing.ckpt");
        Assert.Contains("cannot read", Assert.Throws<CheckpointException>(() => CheckpointFile.Load(path)).Message);
    }

    [Fact]
    public void Save_ReplacesAnExistingFileAtomically()
    {
        string path = Path.Combine(_dir, "a.ckpt");
        CheckpointFile.Save(path, Sample());
        CheckpointFile.Save(path, Sample() with { Generation = 18 });
        Assert.Equal(18, CheckpointFile.Load(path).Generation);
        Assert.Single(Directory.GetFiles(_dir));
    }
}
