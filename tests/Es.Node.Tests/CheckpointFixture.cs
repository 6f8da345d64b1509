// One small trained checkpoint shared by the inspect and eval tests, made with the library directly.
using Es.Core.Checkpoints;
using Es.Core.Configuration;
using Es.Core.Training;

namespace Es.Node.Tests;

/// <summary>A CartPole checkpoint after three generations, written without going through `es train`.</summary>
public sealed class CheckpointFixture : IDisposable
{
    private readonly TempDirectory _directory = new();

    /// <summary>Trains three generations and saves the checkpoint.</summary>
    public CheckpointFixture()
    {
        EsSettings settings = SettingsLoader.Load(TestFiles.Config("cartpole-tiny.conf"));
        LocalTrainer trainer = TrainingSetup.FromSettings(settings).CreateLocalTrainer(threads: 2);
        for (int g = 0; g < 3; g++) trainer.RunGeneration();
        Checkpoint = trainer.Learner.ToCheckpoint(settings.Env.Id, 42.5, settings.ToHocon());
        Path = _directory.Combine("three.ckpt");
        CheckpointFile.Save(Path, Checkpoint);
    }

    /// <summary>The checkpoint file.</summary>
    public string Path { get; }

    /// <summary>What was saved.</summary>
    public Checkpoint Checkpoint { get; }

    /// <summary>A copy of the checkpoint with one byte flipped in the middle (the checksum no longer matches).</summary>
    public string CorruptedCopy(TempDirectory where)
    {
        byte[] bytes = File.ReadAllBytes(Path);
        bytes[bytes.Length / 2] ^= 0x5A;
        string file = where.Combine("corrupted.ckpt");
        File.WriteAllBytes(file, bytes);
        return file;
    }

    /// <inheritdoc />
    public void Dispose() => _directory.Dispose();
}
